/**
 * Whether our UI in a page can be seen as we drew it, for the clicks that have effects (Dismiss,
 * Guide me, Do it for me). A page can fade, hide or cover what it does not own: page CSS on our
 * host's ancestors (opacity, filter, clip-path, a transform that shrinks it), or its own element
 * laid over ours with `pointer-events: none`, so that the user clicks our button while seeing a
 * decoy. A real click is trusted either way; only the browser can say whether ours was visible.
 *
 * Two checks, both must pass: the computed styles of the host and its ancestors (every browser),
 * and where the browser has it, IntersectionObserver v2 `trackVisibility` (Chromium: false when the
 * target is covered by other content, or drawn with reduced opacity, a filter or a transform).
 * When either says no, the UI asks the user to confirm in the toolbar popup, which no page can
 * draw over.
 */

/** Opacity below this (multiplied up the ancestors) is not "as drawn". */
const MIN_OPACITY = 0.9;
/** A box smaller than this (px, either side) is not something the user can read. */
const MIN_SIDE = 8;
/** IntersectionObserver v2's minimum delay between visibility samples (ms). */
const IO_DELAY_MS = 100;

export interface VisibilityCheck {
  /** Whether `target` (an element of ours, by default the observed one) can be seen as drawn now. */
  visible(target?: Element): boolean;
  disconnect(): void;
}

type View = Window & typeof globalThis;

/** Properties a page can use to fade, clip or blend what we drew, and the value that leaves it as drawn. */
const AS_DRAWN: Record<string, string> = {
  filter: 'none',
  'clip-path': 'none',
  mask: 'none',
  '-webkit-mask': 'none',
  'mix-blend-mode': 'normal',
  'content-visibility': 'visible',
};

/** Whether a computed style leaves the element looking as drawn. */
function styleKeepsVisible(style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  for (const [property, value] of Object.entries(AS_DRAWN)) {
    const actual = style.getPropertyValue(property);
    if (actual && actual !== value && !(value === 'none' && actual === 'auto')) return false;
  }
  // A transform that only moves is harmless; one that scales, skews or rotates is not "as drawn".
  // (Browsers give the computed value as a matrix; some engines keep the translate() as written.)
  const t = style.transform;
  return !t || t === 'none' || /^(?:matrix\(1, 0, 0, 1, [^,]+, [^,]+\)|translate[XY]?\([^)]*\))$/.test(t);
}

/** The style checks alone (every browser): the target and everything it hangs from, across shadow roots. */
export function stylesAllowClick(target: Element, view: Pick<View, 'getComputedStyle'>): boolean {
  if (!target.isConnected) return false;
  const rect = target.getBoundingClientRect();
  if (rect.width < MIN_SIDE || rect.height < MIN_SIDE) return false;
  let opacity = 1;
  for (let e: Element | null = target; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host || null)) {
    const style = view.getComputedStyle(e);
    if (!styleKeepsVisible(style)) return false;
    opacity *= Number(style.opacity || 1);
  }
  return opacity >= MIN_OPACITY;
}

interface VisibilityEntry {
  isVisible?: boolean;
}

/**
 * Watch `observed` (our card or banner) with IntersectionObserver v2 where the browser has it.
 * Where it is watched, a click counts only once a sample said "visible" (the first comes about
 * 100 ms after mounting, sooner than anyone reads and clicks).
 */
export function watchVisibility(observed: Element, view: View): VisibilityCheck {
  let lastSample: boolean | null = null;
  let observer: IntersectionObserver | null = null;
  const Observer = view.IntersectionObserver;
  const Entry = view.IntersectionObserverEntry as unknown as { prototype: object } | undefined;
  if (typeof Observer === 'function' && Entry && 'isVisible' in Entry.prototype) {
    try {
      observer = new Observer(
        (entries) => {
          const last = entries.at(-1) as VisibilityEntry | undefined;
          if (last && typeof last.isVisible === 'boolean') lastSample = last.isVisible;
        },
        { trackVisibility: true, delay: IO_DELAY_MS } as IntersectionObserverInit,
      );
      observer.observe(observed);
    } catch {
      observer = null; // an engine that rejects the options: the style checks remain
    }
  }
  return {
    visible(target = observed) {
      if (!stylesAllowClick(target, view)) return false;
      return observer === null || lastSample === true;
    },
    disconnect() {
      observer?.disconnect();
    },
  };
}
