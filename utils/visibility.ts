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

/** Whether a computed style leaves the element looking as drawn (no effect a page could use to fade or hide it). */
function styleKeepsVisible(style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  if (style.contentVisibility === 'hidden') return false;
  const none = (value: string | undefined) => !value || value === 'none' || value === 'normal' || value === 'auto';
  if (
    !none(style.filter) ||
    !none(style.clipPath) ||
    !none(style.mask) ||
    !none(style.getPropertyValue('-webkit-mask'))
  )
    return false;
  if (!none(style.mixBlendMode)) return false;
  // A transform that only moves is harmless; one that scales, skews or rotates is not "as drawn".
  const t = style.transform;
  // (Browsers give the computed value as a matrix; some engines keep the translate() as written.)
  if (t && t !== 'none' && !/^(?:matrix\(1, 0, 0, 1, [^,]+, [^,]+\)|translate[XY]?\([^)]*\))$/.test(t)) return false;
  return true;
}

/** The host and its ancestors (across shadow boundaries, up to the document), as far as the page can style them. */
function chain(start: Element): Element[] {
  const out: Element[] = [];
  for (let e: Element | null = start; e; ) {
    out.push(e);
    const parent: Node | null = e.parentNode;
    e = parent && parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : (e.parentElement ?? null);
  }
  return out;
}

/** The style checks alone (every browser). */
export function stylesAllowClick(target: Element, view: Pick<View, 'getComputedStyle'>): boolean {
  if (!target.isConnected) return false;
  const rect = target.getBoundingClientRect();
  if (rect.width < MIN_SIDE || rect.height < MIN_SIDE) return false;
  let opacity = 1;
  for (const element of chain(target)) {
    const style = view.getComputedStyle(element);
    if (!styleKeepsVisible(style)) return false;
    const own = Number.parseFloat(style.opacity);
    opacity *= Number.isFinite(own) ? own : 1;
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
