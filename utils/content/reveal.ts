/**
 * Passages in collapsed sections. Policy pages fold most of their text away ("Learn more" blocks
 * hidden by CSS, <details>, accordions with aria-expanded/aria-controls, hidden="until-found"), and
 * a highlight painted there is invisible. When the user asks to see such a passage, open its
 * section the way the page's own control does, and when we know of no way, say where it is.
 */

/** How visible something is (layout questions; tests pass a fake that reads attributes). */
export interface Visibility {
  /** Whether the element is rendered: not display:none, hidden, in a closed <details>, or clipped to nothing. */
  element(element: Element): boolean;
  /** Whether the range has a box with an area that no ancestor clips away. */
  range(range: Range): boolean;
}

const ELEMENT_NODE = 1;

function elementOf(node: Node): Element | null {
  return node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
}

/** Whether an element clips its content to nothing (an accordion panel at height 0 with overflow hidden). */
function clipsToNothing(element: Element, style: CSSStyleDeclaration): boolean {
  if (style.overflowY !== 'hidden' && style.overflowY !== 'clip') return false;
  const box = element.getBoundingClientRect();
  return box.height < 1 || box.width < 1;
}

/** Visibility from the browser's layout: `checkVisibility`, boxes, and ancestors that clip. */
export function layoutVisibility(win: Pick<Window, 'getComputedStyle'>): Visibility {
  const element = (e: Element) =>
    (e.checkVisibility?.({ visibilityProperty: true }) ?? true) && !clipsToNothing(e, win.getComputedStyle(e));
  return {
    element,
    range(range) {
      const start = elementOf(range.startContainer);
      const end = elementOf(range.endContainer);
      if (!start || !end || !element(start) || !element(end)) return false;
      const box = range.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) return false;
      for (let a = start.parentElement; a; a = a.parentElement) {
        const style = win.getComputedStyle(a);
        if (style.overflowY !== 'hidden' && style.overflowY !== 'clip') continue;
        const clip = a.getBoundingClientRect();
        if (clipsToNothing(a, style) || box.top >= clip.bottom || box.bottom <= clip.top) return false;
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

/** Controls whose label says they show more (a disclosure without aria-expanded, like "Learn more"). */
const OPENER = /\b(?:learn|read|show|see|view)\s+more\b|\bmore\s+(?:info|details)\b|\bexpand\b|\bshow\s+all\b/i;
const CONTROLS = 'button, summary, [role="button"], [aria-expanded]';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function labelOf(control: Element): string {
  return clean(control.getAttribute('aria-label') || control.textContent);
}

/** Not a link that leaves the page nor a button that submits a form: clicking it only shows more. */
function safeToClick(control: Element): boolean {
  if (control.localName === 'a') {
    const href = control.getAttribute('href');
    return href === null || href === '' || href.startsWith('#');
  }
  if (control.localName === 'button') {
    const type = (control.getAttribute('type') ?? 'submit').toLowerCase();
    return type !== 'submit' || control.closest('form') === null;
  }
  return true;
}

/** The nearest heading before `element` in document order (its own section's title). */
function headingBefore(element: Element): string {
  for (let a: Element | null = element; a && a.localName !== 'body'; a = a.parentElement) {
    for (let s = a.previousElementSibling; s; s = s.previousElementSibling) {
      const heading = /^h[1-6]$/.test(s.localName) ? s : [...s.querySelectorAll('h1, h2, h3, h4, h5, h6')].pop();
      if (heading) return clean(heading.textContent);
    }
  }
  return '';
}

/** The page's control for `hidden`: an aria-controls pointing at it or an ancestor, else a "show more" next to it. */
function controlFor(hidden: Element, start: Element, visibility: Visibility): Element | null {
  for (let a: Element | null = start; a; a = a.parentElement) {
    const control = a.id && start.ownerDocument.querySelector(`[aria-controls~="${CSS.escape(a.id)}"]`);
    if (control && control.getAttribute('aria-expanded') !== 'true' && safeToClick(control)) return control;
  }
  // No aria-controls (e.g. Microsoft's "Learn more"): a visible control near the hidden block.
  let container = hidden.parentElement;
  for (let level = 0; container && level < 3; level++, container = container.parentElement) {
    for (const control of container.querySelectorAll(CONTROLS)) {
      if (hidden.contains(control) || !visibility.element(control) || !safeToClick(control)) continue;
      if (control.getAttribute('aria-expanded') === 'false' || OPENER.test(labelOf(control))) return control;
    }
  }
  return null;
}

/** Sections the browser itself opens (a closed <details>; find-in-page reveals hidden="until-found"). */
const NATIVE = 'details:not([open]), [hidden="until-found"]';

/** What hides the range from view and how to open it; null when nothing collapses it. */
export function collapseOf(range: Range, visibility: Visibility): Collapse | null {
  const start = elementOf(range.startContainer);
  if (!start) return null;
  // The outermost element on the way up that is not shown: the collapsed block.
  let hidden: Element | null = null;
  for (let a: Element | null = start; a; a = a.parentElement) if (!visibility.element(a)) hidden = a;
  if (!hidden) return null;
  const native = start.closest(NATIVE);
  if (native) {
    return {
      label: native.localName === 'details' ? clean(native.querySelector('summary')?.textContent) : '',
      heading: headingBefore(native),
      // As the browser does: a <details> opens; hidden="until-found" gets `beforematch`, then is shown.
      open() {
        for (let e: Element | null = native; e; e = e.parentElement?.closest(NATIVE) ?? null) {
          if (e.localName === 'details') (e as HTMLDetailsElement).open = true;
          else {
            e.dispatchEvent(new Event('beforematch', { bubbles: true }));
            e.removeAttribute('hidden');
          }
        }
      },
    };
  }
  const control = controlFor(hidden, start, visibility);
  return {
    label: control ? labelOf(control) : '',
    heading: headingBefore(hidden),
    open: control ? () => (control as HTMLElement).click() : null,
  };
}

/** Where a collapsed passage is and how to open it, in a sentence for the banner. */
export function whereText(collapse: Collapse | null): string {
  const label = collapse?.label;
  const heading = collapse?.heading;
  const place = label ? `In the collapsed section '${label}'` : 'In a collapsed part of the page';
  return `${place}${heading ? ` under '${heading}'` : ''} — open it to read the passage.`;
}
