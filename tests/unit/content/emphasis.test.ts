// @vitest-environment happy-dom
/**
 * The emphasis boxes of the passage shown in the page (utils/content/emphasis.ts). happy-dom does no
 * layout: the range's client rects, the layer's origin and the clipping ancestor's box are given.
 * Real Chromium paints them in tests/e2e/emphasis.e2e.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emphasisBoxes, followInnerScroll } from '../../../utils/content/emphasis';

const rect = (left: number, top: number, width: number, height: number) =>
  DOMRect.fromRect({ x: left, y: top, width, height });

/** A passage in a <p>, optionally inside a container with the given overflow. */
function passage(overflow?: string): { range: Range; layer: Element; container: HTMLElement | null } {
  const container = overflow ? document.createElement('div') : null;
  if (container) container.setAttribute('style', `overflow-x: ${overflow}; overflow-y: ${overflow}`);
  const p = document.createElement('p');
  p.textContent = 'We may use your data to train AI models.';
  (container ?? document.body).append(p);
  if (container) document.body.append(container);
  const layer = document.createElement('div');
  document.body.append(layer);
  const range = document.createRange();
  range.setStart(p.firstChild as Text, 0);
  range.setEnd(p.firstChild as Text, 20);
  return { range, layer, container };
}

/** The rects every range (the text pieces emphasisBoxes measures) gives: happy-dom has no layout. */
function rects(_range: Range, list: DOMRect[]) {
  vi.spyOn(Range.prototype, 'getClientRects').mockReturnValue(list as unknown as DOMRectList);
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('emphasisBoxes', () => {
  it('gives one box per line, in the layer’s coordinates (the page scrolled: the layer’s origin moved up)', () => {
    const { range, layer } = passage();
    vi.spyOn(layer, 'getBoundingClientRect').mockReturnValue(rect(0, -500, 0, 0));
    rects(range, [rect(100, 200.4, 300.2, 20), rect(100, 220.4, 120, 20)]);
    expect(emphasisBoxes(range, layer, window)).toEqual([
      { top: 700, left: 100, width: 300, height: 20 },
      { top: 720, left: 100, width: 120, height: 20 },
    ]);
  });

  it('leaves out a rect inside another (an element the quote wholly contains) and empty rects', () => {
    const { range, layer } = passage();
    vi.spyOn(layer, 'getBoundingClientRect').mockReturnValue(rect(0, 0, 0, 0));
    rects(range, [rect(100, 200, 300, 20), rect(150.2, 200.2, 40, 19.6), rect(10, 10, 0, 20)]);
    expect(emphasisBoxes(range, layer, window)).toEqual([{ top: 200, left: 100, width: 300, height: 20 }]);
  });

  it('cuts boxes to what a scrolling container shows, and leaves out lines scrolled out of it', () => {
    const { range, layer, container } = passage('auto');
    vi.spyOn(layer, 'getBoundingClientRect').mockReturnValue(rect(0, 0, 0, 0));
    vi.spyOn(container as HTMLElement, 'getBoundingClientRect').mockReturnValue(rect(0, 100, 500, 110));
    rects(range, [rect(100, 80, 300, 20), rect(100, 200, 300, 20), rect(100, 220, 300, 20)]);
    expect(emphasisBoxes(range, layer, window)).toEqual([{ top: 200, left: 100, width: 300, height: 10 }]);
  });

  it("measures the range's text only, node by node, never the box of an element it spans", () => {
    const one = document.createElement('p');
    one.textContent = 'We may use your data';
    const empty = document.createElement('h2');
    const two = document.createElement('p');
    two.textContent = 'to train AI models.';
    const layer = document.createElement('div');
    document.body.append(one, empty, two, layer);
    vi.spyOn(layer, 'getBoundingClientRect').mockReturnValue(rect(0, 0, 0, 0));
    const range = document.createRange();
    range.setStart(one.firstChild as Text, 3);
    range.setEnd(two.firstChild as Text, 8);
    const measured: string[] = [];
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      measured.push(this.toString());
      // The whole range would hold the heading's box too (the big one); its text pieces hold their lines.
      if (this.startContainer === one.firstChild) return [rect(30, 10, 200, 20)] as unknown as DOMRectList;
      if (this.startContainer === two.firstChild) return [rect(0, 60, 80, 20)] as unknown as DOMRectList;
      return [rect(0, 0, 1000, 100)] as unknown as DOMRectList;
    });
    expect(emphasisBoxes(range, layer, window)).toEqual([
      { top: 10, left: 30, width: 200, height: 20 },
      { top: 60, left: 0, width: 80, height: 20 },
    ]);
    expect(measured).toEqual(['may use your data', 'to train']);
  });

  it('is empty without a layer, or once the passage left the page', () => {
    const { range, layer } = passage();
    rects(range, [rect(100, 200, 300, 20)]);
    expect(emphasisBoxes(range, null, window)).toEqual([]);
    document.body.replaceChildren(layer);
    expect(emphasisBoxes(range, layer, window)).toEqual([]);
  });
});

describe('followInnerScroll', () => {
  it('repositions once per frame when a container scrolls, not for the page’s own scroll, and stops', () => {
    const frames: Array<() => void> = [];
    const reposition = vi.fn();
    const add = vi.spyOn(document, 'addEventListener');
    const stop = followInnerScroll({ doc: document, frame: (f) => frames.push(f) }, reposition);
    expect(add).toHaveBeenCalledWith('scroll', expect.any(Function), { capture: true, passive: true });
    const container = document.createElement('div');
    document.body.append(container);
    document.dispatchEvent(new Event('scroll'));
    expect(frames).toHaveLength(0);
    container.dispatchEvent(new Event('scroll'));
    container.dispatchEvent(new Event('scroll'));
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(reposition).toHaveBeenCalledTimes(1);
    stop();
    container.dispatchEvent(new Event('scroll'));
    expect(frames).toHaveLength(0);
  });
});
