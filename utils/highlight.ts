/**
 * Find a provision's verbatim quote in a live page and highlight it without touching the
 * page's DOM.
 *
 * `collectPageText` flattens the visible text under a root into ONE normalised string (the
 * same normalisation as `normalizeText` in ./text, applied as a stream) plus a compact,
 * run-length encoded map from every normalised character back to its text node and offset. A
 * quote is then found with a plain `indexOf` (exact after normalisation, never fuzzy: a quote
 * that is not there is our staleness signal) and turned back into a DOM Range, which the CSS
 * Custom Highlight API paints (falling back to the Selection API).
 *
 * Nothing here reads globals: the caller passes the root node (its ownerDocument supplies the
 * TreeWalker and Ranges) and, for painting, a window-like environment.
 */
import { isOwnHost } from './own-ui';
import { normalizeText } from './text';

/**
 * The page's visible text, normalised, with a map back into the DOM. The map is run-length
 * encoded in typed arrays: characters that come from consecutive characters of one text node
 * (nearly all of them) share a run, so it costs a few slots per text node, not several bytes
 * per character.
 */
export interface PageText {
  /** Normalised text: single spaces, straight quotes, '-' for dashes, no zero-width characters, NFC. */
  readonly text: string;
  /** The text nodes the characters came from. */
  readonly nodes: readonly Text[];
  /** Run r covers text indices runStart[r] up to runStart[r + 1] (ascending; runStart[0] = 0). */
  readonly runStart: Int32Array;
  /** Index into `nodes` of run r's source. */
  readonly runNode: Int32Array;
  /** UTF-16 offset in that node of run r's first source character. */
  readonly runOffset: Int32Array;
  /**
   * LINEAR (-1): character k of the run comes from runOffset + k, one unit each. Otherwise every
   * character of the run stands for this many units at runOffset (an NFC-composed character; 0
   * for the space marking a block boundary).
   */
  readonly runSpan: Int32Array;
}

/** `PageText.runSpan` of a run whose characters map one to one onto consecutive source characters. */
export const LINEAR = -1;

export interface QuoteMatch {
  /** Index of the first character in `PageText.text`. */
  start: number;
  /** Index just after the last character. */
  end: number;
}

// NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, spelled out so the module needs no NodeFilter global.
const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;

/** How a tag affects the text flow: inline (any tag not listed) joins, a block separates words, a skipped one is ignored. */
const BLOCK = 1;
const SKIP = 2;

const ELEMENT_KIND = new Map<string, number>();
const BLOCK_TAGS =
  'p div li h1 h2 h3 h4 h5 h6 td th br hr section article header footer main nav aside tr dl dt dd ' +
  'blockquote pre ul ol table caption figure figcaption address details summary form fieldset legend';
// Never rendered as page prose (a <select>'s options are not running text either).
const SKIP_TAGS = 'script style noscript template textarea select head title iframe object';
for (const tag of BLOCK_TAGS.split(' ')) ELEMENT_KIND.set(tag, BLOCK);
for (const tag of SKIP_TAGS.split(' ')) ELEMENT_KIND.set(tag, SKIP);

/** Whether an element's subtree is left out: never-rendered tags, hidden subtrees, our own UI. */
function isSkipped(element: Element, kind: number | undefined): boolean {
  if (kind === SKIP) return true;
  if (!element.hasAttributes()) return false;
  // Cheap attribute checks only: no getComputedStyle. hidden="until-found" content is meant to be
  // found (browsers reveal it for find-in-page), so it counts as text.
  // aria-hidden is not a skip: consent dialogs put it on a whole page that is still on screen,
  // and treating that text as absent would report every quote as "not found" (our staleness signal).
  const hidden = element.getAttribute('hidden');
  if (hidden !== null && hidden !== 'until-found') return true;
  return isOwnHost(element);
}

/** Characters `normalizeText` deletes. */
function isZeroWidth(c: number): boolean {
  return c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0xad;
}

/** Characters `normalizeText` collapses into one space: JS `\s` (minus U+FEFF, deleted first) and the extra spaces it lists. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Characters that map to themselves or fold one to one: printable ASCII, Latin-1 and the rest below
 * U+0300 (NFC-stable on their own) except NBSP and the soft hyphen, and General Punctuation except
 * its spaces and zero-width characters; with single spaces between words and any ASCII whitespace around them.
 */
const PLAIN_CHAR = '[\\x21-\\x7e\\xa1-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2212]';
const PLAIN_NODE = new RegExp(`^([ \\t\\n\\r\\f]*)(${PLAIN_CHAR}+(?: ${PLAIN_CHAR}+)*|)([ \\t\\n\\r\\f]*)$`);

/** `foldChar` over a whole string (every replacement is one character for one). */
function foldPlain(text: string): string {
  return text
    .replace(/[\u2010-\u2014\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c-\u201f\u2033]/g, '"');
}

/** Quote and dash folding, as in `normalizeText`. */
function foldChar(c: number): number {
  if (c < 0x2010) return c;
  if (c <= 0x2014 || c === 0x2212) return 0x2d; // hyphens, dashes, minus → '-'
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032) return 0x27; // → '
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033) return 0x22; // → "
  return c;
}

/**
 * Whether NFC could change this text. Below U+0300 every character is NFC-stable on its own and
 * combining marks start at U+0300; General Punctuation (U+2000–U+206F) only holds U+2000/U+2001,
 * which NFC maps to other spaces (a space either way). Everything else gets the real check.
 */
function mayNeedNfc(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c >= 0x300 && (c < 0x2000 || c > 0x206f)) return data.normalize('NFC') !== data;
  }
  return false;
}

/**
 * A base character with its combining marks (or a run of stray marks): the unit NFC composes.
 * (Conjoining Hangul jamo are not marks, so decomposed Hangul stays decomposed; pages use syllables.)
 */
const NFC_SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;

/** A text node's data after NFC, with each character's source offset and span (only built when NFC changes it). */
interface Composed {
  text: string;
  offset: number[];
  span: number[];
}

/** Compose segment by segment, so that each composed character maps back to its whole source segment. */
function compose(data: string): Composed {
  const composed: Composed = { text: '', offset: [], span: [] };
  const chars: string[] = [];
  for (const m of data.matchAll(NFC_SEGMENT)) {
    const segment = m[0];
    const nfc = segment.normalize('NFC');
    const same = nfc === segment;
    for (let i = 0; i < nfc.length; i++) {
      composed.offset.push(same ? m.index + i : m.index);
      composed.span.push(same ? 1 : segment.length);
    }
    chars.push(nfc);
  }
  composed.text = chars.join('');
  return composed;
}

/** Characters are decoded into strings this many at a time (String.fromCharCode takes them on the stack). */
const CHUNK = 8192;

/**
 * The normalised text under construction and its run-length map. Writing as little fresh memory
 * per character as possible matters: on a 300 KB page, first touches of newly allocated memory
 * (page faults) cost more than the normalising itself, so characters go through one small
 * reused chunk and the map grows per run, not per character.
 */
class Output {
  length = 0;
  private readonly parts: string[] = [];
  private readonly chunk = new Uint16Array(CHUNK);
  private fill = 0;
  private runs = 0;
  private runStart: Int32Array;
  private runNode: Int32Array;
  private runOffset: Int32Array;
  private runSpan: Int32Array;
  /** The open LINEAR run continues if the next character comes from (openNode, nextOffset). */
  private openNode = -1;
  private nextOffset = 0;

  constructor(runCapacity: number) {
    const size = Math.max(16, runCapacity);
    this.runStart = new Int32Array(size);
    this.runNode = new Int32Array(size);
    this.runOffset = new Int32Array(size);
    this.runSpan = new Int32Array(size);
  }

  /** Append a character coming from `offset` in text node `node`; `span` is LINEAR or its fixed span. */
  push(code: number, node: number, offset: number, span: number): void {
    if (this.fill === CHUNK) this.flush();
    this.chunk[this.fill++] = code;
    if (span === LINEAR && node === this.openNode && offset === this.nextOffset) this.nextOffset++;
    else this.startRun(node, offset, span);
    this.length++;
  }

  /**
   * Append a whole stretch of a text node whose characters map one to one (already folded):
   * one string copy and at most one run, instead of a push per character.
   */
  pushPlain(text: string, node: number, offset: number): void {
    if (text.length === 0) return;
    this.flush();
    this.parts.push(text);
    if (node === this.openNode && offset === this.nextOffset) this.nextOffset += text.length;
    else {
      this.startRun(node, offset, LINEAR);
      this.nextOffset = offset + text.length;
    }
    this.length += text.length;
  }

  private startRun(node: number, offset: number, span: number): void {
    if (this.runs === this.runStart.length) this.grow();
    const r = this.runs++;
    this.runStart[r] = this.length;
    this.runNode[r] = node;
    this.runOffset[r] = offset;
    this.runSpan[r] = span;
    this.openNode = span === LINEAR ? node : -1;
    this.nextOffset = offset + 1;
  }

  private grow(): void {
    const size = this.runStart.length * 2;
    const grown = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.runStart = grown(this.runStart);
    this.runNode = grown(this.runNode);
    this.runOffset = grown(this.runOffset);
    this.runSpan = grown(this.runSpan);
  }

  private flush(): void {
    if (this.fill === 0) return;
    // apply takes the typed array as is, where a spread would iterate it (several times slower).
    this.parts.push(String.fromCharCode.apply(null, this.chunk.subarray(0, this.fill) as unknown as number[]));
    this.fill = 0;
  }

  finish(nodes: Text[]): PageText {
    this.flush();
    const n = this.runs;
    return {
      text: this.parts.join(''),
      nodes,
      runStart: this.runStart.subarray(0, n),
      runNode: this.runNode.subarray(0, n),
      runOffset: this.runOffset.subarray(0, n),
      runSpan: this.runSpan.subarray(0, n),
    };
  }
}

/** No space owed; a block-boundary space owed. Otherwise `pending` is the node of the owed whitespace. */
const NO_SPACE = -2;
const BLOCK_SPACE = -1;

/** Normalise the text nodes' data into `out`: `normalizeText`, streamed (this loop runs once per character of the page). */
function normalizeNodes(out: Output, data: readonly string[], breakBefore: readonly boolean[]): void {
  let pending = NO_SPACE; // a space is owed before the next character (whitespace run or block boundary)
  let pendingOffset = 0;
  for (let node = 0; node < data.length; node++) {
    if (breakBefore[node] && pending === NO_SPACE) pending = BLOCK_SPACE;
    let text = data[node] ?? '';
    // Fast path (most nodes of a policy page): printable ASCII, single inner spaces, and only
    // quote/dash characters that fold one to one. Regexes run natively, which keeps a first,
    // cold run over a 300 KB page fast where a per-character loop would be interpreted.
    const plain = PLAIN_NODE.exec(text);
    if (plain) {
      const [, lead = '', core = '', trail = ''] = plain;
      if (core === '') {
        if (lead !== '' && pending === NO_SPACE && out.length > 0) {
          pending = node;
          pendingOffset = 0;
        }
        continue;
      }
      if (lead !== '' && pending === NO_SPACE && out.length > 0) {
        pending = node;
        pendingOffset = 0;
      }
      if (pending !== NO_SPACE) {
        if (pending === BLOCK_SPACE) {
          if (out.length > 0) out.push(0x20, node, lead.length, 0);
        } else {
          out.push(0x20, pending, pendingOffset, LINEAR);
        }
        pending = NO_SPACE;
      }
      out.pushPlain(foldPlain(core), node, lead.length);
      if (trail !== '') {
        pending = node;
        pendingOffset = lead.length + core.length;
      }
      continue;
    }
    let composed: Composed | null = null;
    if (mayNeedNfc(text)) {
      composed = compose(text);
      text = composed.text;
    }
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        if (isSpace(c)) {
          // Collapses with its neighbours; never leading (nor trailing: only emitted before a character).
          if (pending === NO_SPACE && out.length > 0) {
            pending = node;
            pendingOffset = composed ? (composed.offset[i] ?? 0) : i;
          }
          continue;
        }
        if (isZeroWidth(c)) continue;
        c = foldChar(c);
      }
      const at = composed ? (composed.offset[i] ?? 0) : i;
      if (pending !== NO_SPACE) {
        // A block-boundary space has no source character: it points at the next one, spanning nothing.
        if (pending === BLOCK_SPACE) {
          if (out.length > 0) out.push(0x20, node, at, 0);
        } else {
          out.push(0x20, pending, pendingOffset, LINEAR);
        }
        pending = NO_SPACE;
      }
      const span = composed ? (composed.span[i] ?? 1) : 1;
      out.push(c, node, at, span === 1 ? LINEAR : span);
    }
  }
}

/**
 * The text nodes under `root` in document order, skipping never-rendered and hidden subtrees and
 * our own UI hosts; `breakBefore[i]` says a block boundary lies between node i-1 and node i.
 */
function visibleTextNodes(root: Node, doc: Document): { nodes: Text[]; breakBefore: boolean[] } {
  const nodes: Text[] = [];
  const breakBefore: boolean[] = [];
  let pendingBreak = false;
  // An explicit depth-first walk over elements and text (rather than a SHOW_TEXT walker) so that
  // whole skipped subtrees are never visited and block boundaries are seen on entry and exit.
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
  let node: Node = root;
  for (;;) {
    let descend = true; // the root itself may be a Document or fragment
    if (node.nodeType === TEXT_NODE) {
      nodes.push(node as Text);
      breakBefore.push(pendingBreak);
      pendingBreak = false;
      descend = false;
    } else if (node.nodeType === ELEMENT_NODE) {
      // A block separates words on entry and exit, even when its content is skipped.
      const kind = ELEMENT_KIND.get((node as Element).localName);
      if (kind === BLOCK) pendingBreak = true;
      descend = !isSkipped(node as Element, kind);
    }
    if (descend && walker.firstChild()) {
      node = walker.currentNode;
      continue;
    }
    // Done with this node: on to its next sibling, or up (closing blocks) until there is one.
    for (;;) {
      if (node.nodeType === ELEMENT_NODE && ELEMENT_KIND.get((node as Element).localName) === BLOCK) {
        pendingBreak = true;
      }
      if (node === root) return { nodes, breakBefore };
      if (walker.nextSibling()) {
        node = walker.currentNode;
        break;
      }
      if (!walker.parentNode()) return { nodes, breakBefore };
      node = walker.currentNode;
    }
  }
}

/**
 * Walk the visible text under `root` (skipping scripts, styles, hidden subtrees and our own UI
 * hosts) into one normalised string with a map back to the DOM. Block elements separate words;
 * inline elements join text as the reader sees it. Open shadow roots are not entered.
 */
export function collectPageText(root: Node): PageText {
  const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  if (!doc) return new Output(0).finish([]);
  const { nodes, breakBefore } = visibleTextNodes(root, doc);
  const data = nodes.map((n) => n.data);
  const out = new Output(nodes.length * 2);
  normalizeNodes(out, data, breakBefore);
  return out.finish(nodes);
}

/** Find a quote, exact after `normalizeText` (case-sensitive, no fuzziness). Null when it is not on the page. */
export function findQuote(page: PageText, quote: string): QuoteMatch | null {
  const needle = normalizeText(quote);
  if (needle === '') return null;
  const start = page.text.indexOf(needle);
  return start < 0 ? null : { start, end: start + needle.length };
}

/** The run holding text index `index` (binary search over the ascending run starts). */
function runAt(page: PageText, index: number): number {
  let lo = 0;
  let hi = page.runStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((page.runStart[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where text index `index` comes from: its node, and the source units [start, end) it stands for. */
function sourceOf(page: PageText, index: number): { node: Text; start: number; end: number } {
  const r = runAt(page, index);
  const node = page.nodes[page.runNode[r] ?? -1];
  if (!node) throw new RangeError(`text index ${index} maps to no text node`);
  const offset = page.runOffset[r] ?? 0;
  const span = page.runSpan[r] ?? LINEAR;
  if (span !== LINEAR) return { node, start: offset, end: offset + span };
  const start = offset + index - (page.runStart[r] ?? 0);
  return { node, start, end: start + 1 };
}

/** The DOM Range covering a match: from its first character's source to just after its last one's. */
export function toRange(page: PageText, match: QuoteMatch, doc: Document): Range {
  const { start, end } = match;
  if (!(start >= 0 && start < end && end <= page.text.length)) {
    throw new RangeError(`match ${start}..${end} is outside the page text (${page.text.length} chars)`);
  }
  const first = sourceOf(page, start);
  const last = sourceOf(page, end - 1);
  const range = doc.createRange();
  range.setStart(first.node, first.start);
  range.setEnd(last.node, last.end);
  return range;
}

/**
 * Whitespace-free, quote- and dash-folded form for `quotesPresent` (block boundaries in textContent
 * join words without a space). Three native passes; no NFC: the exact locate that follows has the
 * final word on any quote this misses.
 */
function compact(text: string): string {
  return foldPlain(text.replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]+/g, ''));
}

/**
 * A fast first answer to "is this quote on the page?": one native textContent read and string
 * search, no node mapping. It may say yes for text in a script or a hidden element; the exact
 * locate (`locateQuotes`) decides, later, where the quote is.
 */
export function quotesPresent(root: Node, quotes: readonly { id: string; quote: string }[]): Map<string, boolean> {
  const page = compact(root.textContent ?? '');
  return new Map(quotes.map(({ id, quote }) => [id, page.includes(compact(quote))]));
}

/** Collect the page text once and locate every quote; `range` is null for a quote that is not on the page. */
export function locateQuotes(
  root: Node,
  quotes: readonly { id: string; quote: string }[],
): Array<{ id: string; range: Range | null }> {
  const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const page = collectPageText(root);
  return quotes.map(({ id, quote }) => {
    const match = findQuote(page, quote);
    return { id, range: match && doc ? toRange(page, match, doc) : null };
  });
}

export const HIGHLIGHT_NAME = 'policy-lens';

/** The style for our highlight, for the content script to adopt into the page (constructable stylesheet). */
export const HIGHLIGHT_CSS = '::highlight(policy-lens) { background-color: #ffe066; color: #000; }';

/**
 * What painting needs from the window: `window` itself fits (H = Highlight). Tests pass fakes.
 */
export interface HighlightEnv<H = unknown> {
  CSS?: { highlights?: { set(name: string, highlight: H): unknown; delete(name: string): unknown } };
  Highlight?: new (...ranges: Range[]) => H;
  getSelection?: () => Selection | null;
}

export type HighlightMethod = 'highlight-api' | 'selection' | 'none';

/**
 * Paint the ranges under `name` with the CSS Custom Highlight API (no DOM mutation). Without it,
 * select the first range instead. Returns the method used ('none' when nothing could be painted).
 */
export function highlightRanges<H>(env: HighlightEnv<H>, ranges: Range[], name = HIGHLIGHT_NAME): HighlightMethod {
  const registry = env.CSS?.highlights;
  if (registry && env.Highlight) {
    if (ranges.length === 0) {
      registry.delete(name);
      return 'none';
    }
    registry.set(name, new env.Highlight(...ranges));
    return 'highlight-api';
  }
  const first = ranges[0];
  const selection = env.getSelection?.();
  if (!first || !selection) return 'none';
  selection.removeAllRanges();
  selection.addRange(first);
  return 'selection';
}

/** Remove our highlight; in the selection fallback, clear the selection we made. */
export function clearHighlights<H>(env: HighlightEnv<H>, name = HIGHLIGHT_NAME): void {
  const registry = env.CSS?.highlights;
  if (registry && env.Highlight) registry.delete(name);
  else env.getSelection?.()?.removeAllRanges();
}

/** Scroll the range's start into the middle of the viewport. */
export function scrollRangeIntoView(range: Range): void {
  const start = range.startContainer;
  const element = start.nodeType === ELEMENT_NODE ? (start as Element) : start.parentElement;
  element?.scrollIntoView({ block: 'center' });
}
