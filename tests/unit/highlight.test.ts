// @vitest-environment happy-dom
/**
 * The in-page quote finder: synthetic DOM cases for the normalisation and the text walk, every
 * dataset quote found in the DOM of its captured document, the real LinkedIn HTML, and real old
 * ToS;DR quotes that today's texts no longer contain (exact matching is our staleness signal).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import {
  clearHighlights,
  collectPageText,
  compact,
  findQuote,
  type HighlightEnv,
  highlightRanges,
  LINEAR,
  locateQuotes,
  MARKS_NAME,
  MAX_OCCURRENCES,
  type PageText,
  QuoteScan,
  readableText,
  scrollRangeIntoView,
  toRange,
} from '../../utils/highlight';
import { ownHosts } from '../../utils/own-ui';
import { markdownToPlain, normalizeText } from '../../utils/text';
import { CORPUS_DIR, corpusFileForArchiveUrl, readCorpus, requireCorpus, sourceRows } from '../support/corpus';
import { allQuotes, quoteOf } from '../support/data';

/*
 * Fixtures live in detached <div>s of the test's global document: happy-dom 21 collapses Ranges
 * whose nodes belong to a second document (from DOMParser or createHTMLDocument).
 */

/** A detached container holding the given fixture markup (our own test HTML, or a corpus HTML file). */
function htmlBody(markup: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><body>${markup}</body></html>`, 'text/html');
  const container = document.createElement('div');
  container.append(...parsed.body.childNodes);
  return container;
}

/** A detached container holding one <p> per line, set as text (corpus text is never parsed as HTML). */
function linesBody(lines: readonly string[]): HTMLElement {
  const container = document.createElement('div');
  container.append(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
  return container;
}

/** Collect, find and map back: the normalised text the Range covers (null when the quote is not found). */
function rangeText(body: HTMLElement, quote: string): string | null {
  const page = collectPageText(body);
  const match = findQuote(page, quote);
  return match ? normalizeText(toRange(page, match, body.ownerDocument).toString()) : null;
}

const found = (body: HTMLElement, quote: string) => findQuote(collectPageText(body), quote) !== null;

describe('normalisation while walking the page', () => {
  it('joins a quote across inline <a> and <strong>', () => {
    const body = htmlBody('<p>We may <a href="/x">share your <strong>personal</strong> data</a> with partners.</p>');
    expect(rangeText(body, 'share your personal data with partners')).toBe('share your personal data with partners');
    expect(found(body, 'sharer')).toBe(false);
  });

  it('joins a word split over inline elements as the reader sees it', () => {
    const body = htmlBody('<p>pri<b>va</b><span>cy</span> <em>po</em>licy</p>');
    expect(rangeText(body, 'privacy policy')).toBe('privacy policy');
  });

  it('treats a <br> and a source line break as a space', () => {
    const body = htmlBody('<p>first line<br>second line</p><p>third\nline</p>');
    expect(found(body, 'first line second line')).toBe(true);
    // The Range covers both lines; like the DOM's own toString(), it has no character for the <br>.
    expect(rangeText(body, 'line second')).toBe('linesecond');
    expect(found(body, 'linesecond')).toBe(false);
    expect(found(body, 'third line')).toBe(true);
  });

  it('folds NBSP, U+202F and other spaces, and drops U+FEFF, U+200B and soft hyphens', () => {
    const body = htmlBody(
      '<p>Your\u00a0personal\u202fdata\u2009may be u\u200bsed\ufeff by\u3000us and par\u00adtners.</p>',
    );
    const quote = 'Your personal data may be used by us and partners.';
    expect(rangeText(body, quote)).toBe(quote);
    // The other way round: a quote typed with the page's invisible characters finds the plain text.
    expect(found(htmlBody('<p>used by us</p>'), 'used\u00a0by\ufeff us')).toBe(true);
  });

  it('matches curly and straight quotes both ways, and any dash as a hyphen', () => {
    const curly = htmlBody('<p>LinkedIn\u2019s \u201cmembers\u201d may opt\u2011out \u2014 at any time.</p>');
    const straight = htmlBody('<p>LinkedIn\'s "members" may opt-out - at any time.</p>');
    expect(found(curly, 'LinkedIn\'s "members" may opt-out - at any time.')).toBe(true);
    expect(found(straight, 'LinkedIn\u2019s \u201cmembers\u201d may opt\u2013out \u2014 at any time.')).toBe(true);
    expect(rangeText(curly, "LinkedIn's")).toBe("LinkedIn's");
  });

  it('collapses runs of whitespace', () => {
    const body = htmlBody('<p>  many \n\t  spaces   <span> </span> here  </p>');
    expect(collectPageText(body).text).toBe('many spaces here');
    expect(found(body, 'many   spaces\nhere')).toBe(true);
  });

  it('composes to NFC like normalizeText, and maps a composed character to its whole source', () => {
    const decomposed = htmlBody('<p>un cafe\u0301 au lait</p>');
    expect(rangeText(decomposed, 'caf\u00e9 au')).toBe('caf\u00e9 au');
    const page = collectPageText(decomposed);
    const match = findQuote(page, 'caf\u00e9');
    expect(match && toRange(page, match, decomposed.ownerDocument).toString()).toBe('cafe\u0301');
    expect(found(htmlBody('<p>un caf\u00e9 au lait</p>'), 'cafe\u0301 au')).toBe(true);
  });

  it('agrees with normalizeText on tricky text (seeded fuzz)', () => {
    const alphabet = [
      'a',
      'e',
      'Z',
      '.',
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '\u202f',
      '\u2007',
      '\u2009',
      '\u200a',
      '\u3000',
      '\u2000',
    ]
      .concat(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u2018', '\u2019', '\u201a', '\u2032'])
      .concat(['\u201c', '\u201d', '\u201e', '\u2033', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\u0301'])
      .concat(['\u0327', '\u0303', 'n', '\u00e9', '\u212b', '\ud83d\ude00', '\u4e2d', '\uff08', "'", '"', '-']);
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 500; run++) {
      let text = '';
      for (let i = Math.floor(random() * 30); i > 0; i--) text += alphabet[Math.floor(random() * alphabet.length)];
      const p = document.createElement('p');
      p.textContent = text;
      expect(collectPageText(p).text, JSON.stringify(text)).toBe(normalizeText(text));
    }
  });

  it('maps text of plain words and spaces of every kind back to its place exactly, across inline elements (seeded fuzz)', () => {
    // The word-by-word path: plain characters (quotes and dashes folded) and any spaces, no
    // zero-width or combining characters; split over inline elements and blocks.
    const words = [
      'We',
      'may',
      'share',
      'it',
      'caf\u00e9',
      'don\u2019t',
      '\u201cdata\u201d',
      'AI\u2013driven',
      '(EU)',
      'x',
    ];
    const spaces = [' ', '  ', '\n', '\n   ', '\t', '\u00a0', '\u202f', '\u2009', '\u3000', ' \u00a0 ', '\u2028'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let run = 0; run < 300; run++) {
      const p = document.createElement('div');
      let text = '';
      for (let i = random(12) + 1; i > 0; i--) {
        const piece = (random(3) === 0 ? (spaces[random(spaces.length)] as string) : '') + words[random(words.length)];
        const tail = random(2) === 0 ? (spaces[random(spaces.length)] as string) : '';
        const kind = random(4);
        const el = document.createElement(kind === 0 ? 'b' : kind === 1 ? 'p' : 'span');
        el.textContent = piece + tail;
        if (kind === 3) p.append(piece + tail);
        else p.append(el);
        text += kind === 1 ? ` ${piece}${tail} ` : piece + tail;
      }
      const page = collectPageText(p);
      expect(page.text, JSON.stringify(text)).toBe(normalizeText(text));
      // Any stretch of the text that starts and ends on a character: its Range reads as that stretch
      // (without spaces: a block boundary's space has no character in the DOM).
      for (let k = 0; k < 5 && page.text.length > 1; k++) {
        let start = random(page.text.length);
        let end = start + 1 + random(page.text.length - start);
        while (start < end && page.text[start] === ' ') start++;
        while (end > start && page.text[end - 1] === ' ') end--;
        if (start >= end) continue;
        const range = toRange(page, { start, end }, document);
        expect(compact(range.toString()), JSON.stringify(text)).toBe(compact(page.text.slice(start, end)));
      }
    }
  });

  it('does not match text in script, style, template, textarea or our own UI', () => {
    const body = htmlBody(
      [
        '<p>visible one</p>',
        '<script>var secret = "script words";</script>',
        '<style>.x::after { content: "style words" }</style>',
        '<template><p>template words</p></template>',
        '<textarea>textarea words</textarea>',
        '<div id="our-host" data-policy-lens-host><p>our banner words</p></div>',
        '<p>visible two</p>',
      ].join(''),
    );
    const host = body.querySelector('#our-host');
    if (host) ownHosts.add(host);
    for (const words of ['script', 'style', 'template', 'textarea', 'our banner']) {
      expect(found(body, `${words} words`), words).toBe(false);
    }
    expect(collectPageText(body).text).toBe('visible one visible two');
  });

  it('leaves out text for screen readers only, as a reader sees the sentence (OpenAI: a link with "(opens in a new window)")', () => {
    const body = htmlBody(
      [
        '<p>We use your Content to <a href="#">improve our models</a>\u2060<span class="sr-only">(opens in a new window)</span>.</p>',
        '<p>See <a href="#">the form<span class="visually-hidden"> (PDF)</span></a>, ',
        '<span class="screen-reader-text">skip</span>or <span class="visuallyhidden"><b>nested</b> words</span>write to us.</p>',
      ].join(''),
    );
    expect(found(body, 'We use your Content to improve our models.')).toBe(true);
    expect(found(body, 'See the form, or write to us.')).toBe(true);
    expect(found(body, 'opens in a new window')).toBe(false);
    // The quote's Range runs across the hidden words; it still holds the quote as the scan reads it.
    const [range] = locateQuotes(body, [{ id: 'q', quote: 'to improve our models.' }]).get('q') ?? [];
    expect(range?.toString()).toContain('(opens in a new window)');
    expect(range && normalizeText(readableText(range))).toBe('to improve our models.');
    // A class name that only contains one of them is page text.
    expect(found(htmlBody('<p class="not-sr-only">Shown words.</p>'), 'Shown words.')).toBe(true);
  });

  it('reads collapsed sections too: hidden panels, closed <details>, CSS-hidden blocks (shown on request)', () => {
    const body = htmlBody(
      [
        '<div hidden><p>hidden words</p></div>',
        '<details><summary>More</summary><p>details words</p></details>',
        '<div style="display:none"><p>display words</p></div>',
        '<div class="detail-content hidden"><p>class words</p></div>',
      ].join(''),
    );
    for (const words of ['hidden', 'details', 'display', 'class'])
      expect(found(body, `${words} words`), words).toBe(true);
    expect(collectPageText(body).text).toBe('hidden words More details words display words class words');
  });

  it('keeps page text that merely copies our host attribute (our hosts are known by identity)', () => {
    const body = htmlBody('<div data-policy-lens-host><p>We may use your data.</p></div>');
    expect(found(body, 'We may use your data.')).toBe(true);
  });

  it('keeps text under aria-hidden (a consent dialog may hide the whole page from assistive tech while it is on screen)', () => {
    const body = htmlBody(
      '<div aria-hidden="true"><p>We may use your data.</p></div><div role="dialog">Accept cookies?</div>',
    );
    expect(found(body, 'We may use your data.')).toBe(true);
  });

  it('keeps hidden="until-found" text (find-in-page reveals it) and joins text around an inline script', () => {
    const body = htmlBody(
      '<div hidden="until-found"><p>collapsed section</p></div><p>before<script>x</script>after</p>',
    );
    expect(found(body, 'collapsed section')).toBe(true);
    expect(found(body, 'beforeafter')).toBe(true);
  });

  it('never fuses the words of adjacent blocks', () => {
    const body = htmlBody(
      '<p>end.</p><p>Start</p><ul><li>one</li><li>two</li></ul><table><tr><td>cell</td><td>next</td></tr></table><h2>Title</h2>Loose',
    );
    expect(found(body, 'end.Start')).toBe(false);
    expect(found(body, 'end. Start')).toBe(true);
    expect(found(body, 'onetwo')).toBe(false);
    expect(found(body, 'one two')).toBe(true);
    expect(found(body, 'cellnext')).toBe(false);
    expect(found(body, 'TitleLoose')).toBe(false);
    expect(collectPageText(body).text).toBe('end. Start one two cell next Title Loose');
    expect(collectPageText(htmlBody('<div>lead<p>para</p>tail</div>')).text).toBe('lead para tail');
  });

  it('reports a quote that is not on the page as null (no fuzzy matching)', () => {
    const body = htmlBody('<p>We may share your data with partners.</p>');
    expect(findQuote(collectPageText(body), 'We may share your data with our partners.')).toBeNull();
    expect(findQuote(collectPageText(body), 'we may share')).toBeNull(); // case-sensitive
    expect(findQuote(collectPageText(body), '  \u200b ')).toBeNull();
  });

  it('walks a whole Document, leaving out <head>', () => {
    const doc = new DOMParser().parseFromString(
      '<html><head><title>Title words</title></head><body><p>Body words</p></body></html>',
      'text/html',
    );
    expect(collectPageText(doc).text).toBe('Body words');
  });

  it('keeps the map compact: one run per stretch of consecutive source characters', () => {
    const page: PageText = collectPageText(htmlBody('<p>a  <b>b</b>\u200bc</p><p>d</p>'));
    expect(page.text).toBe('a bc d');
    expect(page.nodes.map((n) => n.data)).toEqual(['a  ', 'b', '\u200bc', 'd']);
    // 'a ' (the first space of node 0 stands for the run of two), 'b', 'c' (after the dropped
    // U+200B), the block-boundary space (spans nothing), 'd'.
    expect([...page.runStart]).toEqual([0, 2, 3, 4, 5]);
    expect([...page.runNode]).toEqual([0, 1, 2, 3, 3]);
    expect([...page.runOffset]).toEqual([0, 0, 1, 0, 0]);
    expect([...page.runSpan]).toEqual([LINEAR, LINEAR, LINEAR, 0, LINEAR]);
  });

  it('needs few runs on a real policy (about one per paragraph)', () => {
    const lines = markdownToPlain(readCorpus('policies/linkedin/privacy-policy.md')).split('\n');
    const page = collectPageText(linesBody(lines));
    expect(page.runStart.length).toBeLessThan(page.text.length / 20);
  });

  it('rejects a match outside the page text', () => {
    const body = htmlBody('<p>abc</p>');
    expect(() => toRange(collectPageText(body), { start: 1, end: 9 }, body.ownerDocument)).toThrow(RangeError);
  });

  it("locateQuotes returns each quote's places in document order, none for a quote not on the page", () => {
    const body = htmlBody('<p>Alpha <a href="/">beta</a>.</p><p>Gamma</p><p>Gamma again, Gamma</p>');
    const located = locateQuotes(body, [
      { id: 'a', quote: 'Alpha beta.' },
      { id: 'b', quote: 'Delta' },
      { id: 'c', quote: 'Gamma' },
    ]);
    expect([...located].map(([id, ranges]) => [id, ranges.map((r) => r.toString())])).toEqual([
      ['a', ['Alpha beta.']],
      ['b', []],
      ['c', ['Gamma', 'Gamma', 'Gamma']],
    ]);
    const c = located.get('c') ?? [];
    expect(c[0]?.startContainer.parentElement?.textContent).toBe('Gamma');
    expect(c[2]?.startOffset).toBe('Gamma again, '.length);
  });

  it(`keeps at most ${MAX_OCCURRENCES} places of a quote`, () => {
    const body = htmlBody('<p>x</p>'.repeat(MAX_OCCURRENCES + 2));
    expect(locateQuotes(body, [{ id: 'x', quote: 'x' }]).get('x')).toHaveLength(MAX_OCCURRENCES);
  });

  it('can stop and go on: a scan paused after every check finds the same ranges', () => {
    const lines = markdownToPlain(readCorpus('policies/linkedin/privacy-policy.md')).split('\n');
    const body = linesBody(lines);
    const long = lines.filter((l) => l.length > 200);
    const quotes = [long[0], long[20], long.at(-1)].map((l, i) => ({ id: String(i), quote: l ?? '' }));
    const whole = locateQuotes(body, quotes);
    const scan = new QuoteScan(body, quotes);
    let pauses = 0;
    while (!scan.run(() => true)) pauses++;
    expect(pauses).toBeGreaterThan(lines.length / 64 - 2);
    for (const { id } of quotes) {
      expect(scan.found.get(id)?.map((r) => r.toString())).toEqual(whole.get(id)?.map((r) => r.toString()));
      expect(scan.found.get(id)).toHaveLength(1);
    }
  });

  it('says when the page re-rendered under a paused scan', () => {
    const body = htmlBody('<p>one</p>'.repeat(200));
    document.body.append(body);
    const scan = new QuoteScan(body, [{ id: 'x', quote: 'one' }]);
    expect(scan.run(() => true)).toBe(false);
    expect(scan.lost).toBe(false);
    body.replaceChildren(...[...body.childNodes].map((n) => n.cloneNode(true)));
    expect(scan.lost).toBe(true);
    body.remove();
  });

  it('rejects a Range that no longer holds its quote', () => {
    expect(compact('We\u00a0may \u201cshare\u201d\nit')).toBe(compact('We may "share" it'));
    expect(compact('cafe\u0301')).toBe(compact('caf\u00e9'));
    expect(compact('We may share it')).not.toBe(compact('We may sell it'));
  });
});

describe('highlighting without touching the DOM', () => {
  class FakeHighlight {
    readonly ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  }

  function twoRanges(): { body: HTMLElement; ranges: Range[] } {
    const body = htmlBody('<p>one two</p><p>three</p>');
    const page = collectPageText(body);
    const ranges = ['two', 'three'].map((q) => {
      const match = findQuote(page, q);
      if (!match) throw new Error(q);
      return toRange(page, match, body.ownerDocument);
    });
    return { body, ranges };
  }

  it('registers the ranges with the CSS Custom Highlight API, and does nothing without it', () => {
    const { body, ranges } = twoRanges();
    const before = body.innerHTML;
    const highlights = new Map<string, FakeHighlight>();
    const env = { CSS: { highlights }, Highlight: FakeHighlight };
    expect(highlightRanges(env, ranges)).toBe(true);
    expect(highlights.get(MARKS_NAME)?.ranges).toEqual(ranges);
    expect(body.innerHTML).toBe(before);
    clearHighlights(env);
    expect(highlights.size).toBe(0);
    expect(highlightRanges(env, [])).toBe(false);
    expect(highlightRanges({ CSS: {} }, ranges)).toBe(false);
    clearHighlights({});
  });

  it('scrolls the start of a range to the centre', () => {
    const { ranges } = twoRanges();
    const range = ranges[1] as Range;
    const element = range.startContainer.parentElement as HTMLElement;
    const scroll = vi.fn();
    element.scrollIntoView = scroll;
    scrollRangeIntoView(range);
    expect(scroll).toHaveBeenCalledWith({ block: 'center' });
  });

  it('takes the real window as its environment', () => {
    // Type-level: window's CSS.highlights and Highlight fit HighlightEnv.
    const env: HighlightEnv<Highlight> = window;
    expect(env).toBe(window);
  });

  it('styles our highlight name in the stylesheet the browser injects with the content script, and no other', () => {
    const css = readFileSync(join(import.meta.dirname, '../../public/highlight.css'), 'utf8');
    expect(css).toContain(`:root::highlight(${MARKS_NAME}) {`);
    // The shown passage is no highlight of its own, which the page could list (utils/content/emphasis.ts).
    expect(css.match(/::highlight\([^)]*\)(?= \{)/g)).toEqual([`::highlight(${MARKS_NAME})`]);
  });
});

requireCorpus();
const feed = loadBundledFeed();

describe('the real LinkedIn HTML (privacy policy §2, with &nbsp; and links)', () => {
  const fragment = readCorpus('policies/linkedin/html/privacy-policy.FRAGMENT-section2-ai.html');
  const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
  const provision = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
  const quote = linkedin && provision && quoteOf(linkedin, provision);

  it('finds the AI-training sentence and maps it back to exactly that text', () => {
    expect(quote).toBeDefined();
    const body = htmlBody(fragment);
    expect(rangeText(body, quote ?? '')).toBe(normalizeText(quote ?? ''));
  });

  it('finds the sentence before it, across the NBSP and the settings link', () => {
    const body = htmlBody(fragment);
    const sentence =
      'How we use your personal data will depend on which Services you use, how you use those Services and the choices you make in your settings.';
    const page = collectPageText(body);
    const match = findQuote(page, sentence);
    expect(match).not.toBeNull();
    const range = match && toRange(page, match, body.ownerDocument);
    expect(range?.startContainer).not.toBe(range?.endContainer);
    expect(range?.toString()).toContain('your\u00a0settings.');
    expect(normalizeText(range?.toString() ?? '')).toBe(sentence);
  });
});

describe('every dataset quote is in the DOM of its captured document', () => {
  const quotes = allQuotes(feed.platforms);
  const pages = new Map<string, { body: HTMLElement; page: PageText }>();
  function pageFor(file: string): { body: HTMLElement; page: PageText } {
    let entry = pages.get(file);
    if (!entry) {
      const body = linesBody(markdownToPlain(readCorpus(file)).split('\n'));
      entry = { body, page: collectPageText(body) };
      pages.set(file, entry);
    }
    return entry;
  }

  it('has quotes to check', () => {
    expect(quotes.length).toBeGreaterThan(0);
  });

  it('normalises each captured document exactly as normalizeText does', () => {
    const files = new Set(quotes.map((q) => corpusFileForArchiveUrl(q.evidence.capture.archiveUrl)?.file ?? ''));
    for (const file of files) {
      const plain = markdownToPlain(readCorpus(file));
      const p = document.createElement('p');
      p.textContent = plain;
      expect(collectPageText(p).text === normalizeText(plain), file).toBe(true);
    }
  });

  it.each(quotes.map((q) => [q.key, q] as const))('%s', (_key, { provision, evidence }) => {
    const source = corpusFileForArchiveUrl(evidence.capture.archiveUrl);
    expect(source, evidence.capture.archiveUrl).toBeDefined();
    const { body, page } = pageFor(source?.file ?? '');
    const quote = evidence.quote;
    const match = findQuote(page, quote);
    expect(match, `not found in ${source?.file}`).not.toBeNull();
    if (!match) return;
    // A quote spanning two paragraphs maps to a Range whose toString() has no space between them.
    const covered = normalizeText(toRange(page, match, body.ownerDocument).toString());
    expect(covered.replaceAll(' ', '')).toBe(normalizeText(quote).replaceAll(' ', ''));
    // The windowed scan (what runs in pages) finds the same place, even with windows far shorter
    // than the quote, so that every quote straddles window boundaries.
    for (const window of [1, 97]) {
      const scan = new QuoteScan(body, [{ id: provision.id, quote }], window);
      scan.run();
      const first = scan.found.get(provision.id)?.[0];
      expect(first?.toString(), `window ${window}`).toBe(toRange(page, match, body.ownerDocument).toString());
      expect(first?.startContainer).toBe(toRange(page, match, body.ownerDocument).startContainer);
    }
  });
});

describe('dataset quotes in the raw HTML snapshot of the version they cite', () => {
  // SOURCES.md pairs each raw HTML snapshot with the text version extracted from it. Left out:
  // excerpts (the LinkedIn FRAGMENT, tested above) and documents assembled from several pages
  // (their source URL cell lists "a + b"), of which only some pages are in the corpus.
  const rows = sourceRows();
  const singlePage = new Set(rows.filter((r) => r.file.endsWith('.md') && !r.url.includes(' + ')).map((r) => r.file));
  const snapshots = rows
    .filter((r) => r.file.endsWith('.html') && !r.file.includes('FRAGMENT'))
    .map((r) => ({ html: r.file, text: /`(policies\/[^`]+\.md)`/.exec(r.url)?.[1] ?? '' }))
    .filter((s) => singlePage.has(s.text));
  const cases = allQuotes(feed.platforms).flatMap(({ key, evidence }) => {
    const file = corpusFileForArchiveUrl(evidence.capture.archiveUrl)?.file;
    const snapshot = snapshots.find((s) => s.text === file);
    return snapshot ? [[key, snapshot.html, evidence.quote] as const] : [];
  });

  it('has real pages to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  const pages = new Map<string, PageText>();
  it.each(cases)('%s is on %s', (_id, html, quote) => {
    let page = pages.get(html);
    if (!page) {
      // Parsed as inert <template> content: no scripts run, no stylesheets load.
      const template = document.createElement('template');
      template.innerHTML = readCorpus(html);
      page = collectPageText(template.content);
      pages.set(html, page);
    }
    expect(findQuote(page, quote)).not.toBeNull();
  });
});

describe('real old quotes (ToS;DR, 2020) against today’s texts', () => {
  const POINTS_DIR = join(CORPUS_DIR, 'extras/tosdr-2020-points');
  /** ToS;DR service names whose corpus directory is named differently. */
  const CORPUS_NAME: Record<string, string> = { twitter: 'x' };

  interface Point {
    quoteText?: string | null;
  }
  /** The quoted passages of one service; they are HTML snippets, so tags become spaces. */
  function tosdrQuotes(service: string): string[] {
    const data = JSON.parse(readCorpus(`extras/tosdr-2020-points/${service}.json`)) as {
      pointsData: Record<string, Point>;
    };
    return Object.values(data.pointsData)
      .map((p) => (p.quoteText ?? '').replace(/<[^>]*>/g, ' '))
      .filter((q) => normalizeText(q) !== '');
  }

  /** All of a platform's current texts as one page (one <p> per line). */
  const pages = new Map<string, PageText>();
  function todaysPage(platform: string): PageText {
    let page = pages.get(platform);
    if (!page) {
      const dir = join(CORPUS_DIR, 'policies', platform);
      const lines = readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .flatMap((f) => markdownToPlain(readCorpus(`policies/${platform}/${f}`)).split('\n'));
      page = collectPageText(linesBody(lines));
      pages.set(platform, page);
    }
    return page;
  }

  const services = readdirSync(POINTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((s) => existsSync(join(CORPUS_DIR, 'policies', CORPUS_NAME[s] ?? s)))
    .sort();

  it.each([
    // Today's Google policy says "the date *when* the last changes were published": one word is enough.
    ['google', 'We always indicate the date the last changes were published'],
    ['linkedin', 'You give other data to us, such as by syncing your address book or calendar.'],
    [
      'facebook',
      'In addition, content you delete may continue to appear if you have shared it with others and they have not deleted it.',
    ],
  ])('a 2020 %s quote is no longer on the page: %s', (service, quote) => {
    expect(tosdrQuotes(service).map(normalizeText)).toContain(quote);
    expect(findQuote(todaysPage(CORPUS_NAME[service] ?? service), quote)).toBeNull();
  });

  it('most 2020 quotes are not found exactly in today’s texts', { timeout: 60_000 }, () => {
    expect(services.length).toBeGreaterThanOrEqual(10);
    let total = 0;
    let matched = 0;
    for (const service of services) {
      const page = todaysPage(CORPUS_NAME[service] ?? service);
      for (const quote of tosdrQuotes(service)) {
        total++;
        if (findQuote(page, quote)) matched++;
      }
    }
    // The corpus README: only 78 of 449 match after normalisation. Some must still match (the
    // finder works on real old text), but far fewer than half.
    expect(total).toBeGreaterThan(300);
    expect(matched).toBeGreaterThan(0);
    expect(matched / total).toBeLessThan(0.3);
  });
});
