/**
 * Find quotes in a live page the way `QuoteScan` (./highlight.ts) does — the same text, the same
 * places, exact after `normalizeText` — without running JavaScript per character of the page.
 *
 * QuoteScan normalises every character of the page in a loop of ours; measured in Chromium 156 on
 * the bench's 1.1 MB page, that read took 65–116 ms on a fresh page (medians of microbenchmark runs,
 * which varied that much), while the same walk over the page's nodes with one regular-expression test
 * per text node took 11 ms. So the work is split:
 * 1. Walk (the same `TextWalk`) and test each text node with one native regular expression for every
 *    quote's anchor: its longest stretch without spaces, quotes or dashes, which must appear in the
 *    page's text as it is (nothing in it is folded). A word split over inline elements
 *    (`Micro<b>soft</b>`) is tested across the seam; zero-width characters and soft hyphens are taken
 *    out of a node before its test. Most places of a common word are not followed, in their node, by
 *    what follows the anchor in the quote: those are dropped at once.
 * 2. Around each node left, join the raw text of the nodes near it (a newline for a block boundary)
 *    and match the quote outwards from each place of its anchor there, character by character with
 *    `normalizeText`'s rules (any run of spaces is one space, zero-width characters are nothing,
 *    quotes and dashes fold): only a few hundred characters per place, never the page. When a match
 *    runs into the edge of what was joined, more is joined and it is tried again.
 * Text that is not in NFC (decomposed accents) cannot be matched raw: a page with any is handed to
 * QuoteScan whole, as is a quote with no anchor (only spaces, quotes or dashes).
 */
import {
  foldChar,
  isSpace,
  isZeroWidth,
  MAX_OCCURRENCES,
  MAY_COMPOSE,
  QuoteScan,
  type ScanQuote,
  TextWalk,
} from './highlight';
import { normalizeText } from './text';

/** What `normalizeText` deletes. */
const ZERO_WIDTH = '\\u200b-\\u200d\\u2060\\ufeff\\u00ad';
const HAS_ZERO_WIDTH = new RegExp(`[${ZERO_WIDTH}]`);
const ZERO_WIDTH_ALL = new RegExp(`[${ZERO_WIDTH}]`, 'g');
/** Zero-width characters, and those NFC may compose or change (MAY_COMPOSE): both rare in a policy. */
const SPECIAL = new RegExp(`[${ZERO_WIDTH}\\u0300-\\u1fff\\u2070-\\uffff]`);
const NOT_ANCHOR = /[ '"-]+/;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
const literal = (text: string) => text.replace(REGEX_SPECIAL, '\\$&');
const withoutZeroWidth = (text: string) => (HAS_ZERO_WIDTH.test(text) ? text.replace(ZERO_WIDTH_ALL, '') : text);

/** How much of what follows an anchor in the needle is checked in the node that holds it. */
const CONTINUATION = 24;

/** A needle's anchor: its longest stretch that `normalizeText` leaves as the page has it ('' when none). */
export function anchorOf(needle: string): string {
  let best = '';
  for (const piece of needle.split(NOT_ANCHOR)) if (piece.length > best.length) best = piece;
  return best;
}

/** `forward` and `backward`: the text does not match; the text ended before the needle did. */
export const NO_MATCH = -1;
export const RAN_OUT = -2;

/**
 * Match `needle[from, to)` (normalised) against raw `text` from index `at`, with `normalizeText`'s
 * rules: a needle space is one or more spaces (zero-width characters among them), zero-width
 * characters elsewhere are skipped, quotes and dashes fold. Returns the index just after the match
 * (never taking spaces or zero-width characters after its last character), NO_MATCH or RAN_OUT.
 */
export function forward(text: string, at: number, needle: string, from: number, to: number): number {
  let i = at;
  for (let k = from; k < to; k++) {
    const n = needle.charCodeAt(k);
    if (n === 0x20) {
      let spaced = false;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) spaced = true;
        else if (!isZeroWidth(c)) break;
      }
      if (i === text.length) return RAN_OUT;
      if (!spaced) return NO_MATCH;
      continue;
    }
    while (i < text.length && isZeroWidth(text.charCodeAt(i))) i++;
    if (i === text.length) return RAN_OUT;
    if (foldChar(text.charCodeAt(i)) !== n) return NO_MATCH;
    i++;
  }
  return i;
}

/** `forward` the other way: `needle[from, to)` ending just before raw index `at`; returns where the match starts. */
export function backward(text: string, at: number, needle: string, from: number, to: number): number {
  let i = at;
  for (let k = to - 1; k >= from; k--) {
    const n = needle.charCodeAt(k);
    if (n === 0x20) {
      let spaced = false;
      for (; i > 0; i--) {
        const c = text.charCodeAt(i - 1);
        if (isSpace(c)) spaced = true;
        else if (!isZeroWidth(c)) break;
      }
      if (i === 0) return RAN_OUT;
      if (!spaced) return NO_MATCH;
      continue;
    }
    while (i > 0 && isZeroWidth(text.charCodeAt(i - 1))) i--;
    if (i === 0) return RAN_OUT;
    if (foldChar(text.charCodeAt(i - 1)) !== n) return NO_MATCH;
    i--;
  }
  return i;
}

/** The last of the ascending `starts` at or before `index`: the piece of joined text holding it. */
function pieceAt(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Needle {
  id: string;
  /** The normalised needle. */
  text: string;
  anchor: string;
  anchorTest: RegExp;
  /**
   * Where the anchor first is in the needle. (A match holds that place of it, and a node holding it
   * is a candidate, so later places of the anchor in the needle need no trying.)
   */
  anchorAt: number;
}

/** A place found: the node index and offset it starts at (to order places), and its Range. */
interface Place {
  node: number;
  offset: number;
  range: Range;
}

/** Nodes that held an anchor of `needle`: from `first` (a seam may start earlier) to `last`. */
interface Candidate {
  needle: Needle;
  first: number;
  last: number;
}

export class QuoteFinder {
  /** Each quote's places in document order (at most MAX_OCCURRENCES); complete once `run` returned true. */
  readonly found = new Map<string, Range[]>();
  readonly #root: Node;
  readonly #doc: Document | null;
  readonly #quotes: readonly ScanQuote[];
  readonly #needles: Needle[] = [];
  /** Quotes only QuoteScan can find (no anchor), and all of them once text not in NFC was seen. */
  #exactQuotes: ScanQuote[] = [];
  #exact: QuoteScan | null = null;
  readonly #anyAnchor: RegExp | null;
  /** Longest anchor minus one: how much of a word before a seam can belong to an anchor. */
  readonly #carryMax: number;
  readonly #walk: TextWalk;
  #walked = false;
  /** Every text node read, in document order, and whether a block boundary comes before it. */
  readonly #nodes: Text[] = [];
  #blockBefore = new Uint8Array(1024);
  #pendingBreak = false;
  /** The text read since the last block boundary ends with a visible character (a word a next node may continue). */
  #endsInWord = false;
  #lastChar = 0;
  /** The UTF-16 units the anchors are made of (1 for each; a seam elsewhere cannot run through an anchor). */
  readonly #inAnchors = new Uint8Array(65_536);
  #notNfc = false;
  readonly #candidates: Candidate[] = [];
  #next = 0;
  readonly #places = new Map<string, Place[]>();

  constructor(root: Node, quotes: readonly ScanQuote[]) {
    this.#root = root;
    this.#quotes = quotes;
    this.#doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    for (const q of quotes) {
      this.found.set(q.id, []);
      const needle = normalizeText(q.quote);
      if (!needle) continue;
      const anchor = anchorOf(needle);
      if (!anchor) {
        this.#exactQuotes.push(q);
        continue;
      }
      const anchorAt = needle.indexOf(anchor);
      this.#needles.push({ id: q.id, text: needle, anchor, anchorTest: new RegExp(literal(anchor)), anchorAt });
      this.#places.set(q.id, []);
    }
    const anchors = this.#needles.map((n) => n.anchorTest.source);
    this.#anyAnchor = anchors.length ? new RegExp(anchors.join('|')) : null;
    this.#carryMax = Math.max(0, ...this.#needles.map((n) => n.anchor.length - 1));
    for (const { anchor } of this.#needles) {
      // An anchor of one character has no seam to run through.
      if (anchor.length > 1) for (let i = 0; i < anchor.length; i++) this.#inAnchors[anchor.charCodeAt(i)] = 1;
    }
    this.#walk = new TextWalk(
      root,
      (node) => this.#read(node),
      () => {
        this.#pendingBreak = true;
      },
    );
  }

  /** Whether the node the walk would resume from has left the document (the page re-rendered mid-walk). */
  get lost(): boolean {
    return this.#walk.lost || (this.#exact?.lost ?? false);
  }

  /**
   * Read on until `pause()` says to stop (asked every 64 nodes, and between searches) or every
   * quote has been looked for. Returns true when done.
   */
  run(pause: () => boolean = () => false): boolean {
    if (!this.#walked) {
      if (this.#anyAnchor && !this.#walk.run(pause)) return false;
      this.#walked = true;
      if (this.#notNfc) this.#exactQuotes = [...this.#quotes];
      else this.#publish();
      if (this.#exactQuotes.length) this.#exact = new QuoteScan(this.#root, this.#exactQuotes);
    }
    if (!this.#notNfc) {
      while (this.#next < this.#candidates.length) {
        const candidate = this.#candidates[this.#next++] as Candidate;
        this.#verify(candidate);
        if (pause()) {
          this.#publish();
          return false;
        }
      }
      this.#publish();
    }
    if (this.#exact) {
      if (!this.#exact.run(pause)) return false;
      for (const [id, ranges] of this.#exact.found) this.found.set(id, ranges);
    }
    return true;
  }

  /** Step 1 for one text node: note it, and whether it (or the word it continues) holds an anchor. */
  #read(node: Text): void {
    const index = this.#nodes.length;
    this.#nodes.push(node);
    if (index === this.#blockBefore.length) {
      const grown = new Uint8Array(index * 2);
      grown.set(this.#blockBefore);
      this.#blockBefore = grown;
    }
    if (this.#pendingBreak) {
      this.#blockBefore[index] = 1;
      this.#pendingBreak = false;
      this.#endsInWord = false;
    }
    const anyAnchor = this.#anyAnchor;
    if (!anyAnchor || this.#notNfc) return;
    let text = node.data;
    // One test for the rare characters (zero-width ones, and those NFC may change) before two.
    if (SPECIAL.test(text)) {
      if (MAY_COMPOSE.test(text) && text.normalize('NFC') !== text) {
        this.#notNfc = true;
        return;
      }
      text = withoutZeroWidth(text);
    }
    if (text.length === 0) return; // (an empty node joins its neighbours' words)
    if (anyAnchor.test(text)) this.#hit(index, index, text, false);
    // A word that runs on from the nodes before: its end and this node's start may hold an anchor.
    // (Only where both sides of the seam are characters some anchor has: after a link, mostly not.)
    const inAnchors = this.#inAnchors;
    if (this.#endsInWord && inAnchors[text.charCodeAt(0)] && inAnchors[this.#lastChar]) {
      const { carry, from } = this.#wordBefore(index);
      const probe = carry + text.slice(0, this.#carryMax);
      if (anyAnchor.test(probe)) this.#hit(from, index, probe, true);
    }
    this.#lastChar = text.charCodeAt(text.length - 1);
    this.#endsInWord = !isSpace(this.#lastChar);
  }

  /** The end (up to `carryMax` characters) of the word the nodes before `index` end with, and the node it starts in. */
  #wordBefore(index: number): { carry: string; from: number } {
    const max = this.#carryMax;
    let carry = '';
    let from = index;
    for (let j = index - 1; j >= 0 && carry.length < max; j--) {
      const text = withoutZeroWidth((this.#nodes[j] as Text).data);
      let i = text.length;
      while (i > 0 && !isSpace(text.charCodeAt(i - 1)) && text.length - i < max) i--;
      if (i < text.length) {
        carry = text.slice(i) + carry;
        from = j;
      }
      // A space, or the start of a block, begins the word.
      if ((i > 0 && text.length > 0) || this.#blockBefore[j]) break;
    }
    return { carry: carry.slice(-max), from };
  }

  /**
   * Nodes `first`…`last` hold an anchor in `text` (their text without zero-width characters): a
   * candidate for each needle whose anchor is there and, within a single node, is followed by what
   * follows it in the needle for as long as the node goes on (most places of a common word are not).
   */
  #hit(first: number, last: number, text: string, seam: boolean): void {
    for (const needle of this.#needles) {
      if (!needle.anchorTest.test(text)) continue;
      if (seam || this.#continues(needle, text)) this.#candidates.push({ needle, first, last });
    }
  }

  #continues({ text: needle, anchor, anchorAt }: Needle, text: string): boolean {
    const from = anchorAt + anchor.length;
    const to = Math.min(needle.length, from + CONTINUATION);
    for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
      if (forward(text, at + anchor.length, needle, from, to) !== NO_MATCH) return true;
    }
    return false;
  }

  /** Step 2 for one candidate: the quote matched in the raw text around it. */
  #verify({ needle, first, last }: Candidate): void {
    const doc = this.#doc;
    if (!doc) return;
    const nodes = this.#nodes;
    const places = this.#places.get(needle.id) ?? [];
    // Raw characters to join on either side at first; doubled while a match runs into an edge.
    let want = needle.text.length + 64;
    for (;;) {
      let from = first;
      for (let taken = 0; from > 0 && taken < want; ) taken += (nodes[--from] as Text).data.length;
      let to = last;
      for (let taken = 0; to < nodes.length - 1 && taken < want; ) taken += (nodes[++to] as Text).data.length;
      // Places are kept in document order, the first MAX_OCCURRENCES: none from here can be among them.
      const lastKept = places[MAX_OCCURRENCES - 1];
      if (lastKept && lastKept.node < from) return;
      const starts: number[] = [];
      let joined = '';
      for (let i = from; i <= to; i++) {
        if (i > from && this.#blockBefore[i]) joined += '\n';
        starts.push(joined.length);
        joined += (nodes[i] as Text).data;
      }
      if (this.#match(needle, joined, starts, from, from > 0, to < nodes.length - 1, doc, places)) return;
      want *= 2;
    }
  }

  /**
   * Match the needle at every place of its anchor in `joined` (the text of nodes `from`… starting at
   * `starts`); add new places in order. False when a match ran into an edge that is not the text's
   * own (`openStart`, `openEnd`): the caller joins more and asks again.
   */
  #match(
    needle: Needle,
    joined: string,
    starts: readonly number[],
    from: number,
    openStart: boolean,
    openEnd: boolean,
    doc: Document,
    places: Place[],
  ): boolean {
    const { text, anchor, anchorAt } = needle;
    // With zero-width characters about, the anchor may have some inside: each place of its first character is tried.
    const zeroWidth = HAS_ZERO_WIDTH.test(joined);
    const probe = zeroWidth ? anchor.charAt(0) : anchor;
    const a = anchorAt;
    for (let at = joined.indexOf(probe); at >= 0; at = joined.indexOf(probe, at + 1)) {
      const anchorEnd = zeroWidth ? forward(joined, at, text, a, a + anchor.length) : at + anchor.length;
      if (anchorEnd === RAN_OUT && openEnd) return false;
      if (anchorEnd < 0) continue;
      const start = backward(joined, at, text, 0, a);
      const end = forward(joined, anchorEnd, text, a + anchor.length, text.length);
      if ((start === RAN_OUT && openStart) || (end === RAN_OUT && openEnd)) return false;
      if (start >= 0 && end >= 0) this.#place(start, end, starts, from, doc, places);
    }
    return true;
  }

  /** Keep the match [start, end) of `joined` if it is new and among the first MAX_OCCURRENCES in document order. */
  #place(start: number, end: number, starts: readonly number[], from: number, doc: Document, places: Place[]): void {
    const a = pieceAt(starts, start);
    const b = pieceAt(starts, end - 1);
    const node = from + a;
    const offset = start - (starts[a] as number);
    if (places.some((p) => p.node === node && p.offset === offset)) return;
    let at = places.length;
    for (; at > 0; at--) {
      const before = places[at - 1] as Place;
      if (before.node < node || (before.node === node && before.offset < offset)) break;
    }
    if (at >= MAX_OCCURRENCES) return;
    const range = doc.createRange();
    range.setStart(this.#nodes[node] as Text, offset);
    range.setEnd(this.#nodes[from + b] as Text, end - (starts[b] as number));
    places.splice(at, 0, { node, offset, range });
    if (places.length > MAX_OCCURRENCES) places.pop();
  }

  /** Hand the places found so far to `found`, in document order. */
  #publish(): void {
    for (const [id, places] of this.#places)
      this.found.set(
        id,
        places.map((p) => p.range),
      );
  }
}
