// @vitest-environment happy-dom
/**
 * QuoteFinder (utils/quote-finder.ts) against its reference, QuoteScan: the same places for the
 * same quotes, on seeded random pages built to hit every case the raw search must get right
 * (spaces of every kind, curly quotes and dashes, zero-width characters and soft hyphens inside
 * words, words split over inline elements, blocks, skipped and screen-reader-only elements,
 * decomposed accents), and on every real HTML snapshot in the corpus with stretches of its own
 * text as quotes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPageText, MAX_OCCURRENCES, QuoteScan, type ScanQuote } from '../../utils/highlight';
import { anchorOf, backward, forward, NO_MATCH, QuoteFinder, RAN_OUT } from '../../utils/quote-finder';
import { CORPUS_DIR, readCorpus, requireCorpus } from '../support/corpus';
import { stripScripts } from '../support/snapshot-page';

function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

/** Each quote's places as [start node, start offset, end node, end offset], nodes by their index among `texts`. */
function placesOf(found: Map<string, Range[]>, texts: Node[]): Record<string, number[][]> {
  const at = (n: Node) => texts.indexOf(n);
  return Object.fromEntries(
    [...found].map(([id, ranges]) => [
      id,
      ranges.map((r) => [at(r.startContainer), r.startOffset, at(r.endContainer), r.endOffset]),
    ]),
  );
}

function textNodes(root: Node): Node[] {
  const out: Node[] = [];
  const walker = document.createTreeWalker(root, 4);
  while (walker.nextNode()) out.push(walker.currentNode);
  return out;
}

function bothFind(root: Node, quotes: ScanQuote[], pause?: () => boolean) {
  const scan = new QuoteScan(root, quotes);
  scan.run();
  const finder = new QuoteFinder(root, quotes);
  let pauses = 0;
  while (!finder.run(pause)) pauses++;
  const texts = textNodes(root);
  return { expected: placesOf(scan.found, texts), actual: placesOf(finder.found, texts), pauses };
}

/** Stretches of the page's normalised text (starting and ending on a character), and the same with one character changed. */
function quotesFrom(root: Node, random: (n: number) => number, count: number, maxLength = 120): ScanQuote[] {
  const text = collectPageText(root).text;
  const quotes: ScanQuote[] = [];
  for (let k = 0; k < count && text.length > 1; k++) {
    let start = random(text.length);
    let end = Math.min(text.length, start + 1 + random(maxLength));
    while (start < end && text[start] === ' ') start++;
    while (end > start && text[end - 1] === ' ') end--;
    if (start >= end) continue;
    const quote = text.slice(start, end);
    quotes.push({ id: `q${k}`, quote });
    if (k % 4 === 0) {
      const i = random(quote.length);
      quotes.push({ id: `m${k}`, quote: `${quote.slice(0, i)}\u00e6${quote.slice(i + 1)}` });
    }
  }
  return quotes;
}

describe('QuoteFinder finds what QuoteScan finds', () => {
  const words = [
    'We',
    'may',
    'share',
    'it',
    'data',
    'caf\u00e9',
    'don\u2019t',
    "don't",
    '\u201cdata\u201d',
    'AI\u2013driven',
    'AI-driven',
    '(EU)',
    'a.b*c?',
    'x',
    'infor\u00admation',
    'per\u200bsonal',
    '\u4e2d\u6587',
    '\ud83d\ude00ok',
  ];
  const spaces = [
    ' ',
    '  ',
    '\n',
    '\n   ',
    '\t',
    '\u00a0',
    '\u202f',
    '\u2009',
    '\u3000',
    ' \u00a0 ',
    '\u200b ',
    '\ufeff',
  ];

  /** A random page: words and spaces over inline elements, blocks, a skipped <script>, a screen-reader-only span. */
  function randomPage(random: (n: number) => number, extraWords: readonly string[] = []): HTMLElement {
    const pool = [...words, ...extraWords];
    const root = document.createElement('div');
    let parent: HTMLElement = root;
    for (let i = random(40) + 1; i > 0; i--) {
      const word = pool[random(pool.length)] as string;
      const space = random(3) === 0 ? (spaces[random(spaces.length)] as string) : ' ';
      const kind = random(9);
      if (kind === 0) {
        // A word split over inline elements (in two or three), as a reader sees it joined.
        const cut = 1 + random(Math.max(1, word.length - 1));
        const cut2 = cut + random(Math.max(1, word.length - cut));
        const b = document.createElement('b');
        b.textContent = word.slice(0, cut);
        const i = document.createElement('i');
        i.textContent = word.slice(cut, cut2);
        parent.append(b, i, word.slice(cut2) + space);
      } else if (kind === 1) {
        const p = document.createElement(random(2) ? 'p' : 'li');
        p.textContent = word + space;
        root.append(p);
        parent = random(2) ? p : root;
      } else if (kind === 2) {
        const script = document.createElement('script');
        script.textContent = `var ${word.replace(/\W/g, '_')} = 1;`;
        parent.append(script);
      } else if (kind === 3) {
        const hidden = document.createElement('span');
        hidden.className = 'sr-only';
        hidden.textContent = ' (opens a new window)';
        parent.append(word, hidden, space);
      } else if (kind === 4) {
        const a = document.createElement('a');
        a.textContent = word;
        parent.append(a, space);
      } else parent.append(word + space);
    }
    document.body.append(root);
    return root;
  }

  it('on seeded random pages, for stretches of their text and near misses', () => {
    const random = seeded(11);
    let compared = 0;
    let placesSeen = 0;
    for (let run = 0; run < 300; run++) {
      const root = randomPage(random);
      const quotes = quotesFrom(root, random, 6, 60);
      const { expected, actual } = bothFind(root, quotes);
      expect(actual, root.innerHTML).toEqual(expected);
      compared += quotes.length;
      placesSeen += Object.values(expected).reduce((n, p) => n + p.length, 0);
      root.remove();
    }
    expect(compared).toBeGreaterThan(1500);
    expect(placesSeen).toBeGreaterThan(1000);
  });

  it('on pages with decomposed accents (searched by QuoteScan itself)', () => {
    const random = seeded(5);
    for (let run = 0; run < 60; run++) {
      const root = randomPage(random, ['cafe\u0301', 'n\u0303o']);
      const quotes = quotesFrom(root, random, 4, 40);
      const { expected, actual } = bothFind(root, quotes);
      expect(actual, root.innerHTML).toEqual(expected);
      root.remove();
    }
  });

  it('paused after every check, and with a quote repeated more often than it keeps', () => {
    const root = document.createElement('div');
    for (let i = 0; i < 300; i++) {
      const p = document.createElement('p');
      p.append('We may share ', Object.assign(document.createElement('a'), { textContent: 'your data' }), ` ${i}.`);
      root.append(p);
    }
    document.body.append(root);
    const quotes = [
      { id: 'repeated', quote: 'share your data' },
      { id: 'one', quote: 'your data 150. We may' },
      { id: 'none', quote: 'sell your data' },
    ];
    const { expected, actual, pauses } = bothFind(root, quotes, () => true);
    expect(actual).toEqual(expected);
    expect(actual.repeated).toHaveLength(MAX_OCCURRENCES);
    expect(actual.one).toHaveLength(1);
    expect(actual.none).toEqual([]);
    expect(pauses).toBeGreaterThan(10);
    root.remove();
  });

  it('finds overlapping places, as QuoteScan does', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>la la la la</p>';
    document.body.append(root);
    const { expected, actual } = bothFind(root, [{ id: 'la', quote: 'la la' }]);
    expect(actual).toEqual(expected);
    expect(actual.la?.map((p) => p[1])).toEqual([0, 3, 6]);
    root.remove();
  });

  it('reaches past long runs of whitespace (pretty-printed markup) on either side of the anchor', () => {
    const root = document.createElement('div');
    const indent = `\n${' '.repeat(400)}`;
    for (const word of 'We collect information about how you use our services'.split(' ')) {
      root.append(Object.assign(document.createElement('span'), { textContent: word }), indent);
    }
    document.body.append(root);
    const quotes = [{ id: 'q', quote: 'We collect information about how you use our services' }];
    const { expected, actual } = bothFind(root, quotes);
    expect(actual).toEqual(expected);
    expect(actual.q).toHaveLength(1);
    root.remove();
  });

  it('says when the page re-rendered under a paused read', () => {
    const root = document.createElement('div');
    root.append(
      ...Array.from({ length: 200 }, () => Object.assign(document.createElement('p'), { textContent: 'one' })),
    );
    document.body.append(root);
    const finder = new QuoteFinder(root, [{ id: 'x', quote: 'one' }]);
    expect(finder.run(() => true)).toBe(false);
    expect(finder.lost).toBe(false);
    root.replaceChildren(...[...root.childNodes].map((n) => n.cloneNode(true)));
    expect(finder.lost).toBe(true);
    root.remove();
  });

  it('matches spaces, quotes and dashes as normalizeText folds them, both ways, and says when the text ran out', () => {
    const needle = "don't (see) a-b";
    const text = 'x don\u2019t\u00a0 (see)\na\u2013b y';
    expect(forward(text, 2, needle, 0, needle.length)).toBe(text.length - 2);
    expect(backward(text, text.length - 2, needle, 0, needle.length)).toBe(2);
    expect(forward("don't (see)a-b", 0, needle, 0, needle.length)).toBe(NO_MATCH);
    expect(forward("don't [see] a-b", 0, needle, 0, needle.length)).toBe(NO_MATCH);
    expect(forward("don't (se", 0, needle, 0, needle.length)).toBe(RAN_OUT);
    expect(backward('(see) a-b', 9, needle, 0, needle.length)).toBe(RAN_OUT);
    expect(forward('per\u200bsonal\u00ad \u200bdata', 0, 'personal data', 0, 13)).toBe(16);
    expect(forward('a\u200bb', 0, 'a b', 0, 3)).toBe(NO_MATCH);
    expect(anchorOf("we don't share personal-data")).toBe('personal');
    expect(anchorOf('- " -')).toBe('');
  });
});

describe('QuoteFinder on the real HTML snapshots', () => {
  requireCorpus();
  const files = readdirSync(join(CORPUS_DIR, 'policies')).flatMap((platform) => {
    try {
      return readdirSync(join(CORPUS_DIR, 'policies', platform, 'html')).map((f) => `policies/${platform}/html/${f}`);
    } catch {
      return [];
    }
  });

  it('has snapshots to read', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s: the same places for stretches of its own text', { timeout: 60_000 }, (file) => {
    const parsed = new DOMParser().parseFromString(
      // Without stylesheet links and frames: happy-dom would try to load them.
      stripScripts(readCorpus(file)).replace(/<link\b[^>]*>|<iframe\b[^>]*>/gi, ''),
      'text/html',
    );
    const root = document.createElement('div');
    root.append(...parsed.body.childNodes);
    document.body.append(root);
    const quotes = quotesFrom(root, seeded(file.length), 24, 300);
    const { expected, actual } = bothFind(root, quotes);
    expect(actual).toEqual(expected);
    expect(Object.values(expected).filter((p) => p.length > 0).length).toBeGreaterThan(quotes.length / 2);
    root.remove();
  });
});
