/**
 * The emphasis of the one passage the user asked to see ("Show in page", a step from mark to mark),
 * drawn inside our closed shadow root: translucent boxes over the passage's line boxes, in a layer at
 * the page's origin (as the margin markers are, utils/content/marks.ts), so they scroll with the page
 * and take no room in its layout. Not a CSS highlight: `CSS.highlights` is the document's registry,
 * which the page's scripts can list, so a highlight for the shown passage alone would tell the page
 * which provision the user asked about. The quiet marks on every flagged passage stay a highlight:
 * which passages we flag is public data, the same for everyone.
 *
 * Cost (issue 12's budgets): the client rects of the passage's few text nodes (and a computed style of
 * each ancestor, for clipping) when shown, then again only when the page's layout changes (the banner's debounced resize watch) or a scroll container other than the
 * page itself scrolls (a passive listener, at most once per animation frame, only while a passage is
 * emphasised). The page's own scrolling moves nothing of ours: the layer scrolls with it.
 */

/** A box of the emphasis, in CSS px relative to the emphasis layer's origin. */
export interface EmphasisBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** A box narrower or lower than this (px) is left out: a highlight there would show nothing either. */
const MIN_SIDE = 2;
/** A rect this much (px) inside another on every side counts as inside it (sub-pixel layout). */
const SLACK = 0.5;

interface Edges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const inside = (a: Edges, b: Edges) =>
  a.left >= b.left - SLACK && a.right <= b.right + SLACK && a.top >= b.top - SLACK && a.bottom <= b.bottom + SLACK;

/** Overflow values that clip what overflows (not `visible`). */
const CLIPS = /hidden|clip|auto|scroll/;
const TEXT_NODE = 3;
// NodeFilter.SHOW_TEXT, spelled out so the module needs no NodeFilter global.
const SHOW_TEXT = 0x4;

type Clip = Edges;

const NO_CLIP: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };

/**
 * `clip` cut to what the ancestors from `from` up to (not including) `stop` leave visible: each one
 * that clips its overflow (a scroll container, a box with overflow hidden, a screen-reader-only
 * span), in viewport coordinates. Our layer is not inside them, so boxes for text scrolled out of
 * such a container would otherwise be drawn outside it.
 */
function clipBy(clip: Clip, from: Element | null, stop: Element | null, view: Pick<Window, 'getComputedStyle'> | null) {
  if (!view) return clip;
  let out = clip;
  for (let e = from; e && e !== stop; e = e.parentElement) {
    if (e === e.ownerDocument.documentElement || e === e.ownerDocument.body) break;
    const style = view.getComputedStyle(e);
    if (!CLIPS.test(style.overflowX) && !CLIPS.test(style.overflowY)) continue;
    const r = e.getBoundingClientRect();
    out = {
      left: Math.max(out.left, r.left),
      top: Math.max(out.top, r.top),
      right: Math.min(out.right, r.right),
      bottom: Math.min(out.bottom, r.bottom),
    };
  }
  return out;
}

/**
 * The range's text, node by node, as [node, from, to]: what a highlight would paint. Not the range's
 * own client rects, which also hold the border box of every element it wholly contains (an empty
 * heading, a list marker's box) where no text is. Walked from the range's start, not from its
 * common ancestor, which may hold the whole policy.
 */
function textPieces(range: Range): Array<[Text, number, number]> {
  const { startContainer: start, endContainer: end, startOffset, endOffset } = range;
  if (start === end && start.nodeType === TEXT_NODE) return [[start as Text, startOffset, endOffset]];
  const doc = start.ownerDocument ?? (start as Document);
  const walker = doc.createTreeWalker(range.commonAncestorContainer, SHOW_TEXT);
  const first = start.nodeType === TEXT_NODE ? start : (start.childNodes[startOffset] ?? null);
  walker.currentNode = first ?? start;
  const out: Array<[Text, number, number]> = [];
  for (let n = first?.nodeType === TEXT_NODE ? first : walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (range.comparePoint(text, 0) > 0) break;
    if (range.comparePoint(text, text.length) < 0) continue;
    const from = text === start ? startOffset : 0;
    const to = text === end ? endOffset : text.length;
    if (to > from) out.push([text, from, to]);
  }
  return out;
}

/**
 * The boxes of `range`'s text relative to `layer`, cut to what its clipping ancestors show. A rect
 * inside another is left out, or translucent boxes would paint it twice as dark; empty rects
 * (collapsed white space) are too.
 */
export function emphasisBoxes(
  range: Range,
  layer: Element | null,
  view: Pick<Window, 'getComputedStyle'> | null,
): EmphasisBox[] {
  const origin = layer?.getBoundingClientRect();
  if (!origin || !range.startContainer.isConnected) return [];
  const common = range.commonAncestorContainer;
  const commonElement = common.nodeType === TEXT_NODE ? common.parentElement : (common as Element);
  const outer = clipBy(NO_CLIP, commonElement, null, view);
  const piece = (range.startContainer.ownerDocument ?? document).createRange();
  // Cut to what the page shows first (text clipped away, as a screen-reader-only span's, is no box), then drop
  // boxes inside others.
  const boxes: Edges[] = [];
  for (const [node, from, to] of textPieces(range)) {
    const clip = node.parentElement === commonElement ? outer : clipBy(outer, node.parentElement, commonElement, view);
    piece.setStart(node, from);
    piece.setEnd(node, to);
    for (const r of piece.getClientRects()) {
      const left = Math.max(r.left, clip.left);
      const top = Math.max(r.top, clip.top);
      const right = Math.min(r.right, clip.right);
      const bottom = Math.min(r.bottom, clip.bottom);
      if (right - left >= MIN_SIDE && bottom - top >= MIN_SIDE) boxes.push({ left, top, right, bottom });
    }
  }
  const out: EmphasisBox[] = [];
  boxes.forEach((b, i) => {
    // Inside another (of two alike, the first stays).
    if (boxes.some((other, j) => j !== i && inside(b, other) && (j < i || !inside(other, b)))) return;
    out.push({
      top: Math.round(b.top - origin.top),
      left: Math.round(b.left - origin.left),
      width: Math.round(b.right - b.left),
      height: Math.round(b.bottom - b.top),
    });
  });
  return out;
}

/** What following scroll containers needs from the page: `window` and `document` fit. */
export interface ScrollEnv {
  doc: Pick<Document, 'addEventListener' | 'removeEventListener'>;
  frame?: (callback: () => void) => unknown;
}

/**
 * Call `reposition` (at most once per frame) when a scroll container inside the page scrolls, until
 * the returned function is called. The page's own scroll (target: the document) is left out.
 */
export function followInnerScroll(env: ScrollEnv, reposition: () => void): () => void {
  let queued = false;
  const frame = env.frame ?? ((callback: () => void) => setTimeout(callback, 16));
  const onScroll = (event: Event) => {
    if (queued || event.target === env.doc) return;
    queued = true;
    frame(() => {
      queued = false;
      reposition();
    });
  };
  const options = { capture: true, passive: true } as const;
  env.doc.addEventListener('scroll', onScroll, options);
  return () => env.doc.removeEventListener('scroll', onScroll, options);
}
