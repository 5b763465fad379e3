/**
 * The walkthrough DOM adapter: find a settings control on a platform's page (by stable attribute,
 * role + accessible name, localised text or CSS, in the order the data gives), read its state,
 * wait for it to appear and watch it change while the user acts.
 *
 * Everything is a function of the Document (or Element) passed in: no module-level `document` or
 * `window`; the window comes from `doc.defaultView` when timers, observers or styles are needed.
 * Nothing here acts on the page except `setControlForUser`, which only runs after the user pressed
 * "Do it for me". Page content is untrusted: matcher data is never spliced into a selector
 * unescaped, and every lookup tolerates odd input by finding nothing rather than throwing.
 */

import { computeAccessibleName, getRole } from 'dom-accessibility-api';
import { isOwnHost } from '../own-ui';
import type { Matcher, WalkthroughStep } from '../schema';
import { normalizeText, shownText } from '../text';

export type DesiredState = Extract<WalkthroughStep, { kind: 'setControl' }>['desired'];

export interface Found {
  element: Element;
  matchedBy: Matcher['by'];
}

/** null = the state cannot be read from this element. */
export type ObservedState = boolean | string | null;

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
}

export interface ControlSnapshot {
  found: Found | null;
  state: ObservedState;
  inDesiredState: boolean;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The document's window (its own realm's timers, observers and styles). */
type View = NonNullable<Document['defaultView']>;

const DEFAULT_WAIT_POLL_MS = 250;
const DEFAULT_WATCH_POLL_MS = 500;
/** Mutation bursts (a single-page app rendering) are coalesced into at most one check per this many ms. */
const MUTATION_GAP_MS = 50;

// ---------------------------------------------------------------------------------------------
// Small element helpers (by localName, not instanceof: the element may come from another realm)
// ---------------------------------------------------------------------------------------------

function isHtml(element: Element, localName: string): boolean {
  return element.localName === localName && element.namespaceURI === HTML_NS;
}

function isInput(element: Element): element is HTMLInputElement {
  return isHtml(element, 'input');
}

function isSelect(element: Element): element is HTMLSelectElement {
  return isHtml(element, 'select');
}

/** A native checkbox or radio, whose `.checked` property is the truth (attributes only give the default). */
function isCheckable(element: Element): element is HTMLInputElement {
  return isInput(element) && (element.type === 'checkbox' || element.type === 'radio');
}

/** Connected, not inside `[hidden]`, not inside our own UI. A cheap check: no layout or styles. */
function isUsable(element: Element): boolean {
  if (!element.isConnected || element.closest('[hidden]') !== null) return false;
  // Our own UI hosts (known by identity, see own-ui.ts) and anything under them are never targets.
  for (let e: Element | null = element; e; e = e.parentElement) if (isOwnHost(e)) return false;
  return true;
}

/** Lowercased, whitespace-normalised text for the case-insensitive comparisons of names and texts. */
function comparable(text: string): string {
  return normalizeText(text).toLowerCase();
}

/** Elements referenced by an IDREF list attribute (aria-labelledby), in order, skipping missing ids. */
function referencedElements(element: Element, attribute: string): Element[] {
  const ids = (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  const doc = element.ownerDocument;
  return ids.map((id) => doc.getElementById(id)).filter((el): el is HTMLElement => el !== null);
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

/**
 * The element's role: its explicit `role` (first token) or the implicit one of its element, by
 * dom-accessibility-api's getRole (already in this bundle: the accessible-name computation uses
 * it, so it cost nothing, and it replaced forty lines of our own mapping). A <select> is a
 * combobox or a listbox by its rendering; either name finds it, so that dataset authors need not
 * know which one the platform draws.
 */
function rolesOf(element: Element): readonly string[] {
  const role = getRole(element)?.toLowerCase() ?? null;
  if (role === null) return [];
  return isSelect(element) && (role === 'combobox' || role === 'listbox') ? ['combobox', 'listbox'] : [role];
}

function hasRole(element: Element, role: string): boolean {
  return rolesOf(element).includes(role);
}

/** Candidates for any role: everything with an explicit role plus the natively-roled elements. */
const ROLE_CANDIDATES = '[role], button, input, select, textarea, a[href], area[href]';

/** Controls a label or a text can stand for; also the containers a text inside resolves to. */
const CONTROL_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'switch',
  'tab',
  'textbox',
]);
const CLICKABLE_CONTAINER =
  'button, a[href], [role="switch"], [role="checkbox"], [role="button"], [role="link"], [role="tab"]';

function isControl(element: Element): boolean {
  return rolesOf(element).some((role) => CONTROL_ROLES.has(role));
}

// ---------------------------------------------------------------------------------------------
// Matchers
// ---------------------------------------------------------------------------------------------

/** Elements whose attribute `name` equals `value` exactly, in document order. */
function byAttribute(doc: Document, name: string, value: string): Element[] {
  const css = doc.defaultView?.CSS;
  let candidates: Iterable<Element> | null = null;
  if (typeof css?.escape === 'function') {
    try {
      candidates = doc.querySelectorAll(`[${css.escape(name)}]`);
    } catch {
      // Some engines reject escaped-but-odd names; fall through to the plain scan.
    }
  }
  // The plain scan: getAttribute with an odd name simply returns null, so invalid names find nothing.
  candidates ??= doc.getElementsByTagName('*');
  return Array.from(candidates).filter((element) => element.getAttribute(name) === value);
}

/** Elements with that role whose accessible name equals `name` (normalised, case-insensitive). */
function byRole(doc: Document, role: string, name: string): Element[] {
  const wantedRole = role.trim().toLowerCase();
  const wantedName = comparable(name);
  return Array.from(doc.querySelectorAll(ROLE_CANDIDATES)).filter(
    // Cheap checks first: the accessible name computation walks the subtree and reads styles.
    (element) =>
      hasRole(element, wantedRole) && isUsable(element) && comparable(computeAccessibleName(element)) === wantedName,
  );
}

function byCss(doc: Document, selector: string): Element[] {
  try {
    return Array.from(doc.querySelectorAll(selector));
  } catch {
    return []; // invalid selector: no match
  }
}

const NO_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** TreeWalker filter for visible text: text nodes only, skipping scripts, styles, [hidden] and our own UI. */
function visibleTextFilter(node: Node): number {
  const FILTER_ACCEPT = 1;
  const FILTER_REJECT = 2; // skips the whole subtree
  const FILTER_SKIP = 3; // skips the node, still visits its children
  if (node.nodeType !== 1) return FILTER_ACCEPT;
  const element = node as Element;
  if (NO_TEXT_ELEMENTS.has(element.localName) || element.hasAttribute('hidden') || isOwnHost(element))
    return FILTER_REJECT;
  return FILTER_SKIP;
}

function textNodesUnder(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: visibleTextFilter,
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** An element's own visible text, comparable form. */
function visibleText(element: Element): string {
  return comparable(
    textNodesUnder(element)
      .map((node) => node.data)
      .join(''),
  );
}

/**
 * The smallest elements whose whole visible text equals `wanted` (already comparable). Instead of
 * testing every element, start from the text nodes that could be part of the wanted text and climb:
 * the first ancestor whose text equals it is the smallest for that branch; once an ancestor's text
 * is longer, none further up can match.
 */
function elementsWithText(doc: Document, wanted: string): Element[] {
  const root = doc.body ?? doc.documentElement;
  if (!root || wanted === '') return [];
  const visited = new Set<Element>();
  const matches: Element[] = [];
  for (const node of textNodesUnder(root)) {
    const piece = comparable(node.data);
    if (piece === '' || !wanted.includes(piece)) continue;
    for (let element = node.parentElement; element && !visited.has(element); element = element.parentElement) {
      visited.add(element);
      const text = visibleText(element);
      if (text === wanted) {
        matches.push(element);
        break;
      }
      if (text.length > wanted.length) break;
    }
  }
  // Buttons drawn as <input type=button|submit|reset> show their value, not a text node.
  for (const input of Array.from(doc.getElementsByTagName('input'))) {
    if (['button', 'submit', 'reset'].includes(input.type) && comparable(input.value) === wanted) matches.push(input);
  }
  return matches;
}

/** The control a label-like element stands for, or null. */
function labelledControl(element: Element): Element | null {
  // 1. A <label> (the text itself, or text inside one): its control via `for` or nesting.
  const label = element.closest('label');
  if (label) {
    const native = (label as HTMLLabelElement).control;
    if (native) return native;
    // Custom controls are not labelable, but are often nested in a <label> all the same.
    const nested = Array.from(label.querySelectorAll('[role]')).find(isControl);
    if (nested) return nested;
  }
  // 2. Referenced by a control's aria-labelledby (the element or an ancestor carries the id).
  const ids = new Set<string>();
  for (let el: Element | null = element; el; el = el.parentElement) if (el.id) ids.add(el.id);
  if (ids.size > 0) {
    for (const candidate of Array.from(element.ownerDocument.querySelectorAll('[aria-labelledby]'))) {
      const refs = (candidate.getAttribute('aria-labelledby') ?? '').split(/\s+/);
      if (isControl(candidate) && refs.some((id) => ids.has(id))) return candidate;
    }
  }
  // 3. Text inside a button, link, switch, …: that control.
  return element.closest(CLICKABLE_CONTAINER);
}

/**
 * Text matcher: for each localised text in order, the elements showing exactly that text, resolved
 * to the control they label. Matches that resolve to a control come first (a settings page often
 * repeats the setting's name in a heading; the toggle's label is the one we want).
 */
function byText(doc: Document, texts: readonly string[]): Element[] {
  const results: Element[] = [];
  for (const text of texts) {
    const resolved: Element[] = [];
    const bare: Element[] = [];
    for (const element of elementsWithText(doc, comparable(text))) {
      const control = labelledControl(element);
      if (control) resolved.push(control);
      else bare.push(element);
    }
    results.push(...resolved, ...bare);
  }
  return results;
}

function candidatesFor(doc: Document, matcher: Matcher): Element[] {
  switch (matcher.by) {
    case 'attribute':
      return byAttribute(doc, matcher.name, matcher.value);
    case 'role':
      return byRole(doc, matcher.role, matcher.name);
    case 'text':
      return byText(doc, matcher.text);
    case 'css':
      return byCss(doc, matcher.selector);
  }
}

/** Try the matchers in order; the first that finds a (connected, not hidden) element wins. */
export function findTarget(doc: Document, matchers: readonly Matcher[]): Found | null {
  for (const matcher of matchers) {
    let candidates: Element[];
    try {
      candidates = candidatesFor(doc, matcher);
    } catch {
      continue; // a hostile or odd page must not break the walkthrough: treat as "not found"
    }
    const element = candidates.find(isUsable);
    if (element) return { element, matchedBy: matcher.by };
  }
  return null;
}

/**
 * Whether a match names this very control (a stable attribute, or its role and accessible name)
 * rather than something near its text or a CSS pattern: only such a match may be changed for the
 * user ("Do it for me"). A text or CSS match can land on another control that looks alike.
 */
export function isSpecificMatch(found: Found): boolean {
  return found.matchedBy === 'attribute' || found.matchedBy === 'role';
}

/** The control's accessible name as the user reads it (page text: no invisible characters, capped). */
export function controlName(element: Element): string {
  try {
    return shownText(computeAccessibleName(element));
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** A tri-state ARIA attribute: true / false, 'mixed' kept as a string (never equal to a boolean), null when absent. */
function ariaBoolean(element: Element, attribute: string): ObservedState {
  const value = element.getAttribute(attribute);
  if (value === null) return null;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'mixed') return 'mixed';
  return normalized === 'true';
}

/** What a custom combobox shows (an input-based one: its value). */
function comboboxText(element: Element): string {
  if (isInput(element)) return element.value;
  return normalizeText(element.textContent ?? '');
}

export function readState(element: Element, desired: DesiredState): ObservedState {
  switch (desired.kind) {
    case 'checked':
    case 'aria-checked':
      // A native checkbox/radio (even with role="switch") exposes its `.checked` state; browsers
      // ignore aria-checked on it, so a stale attribute must not win over what the user sees.
      if (isCheckable(element)) return element.checked;
      return ariaBoolean(element, 'aria-checked');
    case 'aria-pressed':
      return ariaBoolean(element, 'aria-pressed');
    case 'aria-selected':
      if (isHtml(element, 'option') && !element.hasAttribute('aria-selected'))
        return (element as HTMLOptionElement).selected;
      return ariaBoolean(element, 'aria-selected');
    case 'select':
      if (isSelect(element)) return element.value;
      if (hasRole(element, 'combobox')) return comboboxText(element);
      return null;
  }
}

export function isDesired(state: ObservedState, desired: DesiredState): boolean {
  return state === desired.value;
}

// ---------------------------------------------------------------------------------------------
// Waiting and watching
// ---------------------------------------------------------------------------------------------

/** Attributes whose change can alter a control's state or whether it is found. */
function watchedAttributes(matchers: readonly Matcher[]): string[] {
  const names = new Set([
    'checked',
    'aria-checked',
    'aria-pressed',
    'aria-selected',
    'value',
    'selected',
    'hidden',
    'role',
    'id',
    'for',
    'aria-label',
    'aria-labelledby',
  ]);
  for (const matcher of matchers) {
    if (matcher.by === 'attribute') {
      names.add(matcher.name);
      names.add(matcher.name.toLowerCase()); // HTML attribute names are stored lowercased
    }
  }
  return [...names];
}

/**
 * Coalesce bursts of requests into one run: never more than once per `gapMs`, and always a task
 * later, so the page's own handlers (which may flip aria-checked on click) have run first.
 */
function coalescer(view: View, run: () => void, gapMs: number): { request(): void; cancel(): void } {
  let timer: number | undefined;
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    request() {
      if (timer !== undefined) return;
      const wait = Math.max(0, lastRun + gapMs - Date.now());
      timer = view.setTimeout(() => {
        timer = undefined;
        lastRun = Date.now();
        run();
      }, wait);
    },
    cancel() {
      if (timer !== undefined) view.clearTimeout(timer);
      timer = undefined;
    },
  };
}

function observeDocument(
  doc: Document,
  view: View,
  onMutations: (records: MutationRecord[]) => void,
  options: MutationObserverInit,
): MutationObserver | null {
  const Observer = view.MutationObserver;
  if (typeof Observer !== 'function') return null; // the poll still covers us
  const observer = new Observer(onMutations);
  try {
    observer.observe(doc, { subtree: true, childList: true, ...options });
  } catch {
    // An engine may reject an odd attribute name from the data in attributeFilter: watch without it.
    try {
      observer.observe(doc, { subtree: true, childList: true, attributes: true });
    } catch {
      return null;
    }
  }
  return observer;
}

/** findTarget that never throws (a page cannot make our promises reject or our watchers die). */
function safeFind(doc: Document, matchers: readonly Matcher[]): Found | null {
  try {
    return findTarget(doc, matchers);
  } catch {
    return null;
  }
}

/**
 * Resolve with the target as soon as it exists (MutationObserver on the document + a bounded poll
 * as backup, default every 250 ms); null on timeout or abort. Never rejects. Cleans up
 * observers/timers.
 */
export function waitForTarget(
  doc: Document,
  matchers: readonly Matcher[],
  options: WaitOptions,
): Promise<Found | null> {
  const { timeoutMs, pollMs = DEFAULT_WAIT_POLL_MS, signal } = options;
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(null);
    const now = safeFind(doc, matchers);
    const view = doc.defaultView;
    // Without a window (a detached document) nothing can appear by itself: answer once.
    if (now || !view || timeoutMs <= 0) return resolve(now);

    let done = false;
    const finish = (result: Found | null): void => {
      if (done) return;
      done = true;
      observer?.disconnect();
      checks.cancel();
      view.clearInterval(poll);
      view.clearTimeout(timeout);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const check = (): void => {
      const found = safeFind(doc, matchers);
      if (found) finish(found);
    };
    const onAbort = (): void => finish(null);

    const checks = coalescer(view, check, MUTATION_GAP_MS);
    const observer = observeDocument(doc, view, () => checks.request(), {
      attributes: true,
      attributeFilter: watchedAttributes(matchers),
    });
    const poll = view.setInterval(check, Math.max(10, pollMs));
    const timeout = view.setTimeout(() => finish(null), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const STATE_EVENTS = ['change', 'input', 'click'] as const;

/**
 * Watch a control until `signal` aborts: call onChange with a snapshot now and whenever it changes
 * (attribute mutations, `change`/`input`/`click` events, the node being replaced by a re-render —
 * then it is re-found with the same matchers). Identical consecutive snapshots (same element, same
 * state) are reported once. A backup poll (default 500 ms) catches property-only changes such as
 * `input.checked = true`, which fire no mutation and no event.
 */
export function watchControl(
  doc: Document,
  matchers: readonly Matcher[],
  desired: DesiredState,
  onChange: (s: ControlSnapshot) => void,
  options: { signal: AbortSignal; pollMs?: number },
): void {
  const { signal, pollMs = DEFAULT_WATCH_POLL_MS } = options;
  if (signal.aborted) return;

  let current: Found | null = null;
  let reported: { element: Element | null; state: ObservedState } | null = null;

  const check = (): void => {
    if (signal.aborted) return;
    // Keep the element while it is still on the page; re-find when it was removed, replaced or hidden.
    if (!current || !isUsable(current.element)) current = safeFind(doc, matchers);
    const element = current?.element ?? null;
    const state = element ? readState(element, desired) : null;
    if (reported && reported.element === element && reported.state === state) return;
    reported = { element, state };
    onChange({ found: current, state, inDesiredState: isDesired(state, desired) });
  };

  check(); // the snapshot "now", synchronously
  const view = doc.defaultView;
  if (!view || signal.aborted) return;

  const checks = coalescer(view, check, MUTATION_GAP_MS);
  const onEvent = (): void => checks.request();
  const observer = observeDocument(doc, view, onEvent, {
    attributes: true,
    attributeFilter: watchedAttributes(matchers),
    // A custom combobox shows its value as text.
    characterData: desired.kind === 'select',
  });
  // Capture phase: the page may stop propagation of its own clicks.
  for (const type of STATE_EVENTS) doc.addEventListener(type, onEvent, { capture: true, passive: true });
  const poll = view.setInterval(check, Math.max(10, pollMs));

  signal.addEventListener(
    'abort',
    () => {
      observer?.disconnect();
      checks.cancel();
      view.clearInterval(poll);
      for (const type of STATE_EVENTS) doc.removeEventListener(type, onEvent, { capture: true });
    },
    { once: true },
  );
}

/** The node an event really started at (inside open shadow roots too). */
function eventOrigin(event: Event): Node | null {
  const first = event.composedPath()[0] ?? event.target;
  return first && typeof (first as Node).nodeType === 'number' ? (first as Node) : null;
}

/**
 * For `click` steps: call onClick once when the user clicks the target (or something inside it).
 * The target is looked up at click time, so a re-rendered node is found again; stops on abort.
 */
export function watchClick(
  doc: Document,
  matchers: readonly Matcher[],
  onClick: () => void,
  options: { signal: AbortSignal },
): void {
  const { signal } = options;
  if (signal.aborted) return;
  let current: Element | null = null;

  const stop = (): void => {
    doc.removeEventListener('click', onDocumentClick, { capture: true });
    signal.removeEventListener('abort', stop);
  };
  // Capture phase on the document: runs before the page's handlers, which may remove the target
  // (navigating a single-page app) or stop the event.
  function onDocumentClick(event: Event): void {
    const origin = eventOrigin(event);
    if (!origin) return;
    if (!current || !isUsable(current)) current = safeFind(doc, matchers)?.element ?? null;
    if (!current?.contains(origin)) return;
    stop();
    onClick();
  }

  doc.addEventListener('click', onDocumentClick, { capture: true, passive: true });
  signal.addEventListener('abort', stop, { once: true });
}

// ---------------------------------------------------------------------------------------------
// Acting (only on the user's explicit request) and outlining
// ---------------------------------------------------------------------------------------------

/**
 * Set a <select>'s value through the prototype's setter: frameworks such as React shadow `value`
 * on the instance to track changes, and would otherwise ignore the change event we dispatch.
 */
function setNativeValue(select: HTMLSelectElement, value: string): void {
  for (let proto = Object.getPrototypeOf(select); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) {
      setter.call(select, value);
      return;
    }
  }
  select.value = value;
}

/**
 * Only after the user explicitly asked ("Do it for me"): bring the control to the desired state by
 * clicking it (checkbox/switch/pressed/selected kinds) or by setting the select's value and
 * dispatching input + change. Does nothing when the state is already desired, cannot be read, or
 * the wanted option does not exist. Returns the state read afterwards.
 */
export function setControlForUser(element: Element, desired: DesiredState): ObservedState {
  const before = readState(element, desired);
  if (before === null || isDesired(before, desired)) return before;

  if (desired.kind === 'select') {
    if (!isSelect(element)) return before; // a custom combobox: opening menus is left to the user
    if (!Array.from(element.options).some((option) => option.value === desired.value)) return before;
    setNativeValue(element, desired.value);
    const EventCtor = element.ownerDocument.defaultView?.Event ?? Event;
    element.dispatchEvent(new EventCtor('input', { bubbles: true }));
    element.dispatchEvent(new EventCtor('change', { bubbles: true }));
    return readState(element, desired);
  }

  // A real activation: the page's own handlers run as for the user's click.
  if (typeof (element as HTMLElement).click === 'function') (element as HTMLElement).click();
  else {
    const MouseEventCtor = element.ownerDocument.defaultView?.MouseEvent ?? MouseEvent;
    element.dispatchEvent(new MouseEventCtor('click', { bubbles: true, cancelable: true, composed: true }));
  }
  return readState(element, desired);
}

/**
 * Visually hidden: no box (0×0, or the 1px "sr-only" pattern) or fully transparent. Custom switches
 * often hide the real input this way and draw the toggle with a sibling.
 */
function isVisuallyHidden(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width <= 1 || rect.height <= 1) return true;
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return style?.opacity === '0';
}

/** How many wrappers up we look for something visible before giving up (beyond that it is a page section). */
const MAX_WRAPPER_DEPTH = 3;

/**
 * Where to draw the outline: the control itself, or, if it is visually hidden, its visible label
 * (wrapping <label>, then `for` labels, then aria-labelledby) or a nearby visible wrapper.
 */
export function outlineTarget(element: Element): Element {
  if (!isVisuallyHidden(element)) return element;
  const labels: Element[] = [];
  const wrapping = element.closest('label');
  if (wrapping) labels.push(wrapping);
  labels.push(...Array.from((element as HTMLInputElement).labels ?? []));
  labels.push(...referencedElements(element, 'aria-labelledby'));
  const label = labels.find((candidate) => isUsable(candidate) && !isVisuallyHidden(candidate));
  if (label) return label;
  let wrapper = element.parentElement;
  for (let depth = 0; wrapper && depth < MAX_WRAPPER_DEPTH; depth++, wrapper = wrapper.parentElement) {
    if (!isVisuallyHidden(wrapper)) return wrapper;
  }
  return element;
}
