/**
 * The marks of a policy page: which passages are marked, in reading order, and where their margin
 * markers go. Markers sit in a layer of our own, absolutely positioned at the page's origin, so they
 * scroll with the text without taking any room in the page's layout (nothing of the page reflows).
 */
import type { BannerMarker } from '@/components/PolicyBanner';

export interface Mark {
  /** The provision the passage is about. */
  id: string;
  range: Range;
}

/** A marker's size and its gap to the text, in CSS px (entrypoints/page-ui/style.css `.marker`). */
export const MARKER_SIZE = 18;
const GAP = 6;
/** The elements a passage's margin is measured from: the block it starts in. */
const BLOCKS = 'p, li, dd, dt, blockquote, td, th, h1, h2, h3, h4, h5, h6, pre, div, section, article, main';

/** The marks in document order (START_TO_START = 0), for stepping from one to the next. */
export function orderMarks(marks: readonly Mark[]): Mark[] {
  return [...marks].sort((a, b) => a.range.compareBoundaryPoints(0, b.range));
}

/**
 * Each mark's marker: in the margin left of the block its passage starts in, level with its first
 * line; where that margin is too narrow, in the right margin if that one has room (`viewportWidth`),
 * else at the viewport's left edge. A marker that would overlap the one above moves down.
 * Coordinates are relative to `layer` (its box is the page's origin). Nothing for a mark with no box.
 */
export function markerPositions(marks: readonly Mark[], layer: Element | null, viewportWidth = 0): BannerMarker[] {
  const origin = layer?.getBoundingClientRect();
  if (!origin) return [];
  const out: BannerMarker[] = [];
  const room = MARKER_SIZE + GAP + 2;
  let lastBottom = Number.NEGATIVE_INFINITY;
  for (const { id, range } of marks) {
    const line = range.getClientRects()[0];
    if (!line || line.height === 0) continue;
    const start = range.startContainer;
    const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
    const block = element?.closest(BLOCKS)?.getBoundingClientRect();
    const blockLeft = Math.min(block?.left ?? line.left, line.left);
    const blockRight = block?.right ?? line.right;
    let x = blockLeft - MARKER_SIZE - GAP;
    if (blockLeft < room) x = viewportWidth - blockRight >= room ? blockRight + GAP : 2;
    const y = Math.max(line.top - origin.top + (line.height - MARKER_SIZE) / 2, lastBottom + 2);
    lastBottom = y + MARKER_SIZE;
    out.push({ provisionId: id, top: Math.round(y), left: Math.round(x - origin.left) });
  }
  return out;
}
