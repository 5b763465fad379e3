/**
 * Find a provision's verbatim quote in a live page and highlight it without touching the
 * page's DOM.
 *
 * `QuoteScan` walks the text under a root (in document order, resumable, so the caller can
 * spread it over several tasks) and normalises it as a stream (the same normalisation as
 * `normalizeText` in ./text), keeping a compact run-length map from every normalised character
 * back to its text node and offset. The quotes are searched with a plain `indexOf` (exact after
 * normalisation, never fuzzy: a quote that is not there is our staleness signal) in windows of
 * the text: only the current window and a tail as long as the longest quote are ever held, so
 * the page's text is copied once, in pieces, whatever its size. A match becomes a DOM Range,
 * which the CSS Custom Highlight API paints. QuoteScan is the reference: the page's quotes are
 * found by ./quote-finder.ts, which finds the same places (tested against it) without a loop of
 * ours over every character, and hands pages it cannot read that way (decomposed accents) back
 * to QuoteScan.
 *
 * The walk reads every text node that could be shown, including text in collapsed sections
 * (display:none, closed <details>, hidden panels): whether a passage can be seen is decided
 * when the user asks for it (./content/reveal.ts), not by a style lookup per element here.
 *
 * Nothing here reads globals: the caller passes the root node (its ownerDocument supplies the
 * TreeWalker and Ranges) and, for painting, a window-like environment.
 */
import { isOwnHost } from './own-ui';
import { normalizeText } from './text';

/** The page's text, normalised, with a map back into the DOM (run-length encoded in typed arrays). */
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
const SHOW_ELEMENT_AND_TEXT = 0x5;
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

/**
 * Text for screen readers only, which the page's CSS takes out of view (the class names of the usual
 * frameworks: Tailwind and Bootstrap 4 `sr-only`, Bootstrap 5 `visually-hidden`, WordPress
 * `screen-reader-text`, HTML5 Boilerplate `visuallyhidden`). A reader sees the passage without it:
 * OpenAI's policies put "(opens in a new window)" inside links in the middle of sentences. Found
 * with one selector query per scan rather than a style lookup per element.
 */
const SCREEN_READER_ONLY = '.sr-only, .visually-hidden, .screen-reader-text, .visuallyhidden';

/** Characters `normalizeText` deletes. */
export function isZeroWidth(c: number): boolean {
  return c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0xad;
}

/** Characters `normalizeText` collapses into one space: JS `\s` (minus U+FEFF, deleted first) and the extra spaces it lists. */
export function isSpace(c: number): boolean {
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
 * Nodes whose characters map to themselves or fold one to one: printable ASCII, Latin-1 and the rest
 * below U+0300 (NFC-stable on their own) except NBSP and the soft hyphen, and General Punctuation
 * except its spaces and zero-width characters; single spaces between words, any ASCII whitespace
 * around them. Tested without captures: a match array per text node is garbage on a large page.
 */
const PLAIN_CHAR = '[\\x21-\\x7e\\xa1-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2212]';
const PLAIN_NODE = new RegExp(`^[ \\t\\n\\r\\f]*(?:${PLAIN_CHAR}+(?: ${PLAIN_CHAR}+)*)?[ \\t\\n\\r\\f]*$`);
/** Quote and dash folding, as in `normalizeText`. */
export function foldChar(c: number): number {
  if (c < 0x2010) return c;
  if (c <= 0x2014 || c === 0x2212) return 0x2d; // hyphens, dashes, minus → '-'
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032) return 0x27; // → '
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033) return 0x22; // → "
  return c;
}

/**
 * Characters NFC may compose or change: combining marks start at U+0300, and below that every
 * character is NFC-stable on its own; General Punctuation (U+2000–U+206F) only holds U+2000/U+2001,
 * which NFC maps to other spaces (a space either way).
 */
export const MAY_COMPOSE = /[\u0300-\u1fff\u2070-\uffff]/;

/**
 * A base character with its combining marks (or a run of stray marks): the unit NFC composes.
 * (Conjoining Hangul jamo are not marks, so decomposed Hangul stays decomposed; pages use syllables.)
 */
const NFC_SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * Characters are decoded into a string this many at a time: String.fromCharCode.apply puts them
 * on the stack (128 K overflowed it in V8, 32 K leaves room).
 */
const DECODE = 32_768;
/**
 * Quotes are searched each time this much new text has been read, so that the window (one string)
 * stays within DECODE characters with the tail and the node that filled it.
 */
const WINDOW = 30_720;
/** At most this many places per quote are kept (a passage may be on the page twice: visible and in a hidden copy). */
export const MAX_OCCURRENCES = 3;

/** The map back into the DOM, over global text indices from `base`. */
interface RunMap {
  base: number;
  nodes: readonly Text[];
  runStart: Int32Array;
  runNode: Int32Array;
  runOffset: Int32Array;
  runSpan: Int32Array;
  runs: number;
}

/** The run holding text index `index` (binary search over the ascending run starts). */
function runAt(map: RunMap, index: number): number {
  let lo = 0;
  let hi = map.runs - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((map.runStart[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where text index `index` comes from: its node, and the source units [start, end) it stands for. */
function sourceOf(map: RunMap, index: number): { node: Text; start: number; end: number } {
  const r = runAt(map, index);
  const node = map.nodes[map.runNode[r] ?? -1];
  if (!node) throw new RangeError(`no node at ${index}`);
  const offset = map.runOffset[r] ?? 0;
  const span = map.runSpan[r] ?? LINEAR;
  if (span !== LINEAR) return { node, start: offset, end: offset + span };
  const start = offset + index - (map.runStart[r] ?? 0);
  return { node, start, end: start + 1 };
}

function rangeOf(map: RunMap, start: number, end: number, doc: Document): Range {
  const first = sourceOf(map, start);
  const last = sourceOf(map, end - 1);
  const range = doc.createRange();
  range.setStart(first.node, first.start);
  range.setEnd(last.node, last.end);
  return range;
}

/**
 * The normalised text under construction and its run-length map. Every character is written once
 * into one reused array and becomes part of a string once, when its window is searched. Measured
 * on a 3 MB page (3 M characters): strings per text node and the arrays holding them allocated
 * 14 MB; `fromCharCode.apply` on a typed array makes a 5-byte-per-character argument list on the
 * heap, on a plain array of small integers none, which leaves about a byte per character.
 */
class Output implements RunMap {
  /** Global index just after the last character written. */
  length = 0;
  /** Global index of the first character still held. */
  base = 0;
  nodes: Text[] = [];
  runs = 0;
  runStart = new Int32Array(256);
  runNode = new Int32Array(256);
  runOffset = new Int32Array(256);
  runSpan = new Int32Array(256);
  /** The characters held, from `base` (its length never shrinks: apply decodes it whole). */
  #buf: number[] = new Array<number>(DECODE).fill(0);
  /** Entries of `buf` written since it was last cleared. */
  #dirty = 0;
  /** The open LINEAR run continues if the next character comes from (openNode, nextOffset). */
  #openNode = -1;
  #nextOffset = 0;

  /** Index into `nodes` for a text node, adding it when it is not the last one seen. */
  nodeIndex(node: Text): number {
    const last = this.nodes.length - 1;
    if (this.nodes[last] === node) return last;
    this.nodes.push(node);
    return last + 1;
  }

  /** Where the next `n` characters go in `buf` (growing it for a node longer than a window). */
  #room(n: number): number {
    const at = this.length - this.base;
    while (at + n > this.#buf.length) this.#buf.push(0);
    this.#dirty = Math.max(this.#dirty, at + n);
    return at;
  }

  /** Append a character coming from `offset` in node `node`; `span` is LINEAR or its fixed span. */
  push(code: number, node: number, offset: number, span: number): void {
    const at = this.#room(1); // (before reading this.#buf: room() may replace it)
    this.#buf[at] = code;
    if (span === LINEAR && node === this.#openNode && offset === this.#nextOffset) this.#nextOffset++;
    else this.#startRun(node, offset, span);
    this.length++;
  }

  /**
   * Append a stretch [start, end) of a text node whose characters map one to one (quotes and
   * dashes folded): a copy loop and at most one run, instead of a push per character.
   */
  pushPlain(text: string, start: number, end: number, node: number): void {
    let at = this.#room(end - start);
    const buf = this.#buf;
    for (let i = start; i < end; i++) buf[at++] = foldChar(text.charCodeAt(i));
    if (node === this.#openNode && start === this.#nextOffset) this.#nextOffset = end;
    else {
      this.#startRun(node, start, LINEAR);
      this.#nextOffset = end;
    }
    this.length += end - start;
  }

  #startRun(node: number, offset: number, span: number): void {
    if (this.runs === this.runStart.length) this.#grow();
    const r = this.runs++;
    this.runStart[r] = this.length;
    this.runNode[r] = node;
    this.runOffset[r] = offset;
    this.runSpan[r] = span;
    this.#openNode = span === LINEAR ? node : -1;
    this.#nextOffset = offset + 1;
  }

  #grow(): void {
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

  /** The text held (from `base`) as one string. */
  text(): string {
    const n = this.length - this.base;
    const buf = this.#buf;
    if (n <= DECODE) {
      // Characters after n are from an earlier window: cleared, so that they cannot make the
      // string two bytes per character; the string is then cut to n (a view, not a copy).
      buf.fill(0, n, this.#dirty);
      this.#dirty = n;
      const all = String.fromCharCode.apply(null, buf);
      return all.length === n ? all : all.slice(0, n);
    }
    const parts: string[] = [];
    for (let i = 0; i < n; i += DECODE)
      parts.push(String.fromCharCode.apply(null, buf.slice(i, Math.min(n, i + DECODE))));
    return parts.join('');
  }

  /** Forget the text before global index `from` and the runs and nodes only it needed; returns how many nodes went. */
  dropBefore(from: number): number {
    if (from <= this.base) return 0;
    this.#buf.copyWithin(0, from - this.base, this.length - this.base);
    const keep = runAt(this, from);
    const span = this.runSpan[keep] ?? LINEAR;
    if (span === LINEAR) this.runOffset[keep] = (this.runOffset[keep] ?? 0) + from - (this.runStart[keep] ?? 0);
    this.runStart[keep] = from;
    const firstNode = this.runNode[keep] ?? 0;
    const n = this.runs - keep;
    for (const a of [this.runStart, this.runOffset, this.runSpan, this.runNode]) a.copyWithin(0, keep, this.runs);
    for (let r = 0; r < n; r++) this.runNode[r] = (this.runNode[r] ?? 0) - firstNode;
    this.runs = n;
    this.nodes.splice(0, firstNode);
    if (this.#openNode >= 0) this.#openNode -= firstNode;
    this.base = from;
    return firstNode;
  }
}

/** No space owed; a block-boundary space owed. Otherwise `pending` is the node of the owed whitespace. */
const NO_SPACE = -2;
const BLOCK_SPACE = -1;

export interface ScanQuote {
  id: string;
  quote: string;
}

/**
 * A resumable depth-first walk of the text under `root` as a reader sees it: each text node in
 * document order (`onText`), and each block boundary between them (`onBlock`, on entering and on
 * leaving a block element). Never-rendered tags, our own UI hosts and text for screen readers only
 * are skipped with their subtrees; inline elements join text. Open shadow roots are not entered.
 */
export class TextWalk {
  readonly #root: Node;
  readonly #walker: TreeWalker | null;
  readonly #onText: (node: Text) => void;
  readonly #onBlock: () => void;
  #node: Node;
  #finished = false;
  /** Elements whose text is for screen readers only (SCREEN_READER_ONLY), skipped with their subtree. */
  readonly #screenReaderOnly: ReadonlySet<Node>;

  constructor(root: Node, onText: (node: Text) => void, onBlock: () => void) {
    this.#root = root;
    this.#onText = onText;
    this.#onBlock = onBlock;
    const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    this.#walker = doc?.createTreeWalker(root, SHOW_ELEMENT_AND_TEXT) ?? null;
    this.#node = root;
    const query = (root as Partial<ParentNode>).querySelectorAll;
    this.#screenReaderOnly = new Set(query ? (root as ParentNode).querySelectorAll(SCREEN_READER_ONLY) : []);
  }

  /** Whether the node the walk would resume from has left the document (the page re-rendered mid-walk). */
  get lost(): boolean {
    return !this.#finished && this.#node !== this.#root && !this.#node.isConnected;
  }

  /**
   * Walk on until `pause()` says to stop (asked every 64 nodes) or the text has all been visited.
   * Returns true when the walk is complete.
   */
  run(pause: () => boolean = () => false): boolean {
    const walker = this.#walker;
    if (this.#finished || !walker) {
      this.#finished = true;
      return true;
    }
    let budget = 64;
    let node = this.#node;
    // An explicit depth-first walk over elements and text (rather than a SHOW_TEXT walker) so that
    // whole skipped subtrees are never visited and block boundaries are seen on entry and exit.
    for (;;) {
      if (--budget === 0) {
        budget = 64;
        if (pause()) {
          this.#node = node;
          return false;
        }
      }
      let descend = true; // the root itself may be a Document or fragment
      if (node.nodeType === TEXT_NODE) {
        this.#onText(node as Text);
        descend = false;
      } else if (node.nodeType === ELEMENT_NODE) {
        // A block separates words on entry and exit, even when its content is skipped.
        const kind = ELEMENT_KIND.get((node as Element).localName);
        if (kind === BLOCK) this.#onBlock();
        descend = kind !== SKIP && !isOwnHost(node as Element) && !this.#screenReaderOnly.has(node);
      }
      if (descend && walker.firstChild()) {
        node = walker.currentNode;
        continue;
      }
      // Done with this node: on to its next sibling, or up (closing blocks) until there is one.
      for (;;) {
        if (node.nodeType === ELEMENT_NODE && ELEMENT_KIND.get((node as Element).localName) === BLOCK) this.#onBlock();
        if (node === this.#root) return this.#finish();
        if (walker.nextSibling()) {
          node = walker.currentNode;
          break;
        }
        if (!walker.parentNode()) return this.#finish();
        node = walker.currentNode;
      }
    }
  }

  #finish(): true {
    this.#finished = true;
    return true;
  }
}

/**
 * A resumable read of the text under `root` (TextWalk) that finds each quote's first
 * MAX_OCCURRENCES places, exact after `normalizeText`: the reference the faster QuoteFinder
 * (./quote-finder.ts) is tested against, and what it falls back on for text it cannot search raw.
 */
export class QuoteScan {
  /** Each quote's places in document order (at most MAX_OCCURRENCES). */
  readonly found = new Map<string, Range[]>();
  /** The text and its map (all of it for a scan with an endless window). */
  readonly out = new Output();
  readonly #doc: Document | null;
  readonly #needles: Array<{ id: string; needle: string }>;
  readonly #tail: number;
  readonly #walk: TextWalk;
  #finished = false;
  /** Text before this global index has been searched. */
  #searched = 0;
  /** A space is owed before the next character (whitespace run or block boundary). */
  #pending = NO_SPACE;
  #pendingOffset = 0;
  #pendingBreak = false;
  readonly #window: number;

  /** `window`: search (and forget) the text every this many characters; Infinity keeps it all. */
  constructor(root: Node, quotes: readonly ScanQuote[], window = WINDOW) {
    this.#window = window;
    this.#doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    this.#needles = quotes.map(({ id, quote }) => ({ id, needle: normalizeText(quote) })).filter((q) => q.needle);
    for (const { id } of quotes) this.found.set(id, []);
    this.#tail = Math.max(0, ...this.#needles.map((q) => q.needle.length - 1));
    this.#walk = new TextWalk(
      root,
      (node) => {
        this.#addText(node);
        if (this.out.length - this.out.base >= this.#window + this.#tail) this.#search(false);
      },
      () => {
        this.#pendingBreak = true;
      },
    );
  }

  /** Whether the node the walk would resume from has left the document (the page re-rendered mid-walk). */
  get lost(): boolean {
    return this.#walk.lost;
  }

  /**
   * Read on until `pause()` says to stop (asked every 64 nodes) or the page has been read.
   * Returns true when the scan is complete.
   */
  run(pause: () => boolean = () => false): boolean {
    if (!this.#walk.run(pause)) return false;
    if (!this.#finished) {
      this.#finished = true;
      this.#search(true);
    }
    return true;
  }

  /** Search the text read since the last search (and the tail before it) for each quote. */
  #search(last: boolean): void {
    const out = this.out;
    const text = out.text();
    if (this.#doc) {
      for (const { id, needle } of this.#needles) {
        const places = this.found.get(id) ?? [];
        // Only matches that end in the new text: the ones before were found last time.
        let from = Math.max(0, this.#searched - needle.length + 1 - out.base);
        while (places.length < MAX_OCCURRENCES) {
          const at = text.indexOf(needle, from);
          if (at < 0) break;
          places.push(rangeOf(out, out.base + at, out.base + at + needle.length, this.#doc));
          from = at + 1;
        }
        this.found.set(id, places);
      }
    }
    this.#searched = out.length;
    if (!last) {
      // Node indices shift with the dropped nodes, the owed space's too.
      const dropped = out.dropBefore(out.length - this.#tail);
      if (this.#pending >= 0) this.#pending -= dropped;
    }
  }

  /** Normalise one text node into the output: `normalizeText`, streamed. */
  #addText(textNode: Text): void {
    const out = this.out;
    if (this.#pendingBreak && this.#pending === NO_SPACE) this.#pending = BLOCK_SPACE;
    this.#pendingBreak = false;
    const text = textNode.data;
    // Fast path (most nodes of a policy page): printable characters that stay as they are or fold
    // one to one, and single inner spaces; one native regex test decides.
    if (PLAIN_NODE.test(text)) {
      const length = text.length;
      let start = 0;
      let end = length;
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      // Leading whitespace owes a space (never at the very start of the text).
      if (start > 0 && this.#pending === NO_SPACE && out.length > 0) this.#owe(out.nodeIndex(textNode), 0);
      if (start === end) return;
      const node = out.nodeIndex(textNode);
      this.#emitPending(node, start);
      out.pushPlain(text, start, end, node);
      if (end < length) this.#owe(node, end);
      return;
    }
    const node = out.nodeIndex(textNode);
    if (MAY_COMPOSE.test(text) && text.normalize('NFC') !== text) {
      // Compose segment by segment, so that each composed character maps back to its whole source segment.
      for (const m of text.matchAll(NFC_SEGMENT)) {
        const segment = m[0];
        const nfc = segment.normalize('NFC');
        const same = nfc === segment;
        for (let i = 0; i < nfc.length; i++) {
          this.#addChar(nfc.charCodeAt(i), node, same ? m.index + i : m.index, same ? LINEAR : segment.length);
        }
      }
    } else for (let i = 0; i < text.length; i++) this.#addChar(text.charCodeAt(i), node, i, LINEAR);
  }

  /** One character at (node, at), standing for `span` source units: spaces collapse, zero-width ones go. */
  #addChar(code: number, node: number, at: number, span: number): void {
    let c = code;
    if (c <= 0x20 || c >= 0x7f) {
      if (isSpace(c)) {
        // Collapses with its neighbours; never leading (nor trailing: only emitted before a character).
        if (this.#pending === NO_SPACE && this.out.length > 0) this.#owe(node, at);
        return;
      }
      if (isZeroWidth(c)) return;
      c = foldChar(c);
    }
    this.#emitPending(node, at);
    this.out.push(c, node, at, span);
  }

  #owe(node: number, offset: number): void {
    this.#pending = node;
    this.#pendingOffset = offset;
  }

  /** Write the owed space, if any, before a character at (node, at). */
  #emitPending(node: number, at: number): void {
    const pending = this.#pending;
    if (pending === NO_SPACE) return;
    // A block-boundary space has no source character: it points at the next one, spanning nothing.
    if (pending === BLOCK_SPACE) {
      if (this.out.length > 0) this.out.push(0x20, node, at, 0);
    } else this.out.push(0x20, pending, this.#pendingOffset, LINEAR);
    this.#pending = NO_SPACE;
  }
}

/** The whole normalised text under `root` with its map back into the DOM (see `QuoteScan`). */
export function collectPageText(root: Node): PageText {
  const scan = new QuoteScan(root, [], Number.POSITIVE_INFINITY);
  scan.run();
  const { out } = scan;
  const text = out.text();
  const n = out.runs;
  return {
    text,
    nodes: out.nodes,
    runStart: out.runStart.subarray(0, n),
    runNode: out.runNode.subarray(0, n),
    runOffset: out.runOffset.subarray(0, n),
    runSpan: out.runSpan.subarray(0, n),
  };
}

/** Find a quote, exact after `normalizeText` (case-sensitive, no fuzziness). Null when it is not on the page. */
export function findQuote(page: PageText, quote: string): QuoteMatch | null {
  const needle = normalizeText(quote);
  if (needle === '') return null;
  const start = page.text.indexOf(needle);
  return start < 0 ? null : { start, end: start + needle.length };
}

/** The DOM Range covering a match: from its first character's source to just after its last one's. */
export function toRange(page: PageText, match: QuoteMatch, doc: Document): Range {
  const { start, end } = match;
  if (!(start >= 0 && start < end && end <= page.text.length)) {
    throw new RangeError(`match ${start}..${end} is outside the page text (${page.text.length} chars)`);
  }
  return rangeOf({ ...page, base: 0, runs: page.runStart.length }, start, end, doc);
}

/** Read the whole page at once and locate every quote (its places in document order; empty when not on the page). */
export function locateQuotes(root: Node, quotes: readonly ScanQuote[]): Map<string, Range[]> {
  const scan = new QuoteScan(root, quotes);
  scan.run();
  return scan.found;
}

/**
 * A Range's text as the scan reads it: `toString()` without text for screen readers only (a located
 * quote may run across such an element, which its Range then holds too).
 */
export function readableText(range: Range): string {
  const common = range.commonAncestorContainer;
  const within = common.nodeType === ELEMENT_NODE ? (common as Element) : common.parentElement;
  if (!within?.querySelector(SCREEN_READER_ONLY)) return range.toString();
  const copy = range.cloneContents();
  for (const hidden of copy.querySelectorAll(SCREEN_READER_ONLY)) hidden.remove();
  return copy.textContent ?? '';
}

/**
 * `normalizeText` without any space: what a Range's `readableText` (which has no space for a
 * block boundary) must still equal for the Range to hold its quote.
 */
export function compact(text: string): string {
  return normalizeText(text).replace(/ /g, '');
}

/**
 * Our highlight's name; its style is public/highlight.css (injected by the browser): the quiet marks
 * on every flagged passage. The one passage the user asked to see is not a highlight: the registry is
 * the document's, and the page's scripts can list it (utils/content/emphasis.ts draws that one).
 */
export const MARKS_NAME = 'policy-lens-marks';

/** What painting needs from the window: `window` itself fits (H = Highlight). Tests pass fakes. */
export interface HighlightEnv<H = unknown> {
  CSS?: { highlights?: { set(name: string, highlight: H): unknown; delete(name: string): unknown } };
  Highlight?: new (...ranges: Range[]) => H;
}

/**
 * Paint the ranges under `name` with the CSS Custom Highlight API (no DOM mutation); false when the
 * browser has none. (Every browser we support has it: Chromium 105+, Firefox 140+; the Selection
 * fallback this replaced could not run there and cost 62 bytes of the content script's 15 KB.)
 */
export function highlightRanges<H>(env: HighlightEnv<H>, ranges: Range[], name = MARKS_NAME): boolean {
  const registry = env.CSS?.highlights;
  if (!registry || !env.Highlight) return false;
  if (ranges.length === 0) registry.delete(name);
  else registry.set(name, new env.Highlight(...ranges));
  return ranges.length > 0;
}

/** Remove our highlight. */
export function clearHighlights<H>(env: HighlightEnv<H>, name = MARKS_NAME): void {
  env.CSS?.highlights?.delete(name);
}

/** Scroll the range's start into the middle of the viewport. */
export function scrollRangeIntoView(range: Range): void {
  const start = range.startContainer;
  const element = start.nodeType === ELEMENT_NODE ? (start as Element) : start.parentElement;
  element?.scrollIntoView({ block: 'center' });
}
