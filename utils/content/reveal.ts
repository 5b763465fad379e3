/**
 * Passages in collapsed sections. Policy pages fold most of their text away ("Learn more" blocks
 * hidden by CSS, <details>, accordions with aria-expanded/aria-controls, hidden="until-found"), and
 * a highlight painted there is invisible. When the user asks to see such a passage, open its
 * section the way the page's own control does, and when we know of no way, say where it is.
 */
import { t } from '../i18n';

/** How visible something is (layout questions; tests pass a fake that reads attributes). */
export interface Visibility {
  /** Whether the element is rendered: not display:none, hidden, in a closed <details>, or clipped to nothing. */
  element(element: Element): boolean;
  /** Whether the range has a box with an area that no ancestor clips away. */
  range(range: Range): boolean;
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** Visibility from the browser's layout: `checkVisibility`, boxes, and ancestors that clip (overflow hidden). */
export function layoutVisibility(win: Pick<Window, 'getComputedStyle'>): Visibility {
  /** The box an element clips its content to, or null when it does not clip. */
  const clip = (e: Element) =>
    /hidden|clip/.test(win.getComputedStyle(e).overflowY) ? e.getBoundingClientRect() : null;
  const element = (e: Element) => {
    const box = clip(e);
    return (e.checkVisibility?.({ visibilityProperty: true }) ?? true) && !(box && (box.height < 1 || box.width < 1));
  };
  return {
    element,
    range(range) {
      const start = elementOf(range.startContainer);
      const end = elementOf(range.endContainer);
      const box = range.getBoundingClientRect();
      if (!start || !end || !element(start) || !element(end) || box.width < 1 || box.height < 1) return false;
      // Up to the document's own <body> and <html>, not them: their hidden overflow (an app shell whose content
      // pane scrolls, a page under a modal) clips to the viewport, which scrolling into view gets past; it
      // collapses nothing.
      const top = start.ownerDocument.body;
      for (
        let a = start.parentElement;
        a && a !== top && a !== start.ownerDocument.documentElement;
        a = a.parentElement
      ) {
        const c = clip(a);
        if (c && (c.height < 1 || box.top >= c.bottom || box.bottom <= c.top)) return false;
      }
      return true;
    },
  };
}

export interface Collapse {
  /** Open the section the way the page's own control does; null when we know of no way. */
  open: (() => void) | null;
  /** The section's name (its control's label), or ''. */
  label: string;
  /** The nearest heading before the section, or ''. */
  heading: string;
}

/** Sections the browser itself opens (a closed <details>; find-in-page reveals hidden="until-found"). */
const NATIVE = 'details:not([open]), [hidden="until-found"]';
/** Controls whose label says they show more (a disclosure without aria-expanded, like Microsoft's "Learn more"). */
const OPENER = /\b(?:(?:learn|read|show|see|view) more|more details|expand|show all)\b/i;

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const labelOf = (control: Element) => clean(control.getAttribute('aria-label') || control.textContent);

/** Not a link that leaves the page nor a button that submits a form: clicking it only shows more. */
function safeToClick(control: Element): boolean {
  const href = control.getAttribute('href');
  if (control.localName === 'a') return !href || href.startsWith('#');
  return control.localName !== 'button' || (control as HTMLButtonElement).type !== 'submit' || !control.closest('form');
}

/** The page's control for `hidden`: an aria-controls pointing at it or an ancestor, else a "show more" next to it. */
function controlFor(hidden: Element, start: Element, visibility: Visibility): Element | null {
  for (let a: Element | null = start; a; a = a.parentElement) {
    const control = a.id && start.ownerDocument.querySelector(`[aria-controls~="${CSS.escape(a.id)}"]`);
    if (control && control.getAttribute('aria-expanded') !== 'true' && safeToClick(control)) return control;
  }
  let container = hidden.parentElement;
  for (let level = 0; container && level < 3; level++, container = container.parentElement) {
    for (const c of container.querySelectorAll('button, summary, [role="button"], [aria-expanded]')) {
      if (!hidden.contains(c) && visibility.element(c) && safeToClick(c)) {
        if (c.getAttribute('aria-expanded') === 'false' || OPENER.test(labelOf(c))) return c;
      }
    }
  }
  return null;
}

/** What hides the range from view and how to open it; null when nothing collapses it. */
export function collapseOf(range: Range, visibility: Visibility): Collapse | null {
  const start = elementOf(range.startContainer);
  // The outermost element on the way up that is not shown: the collapsed block.
  let hidden: Element | null = null;
  for (let a = start; a; a = a.parentElement) if (!visibility.element(a)) hidden = a;
  if (!start || !hidden) return null;
  const native = start.closest(NATIVE);
  const control = native ? null : controlFor(hidden, start, visibility);
  const section = native ?? hidden;
  // The section's title: the nearest heading before it in document order.
  let heading: Element | undefined;
  for (let a: Element | null = section; a && !heading; a = a.parentElement) {
    for (let s = a.previousElementSibling; s && !heading; s = s.previousElementSibling) {
      heading = s.matches(HEADINGS) ? s : [...s.querySelectorAll(HEADINGS)].pop();
    }
  }
  return {
    label: control ? labelOf(control) : clean(native?.querySelector('summary')?.textContent),
    heading: clean(heading?.textContent),
    open: native
      ? () => {
          // As the browser does: a <details> opens; hidden="until-found" gets `beforematch`, then is shown.
          for (let e: Element | null = native; e; e = e.parentElement?.closest(NATIVE) ?? null) {
            if (e.localName === 'details') (e as HTMLDetailsElement).open = true;
            else {
              e.dispatchEvent(new Event('beforematch', { bubbles: true }));
              e.removeAttribute('hidden');
            }
          }
        }
      : control && (() => (control as HTMLElement).click()),
  };
}

/** Where a collapsed passage is and how to open it, in a sentence for the banner. */
export function whereText({ label, heading }: Collapse): string {
  if (label && heading) return t('banner_collapsedLabelHeading', label, heading);
  if (label) return t('banner_collapsedLabel', label);
  if (heading) return t('banner_collapsedHeading', heading);
  return t('banner_collapsed');
}
