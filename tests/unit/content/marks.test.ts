/**
 * Marks in reading order and where their margin markers go, over boxes a test sets (the layout
 * itself is the browser's: tests/e2e/marks.e2e.ts checks the markers beside the real text).
 */
import { describe, expect, it } from 'vitest';
import { MARKER_SIZE, type Mark, markerPositions, orderMarks } from '../../../utils/content/marks';

type Box = { left: number; top: number; width: number; height: number };
const rect = ({ left, top, width, height }: Box) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

/** A passage starting in a block at `block.left`, its first line at `line`; `order` is its place in the document. */
function mark(id: string, order: number, line: Box | null, blockLeft = line?.left ?? 0): Mark {
  const block = { getBoundingClientRect: () => rect({ left: blockLeft, top: 0, width: 600, height: 40 }) };
  const text = { nodeType: 3, parentElement: { closest: () => block } };
  const range = {
    order,
    startContainer: text,
    getClientRects: () => (line ? [rect(line)] : []),
    compareBoundaryPoints: (_how: number, other: { order: number }) => Math.sign(order - other.order),
  };
  return { id, range: range as unknown as Range };
}

/** The layer's box: where the page's origin is in the viewport (scrolled by 1,000 px, body 8 px in). */
const layer = { getBoundingClientRect: () => rect({ left: 8, top: -1000, width: 0, height: 0 }) } as Element;

describe('marks', () => {
  it('are put in document order', () => {
    const marks = [mark('c', 3, null), mark('a', 1, null), mark('b', 2, null)];
    expect(orderMarks(marks).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('get a marker left of their block, level with their first line, in page coordinates', () => {
    const [m] = markerPositions([mark('a', 1, { left: 200, top: 100, width: 300, height: 20 }, 120)], layer);
    // x: block left 120 − 18 − 6 gap = 96 in the viewport, 88 from the layer; y: 100 + 1000 + (20 − 18) / 2.
    expect(m).toEqual({ provisionId: 'a', left: 96 - 8, top: 1101 });
  });

  it('go to the right margin where the left one is too narrow, and stay inside the viewport without either', () => {
    const narrow = mark('a', 1, { left: 8, top: 10, width: 600, height: 18 });
    // Block 8 – 608 px (rect() gives blocks 600 px): 400 px of right margin in a 1,008 px viewport.
    expect(markerPositions([narrow], layer, 1008)[0]?.left).toBe(608 + 6 - 8);
    expect(markerPositions([narrow], layer, 620)[0]?.left).toBe(2 - 8);
  });

  it('move down when the one above would overlap, and skip a passage with no box', () => {
    const out = markerPositions(
      [
        mark('a', 1, { left: 100, top: 100, width: 300, height: 18 }),
        mark('b', 2, null),
        mark('c', 3, { left: 100, top: 105, width: 300, height: 18 }),
      ],
      layer,
    );
    expect(out.map((m) => m.provisionId)).toEqual(['a', 'c']);
    expect((out[1]?.top ?? 0) - (out[0]?.top ?? 0)).toBe(MARKER_SIZE + 2);
  });

  it('are not placed without their layer', () => {
    expect(markerPositions([mark('a', 1, { left: 1, top: 1, width: 1, height: 1 })], null)).toEqual([]);
  });
});
