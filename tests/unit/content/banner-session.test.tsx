// @vitest-environment happy-dom
/**
 * The content script's page logic (utils/content/*) in happy-dom, with its environment injected:
 * a fake background (`send`), a plain mount, a scheduler the test drives, and a fake highlight
 * registry. The LinkedIn policy page is built from the corpus text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import type { BannerSession } from '../../../utils/content/banner-session';
import type { ContentEnv, Mounted, Scheduler, Send } from '../../../utils/content/env';
import { pageSessions } from '../../../utils/content/page-session';
import { pageUi } from '../../../utils/content/page-ui';
import { RELOCATE_DEBOUNCE_MS, trackQuotes } from '../../../utils/content/quote-tracker';
import type { Visibility } from '../../../utils/content/reveal';
import { PAGE_UI_MESSAGES } from '../../../utils/content/ui-strings';
import { installMessages, messageTable } from '../../../utils/i18n';
import { buildMatchIndex, matchUrl } from '../../../utils/match';
import type { PageInfo, RequestType } from '../../../utils/messages';
import { ownHosts } from '../../../utils/own-ui';
import { SEVERITY_LABEL } from '../../../utils/severity';
import { mountShadow } from '../../../utils/shadow-host';
import { markdownToPlain, normalizeText } from '../../../utils/text';
import { readCorpus } from '../../support/corpus';
import { quoteOf } from '../../support/data';
import { englishMessage } from '../../support/i18n';

const feed = loadBundledFeed();
const index = buildMatchIndex(feed.platforms);
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing');
const { provisions, ...platform } = linkedin;
const records = provisions.map((p) => ({ ...p, platformId: 'linkedin' }));
const onPolicy = records.filter((p) => p.documentId === 'privacy-policy');
const ai = records.find((p) => p.id === 'linkedin.ai-training');
if (!ai) throw new Error('linkedin.ai-training missing');
const aiQuote = quoteOf(linkedin, ai);

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const SETTINGS_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const FEED_URL = 'https://www.linkedin.com/feed/';

/** What the background answers for a URL (the same fields utils/service.ts fills in). */
function pageInfo(url: string, overrides: Partial<PageInfo> = {}): PageInfo {
  const match = matchUrl(index, url) ?? null;
  const tracked = match && match.pageKind !== 'other';
  return {
    match,
    view: tracked ? { platform, provisions: records } : null,
    dismissed: false,
    walkthroughInTab: false,
    display: { banner: true, marks: true },
    ui: tracked ?? false,
    ...overrides,
  };
}

/** The policy text as the page's body: one <p> per line of the captured markdown. */
function fillPolicyPage(lines = markdownToPlain(readCorpus('policies/linkedin/privacy-policy.md')).split('\n')) {
  document.body.replaceChildren(
    ...lines.map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
}

/** A scheduler whose idle callbacks run when the test says so. */
function manualScheduler() {
  const idle: Array<() => void> = [];
  const scheduler: Scheduler = {
    yield: () => Promise.resolve(),
    idle(fn) {
      idle.push(fn);
      return () => {
        const i = idle.indexOf(fn);
        if (i >= 0) idle.splice(i, 1);
      };
    },
    later(fn, ms) {
      const handle = setTimeout(fn, ms);
      return () => clearTimeout(handle);
    },
  };
  return {
    scheduler,
    runIdle() {
      for (const fn of idle.splice(0)) fn();
    },
    pendingIdle: () => idle.length,
  };
}

class FakeHighlight {
  readonly ranges: Range[];
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

/** Visibility without layout: hidden attributes, a `hidden` class (as Microsoft's CSS has it), closed <details>. */
const attributeVisibility: Visibility = {
  element: (e) => !e.closest('[hidden], .hidden') && !e.closest('details:not([open]) > :not(summary)'),
  range(r) {
    const start = r.startContainer.parentElement;
    const end = r.endContainer.parentElement;
    return Boolean(start && end && this.element(start) && this.element(end));
  },
};

interface Harness {
  env: ContentEnv;
  sent: Array<{ type: RequestType; payload: unknown }>;
  highlights: Map<string, FakeHighlight>;
  mounts: Mounted[];
  runIdle(): void;
  pendingIdle(): number;
  setUrl(url: string): void;
  /** Whether our UI reads as seen as drawn (utils/visibility.ts; the page may fade or cover it). */
  seen: { value: boolean };
}

function harness(
  answer: (url: string) => PageInfo = (url) => pageInfo(url),
  /** 'real': the product's own mount (utils/shadow-host.ts) with its own visibility check, not `seen`. */
  mounting: 'plain' | 'real' = 'plain',
): Harness {
  const sent: Harness['sent'] = [];
  const highlights = new Map<string, FakeHighlight>();
  const mounts: Mounted[] = [];
  const { scheduler, runIdle, pendingIdle } = manualScheduler();
  const seen = { value: true };
  let url = POLICY_URL;
  const send = (async (type: RequestType, payload: unknown) => {
    sent.push({ type, payload });
    if (type === 'getPageInfo') return answer((payload as { url: string }).url);
    return null;
  }) as Send;
  const env: ContentEnv = {
    doc: document,
    win: { CSS: { highlights }, Highlight: FakeHighlight, MutationObserver },
    send,
    mount(name) {
      if (mounting === 'real') {
        const mounted = mountShadow({ onInvalidated: () => undefined }, name, '', 'en');
        mounts.push(mounted);
        return mounted;
      }
      const host = document.createElement(name);
      ownHosts.add(host);
      const container = document.createElement('div');
      host.append(container);
      document.body.append(host);
      const mounted = { host, container, remove: () => host.remove(), visible: () => seen.value };
      mounts.push(mounted);
      return mounted;
    },
    scheduler,
    visibility: attributeVisibility,
    now: () => performance.now(),
    url: () => url,
    alive: () => true,
    report: (e) => {
      throw e;
    },
  };
  return { env, sent, highlights, mounts, runIdle, pendingIdle, setUrl: (u) => (url = u), seen };
}

const classify = async (url: string) => matchUrl(index, url);
const bannerText = () => document.querySelector('policy-lens-banner')?.textContent ?? null;

beforeEach(() => {
  fillPolicyPage();
  // happy-dom has no scrolling; the session scrolls the passage into view.
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => {
  document.body.replaceChildren();
});

async function openPolicy(h: Harness, url = POLICY_URL): Promise<BannerSession> {
  const session = (await pageSessions(h.env, classify, async () => pageUi(h.env)).open(url, 0)) as BannerSession | null;
  if (!session) throw new Error('no banner');
  h.runIdle();
  await session.located;
  return session;
}

const itemText = (id: string) =>
  document.querySelector(`policy-lens-banner [data-provision="${id}"]`)?.textContent ?? null;
/** The passage emphasised now (drawn in our root, not registered as a highlight the page could list). */
const painted = (session: BannerSession) => {
  const shown = session.emphasis();
  return shown ? [shown.range] : [];
};
/** The provision a painted range holds the quote of. */
const provisionOf = (r: Range | undefined) =>
  r && onPolicy.find((p) => normalizeText(r.toString()).includes(normalizeText(quoteOf(linkedin, p))))?.id;
/** The provisions whose passage carries a mark. */
const marked = (h: Harness) => (h.highlights.get('policy-lens-marks')?.ranges ?? []).map(provisionOf);
const expand = () =>
  document.querySelector<HTMLButtonElement>('policy-lens-banner button.toggle')?.dispatchEvent(new Event('click'));

describe('the banner session on a policy page', () => {
  it('asks the background once and mounts the banner naming the document and each flagged provision', async () => {
    const h = harness();
    const session = await pageSessions(h.env, classify, async () => pageUi(h.env)).open(POLICY_URL, 0);
    expect(session).not.toBeNull();
    expect(h.sent).toEqual([{ type: 'getPageInfo', payload: { url: POLICY_URL, uiLoaded: false } }]);
    const summary = document.querySelector('policy-lens-banner .summary')?.textContent ?? '';
    expect(summary).toContain('LinkedIn Privacy Policy');
    expect(summary).toContain(`Flagged: ${onPolicy.length}`);
    // Collapsed, each provision by severity and title, most severe first.
    const glance = [...document.querySelectorAll('policy-lens-banner .glance [data-provision]')].map((e) => ({
      id: e.getAttribute('data-provision'),
      text: e.textContent,
    }));
    expect(glance.map((g) => g.id)).toEqual(onPolicy.map((p) => p.id));
    const aiLine = glance.find((g) => g.id === ai.id)?.text ?? '';
    expect(aiLine).toContain(ai.title);
    expect(aiLine).toContain(SEVERITY_LABEL[ai.severity]);
    // Not read yet: no count of what is on the page.
    expect(bannerText()).not.toContain('found on this page');
    expect(document.querySelectorAll('policy-lens-banner')).toHaveLength(1);
  });

  it('shows the messages the background handed over, without asking the page’s i18n for any', async () => {
    const strings = { ...messageTable(PAGE_UI_MESSAGES), banner_details: 'Details (handed over)' };
    const h = harness((url) => pageInfo(url, { strings }));
    const browserMessage = vi.fn(englishMessage);
    try {
      const session = await pageSessions(h.env, classify, async () => pageUi(h.env, browserMessage)).open(
        POLICY_URL,
        0,
      );
      expect(document.querySelector('policy-lens-banner button.toggle')?.textContent).toBe('Details (handed over)');
      h.runIdle();
      await (session as BannerSession).located;
      expect(bannerText()).toContain(`· ${onPolicy.length} of ${onPolicy.length} found on this page`);
      expect(browserMessage).not.toHaveBeenCalled();
    } finally {
      installMessages(englishMessage);
    }
  });

  it('shows nothing when the background put no UI into the page, and asks again without it next time', async () => {
    const h = harness((url) => pageInfo(url, { ui: false }));
    const loadUi = vi.fn(async () => pageUi(h.env));
    const pages = pageSessions(h.env, classify, loadUi);
    expect(await pages.open(POLICY_URL, 0)).toBeNull();
    expect(loadUi).not.toHaveBeenCalled();
    expect(h.mounts).toEqual([]);
    expect(h.sent.at(-1)?.payload).toEqual({ url: POLICY_URL, uiLoaded: false });
  });

  it('shows nothing when the UI the background is injecting never runs, and asks for it again on the next page', async () => {
    const h = harness();
    const loadUi = vi.fn(async () => undefined);
    const pages = pageSessions(h.env, classify, loadUi);
    expect(await pages.open(POLICY_URL, 0)).toBeNull();
    expect(loadUi).toHaveBeenCalledOnce();
    expect(h.mounts).toEqual([]);
    h.setUrl(SETTINGS_URL);
    await pages.open(SETTINGS_URL, 0);
    expect(h.sent.map((m) => m.payload)).toEqual([
      { url: POLICY_URL, uiLoaded: false },
      { url: SETTINGS_URL, uiLoaded: false },
    ]);
  });

  it('tells the background the UI is loaded on the next page, and loads it once', async () => {
    const h = harness();
    const loadUi = vi.fn(async () => pageUi(h.env));
    const pages = pageSessions(h.env, classify, loadUi);
    await pages.open(POLICY_URL, 0);
    h.setUrl(SETTINGS_URL);
    await pages.open(SETTINGS_URL, 0);
    expect(h.sent.map((m) => m.payload)).toEqual([
      { url: POLICY_URL, uiLoaded: false },
      { url: SETTINGS_URL, uiLoaded: true },
    ]);
    expect(loadUi).toHaveBeenCalledOnce();
  });

  it('shows no banner on a platform whose banners the user turned off', async () => {
    const h = harness((url) => pageInfo(url, { display: { banner: false, marks: false } }));
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(POLICY_URL, 0)).toBeNull();
    expect(h.mounts).toEqual([]);
  });

  it('reads the page when idle and then says how many passages are on it', async () => {
    const h = harness();
    await openPolicy(h);
    expect(bannerText()).toContain(`· ${onPolicy.length} of ${onPolicy.length} found on this page`);
  });

  it('"Show in page" emphasises the passage in our root, not in the highlight registry, and scrolls to it', async () => {
    const h = harness();
    const session = await openPolicy(h);
    const registry = () => [...h.highlights.entries()].map(([name, hl]) => [name, hl.ranges]);
    const before = registry();
    expect(await session.showInPage(ai.id)).toBe(true);
    expect(painted(session)).toHaveLength(1);
    expect(normalizeText(painted(session)[0]?.toString() ?? '')).toBe(normalizeText(aiQuote));
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center' });
    // The page's registry holds the quiet marks only, as before the click: nothing says which passage was asked for.
    expect(registry()).toEqual(before);
    expect([...h.highlights.keys()]).toEqual(['policy-lens-marks']);
    expect(document.querySelector('policy-lens-banner .emphasis-layer')?.getAttribute('data-provision')).toBe(ai.id);
  });

  it('counts a quote that is not on the page as not found, and says the policy may have changed', async () => {
    const lines = markdownToPlain(readCorpus('policies/linkedin/privacy-policy.md'))
      .split('\n')
      .map((l) => l.replace('develop and train artificial intelligence (AI) models, ', ''));
    fillPolicyPage(lines);
    const h = harness();
    const session = await openPolicy(h);
    expect(bannerText()).toContain(`· ${onPolicy.length - 1} of ${onPolicy.length} found on this page`);
    expect(document.querySelector(`policy-lens-banner .glance [data-provision="${ai.id}"]`)?.textContent).toContain(
      'not found on this page',
    );
    expect(await session.showInPage(ai.id)).toBe(false);
    expect(session.emphasis()).toBeNull();
    expect(marked(h)).not.toContain(ai.id);
    // The banner opens on the provision to say why.
    expect(itemText(ai.id)).toContain('Not found on this page. It was in the text captured on');
    expect(itemText(ai.id)).toContain('the policy may have changed since');
  });

  it('a version that names no language was checked in English: a French page is another language', async () => {
    fillPolicyPage(['Une politique en français.']);
    document.documentElement.lang = 'fr';
    try {
      const h = harness();
      await openPolicy(h);
      expand();
      expect(itemText(ai.id)).toContain('which is in another language (fr) than the text we checked (en)');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('does not claim the policy changed when the page is in another language than the text we checked', async () => {
    fillPolicyPage(['Une politique en français.']);
    document.documentElement.lang = 'fr';
    try {
      const google = feed.platforms.find((p) => p.id === 'google');
      if (!google) throw new Error('Google missing');
      const { provisions: gp, ...gplatform } = google;
      const grecords = gp.map((p) => ({ ...p, platformId: 'google' }));
      const url = 'https://policies.google.com/privacy?hl=en-GB&gl=IE';
      const h = harness(() => ({ ...pageInfo(url), view: { platform: gplatform, provisions: grecords } }));
      h.setUrl(url);
      await openPolicy(h, url);
      expand();
      const missing = [...document.querySelectorAll('policy-lens-banner [data-found="false"]')];
      expect(missing.length).toBeGreaterThan(0);
      for (const item of missing) {
        // The en-GB version we checked says it is British English; this page says it is French.
        expect(item.textContent).toContain('which is in another language (fr) than the text we checked (en-GB)');
        expect(item.textContent).not.toContain('may have changed');
      }
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('shows nothing for a version the user dismissed', async () => {
    const h = harness((url) => pageInfo(url, { dismissed: true }));
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(POLICY_URL, 0)).toBeNull();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.pendingIdle()).toBe(0);
  });

  it('dismisses: removes the banner and tells the background which document version', async () => {
    const h = harness();
    const session = (await pageSessions(h.env, classify, async () => pageUi(h.env)).open(
      POLICY_URL,
      0,
    )) as BannerSession;
    await session.dismiss();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.sent.at(-1)).toEqual({
      type: 'dismissBanner',
      payload: { platformId: 'linkedin', documentId: 'privacy-policy', versionId: 'global' },
    });
    // The idle locate was cancelled with it.
    expect(h.pendingIdle()).toBe(0);
  });

  it('a Dismiss while the banner could not be seen as drawn hides it for this view and asks in the popup (issue 5)', async () => {
    const h = harness();
    const session = await openPolicy(h);
    h.seen.value = false;
    await session.dismiss();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.sent.map((m) => m.type)).not.toContain('dismissBanner');
    expect(h.sent.at(-1)).toEqual({
      type: 'askInPopup',
      payload: {
        action: { kind: 'dismiss', platformId: 'linkedin', documentId: 'privacy-policy', versionId: 'global' },
      },
    });
  });

  describe("with the product's own mount and visibility check (utils/shadow-host.ts, utils/visibility.ts)", () => {
    // happy-dom does no layout: our banner gets a box of a size anyone can read (the check refuses a tiny one).
    const sized = () =>
      vi
        .spyOn(Element.prototype, 'getBoundingClientRect')
        .mockReturnValue(DOMRect.fromRect({ x: 0, y: 0, width: 400, height: 120 }));
    afterEach(() => {
      document.documentElement.removeAttribute('style');
      vi.restoreAllMocks();
    });

    it('a Dismiss on the banner as drawn is recorded', async () => {
      const h = harness(undefined, 'real');
      const session = await openPolicy(h);
      sized();
      await session.dismiss();
      expect(h.sent.at(-1)?.type).toBe('dismissBanner');
      expect(h.sent.map((m) => m.type)).not.toContain('askInPopup');
    });

    it('a Dismiss while page CSS fades everything our host hangs from asks in the popup instead (issue 5)', async () => {
      const h = harness(undefined, 'real');
      const session = await openPolicy(h);
      sized();
      document.documentElement.setAttribute('style', 'opacity: 0.05');
      await session.dismiss();
      expect(document.querySelector('policy-lens-banner')).toBeNull();
      expect(h.sent.map((m) => m.type)).not.toContain('dismissBanner');
      expect(h.sent.at(-1)?.type).toBe('askInPopup');
    });
  });

  it('a new URL takes the banner and its highlight out before showing what belongs there', async () => {
    const h = harness();
    const pages = pageSessions(h.env, classify, async () => pageUi(h.env));
    const session = (await pages.open(POLICY_URL, 0)) as BannerSession;
    h.runIdle();
    await session.located;
    await session.showInPage(ai.id);
    expect([...h.highlights.keys()]).toEqual(['policy-lens-marks']);
    expect(session.emphasis()?.provisionId).toBe(ai.id);
    h.setUrl(FEED_URL);
    expect(await pages.open(FEED_URL, 0)).toBeNull();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.highlights.size).toBe(0);
  });
});

describe('marks', () => {
  it('marks every passage found once the page is read, before any click, in reading order', async () => {
    const h = harness();
    const session = await openPolicy(h);
    const ids = marked(h);
    expect(ids).toHaveLength(onPolicy.length);
    expect(new Set(ids)).toEqual(new Set(onPolicy.map((p) => p.id)));
    // The quiet marks only: nothing is emphasised until asked for.
    expect(session.emphasis()).toBeNull();
    // The timing is on the container inside our (closed) root, not on the host the page sees.
    expect(h.mounts[0]?.container.dataset.markedMs).toBeDefined();
    expect(h.mounts[0]?.host.dataset.markedMs).toBeUndefined();
  });

  it('marks nothing when the marks setting is off, and says so on its switch', async () => {
    const h = harness((url) => pageInfo(url, { display: { banner: true, marks: false } }));
    await openPolicy(h);
    expect(h.highlights.has('policy-lens-marks')).toBe(false);
    const toggle = document.querySelector('policy-lens-banner button.marks-toggle');
    expect(toggle?.getAttribute('aria-pressed')).toBe('false');
    expect(document.querySelector<HTMLButtonElement>('policy-lens-banner button.step.next')?.disabled).toBe(true);
  });

  it('the switch takes the marks out and remembers it (the marks setting), and brings them back', async () => {
    const h = harness();
    const session = await openPolicy(h);
    const toggle = () => document.querySelector<HTMLButtonElement>('policy-lens-banner button.marks-toggle');
    expect(toggle()?.getAttribute('aria-pressed')).toBe('true');
    // (The switch's click handler is `trusted`: a page's fake click does nothing. The e2e clicks it for real.)
    await session.setMarks(false);
    expect(h.sent.at(-1)).toEqual({ type: 'setMarks', payload: { marks: false } });
    expect(h.highlights.has('policy-lens-marks')).toBe(false);
    expect(toggle()?.getAttribute('aria-pressed')).toBe('false');
    await session.setMarks(true);
    expect(h.sent.at(-1)).toEqual({ type: 'setMarks', payload: { marks: true } });
    expect(marked(h)).toHaveLength(onPolicy.length);
    expect(toggle()?.getAttribute('aria-pressed')).toBe('true');
  });

  it('steps from mark to mark in reading order, wrapping around, and says which one it is', async () => {
    const h = harness();
    const session = await openPolicy(h);
    const order = marked(h);
    const seen: Array<string | undefined> = [];
    for (let i = 0; i <= order.length; i++) {
      expect(session.step(1)).toBe(true);
      seen.push(provisionOf(painted(session)[0]));
    }
    expect(seen).toEqual([...order, order[0]]);
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center' });
    expect(document.querySelector('policy-lens-banner .status')?.textContent).toMatch(
      new RegExp(`^Passage 1 of ${order.length}: `),
    );
    expect(session.step(-1)).toBe(true);
    expect(document.querySelector('policy-lens-banner .status')?.textContent).toMatch(
      new RegExp(`^Passage ${order.length} of ${order.length}: `),
    );
  });

  it('has nothing to step to with the marks off', async () => {
    const h = harness((url) => pageInfo(url, { display: { banner: true, marks: false } }));
    const session = await openPolicy(h);
    expect(session.step(1)).toBe(false);
    expect(h.highlights.size).toBe(0);
  });
});

/** The AI paragraph wrapped in a collapsed section of the given markup (the rest of the policy stays as is). */
function collapseAiParagraph(wrap: (paragraph: HTMLElement) => HTMLElement): HTMLElement {
  const paragraph = [...document.body.querySelectorAll('p')].find((p) =>
    normalizeText(p.textContent ?? '').includes(normalizeText(aiQuote)),
  );
  if (!paragraph) throw new Error('AI paragraph missing');
  const heading = document.createElement('h3');
  heading.textContent = 'How we use your data';
  const placeholder = document.createElement('div');
  paragraph.replaceWith(placeholder);
  const section = wrap(paragraph);
  placeholder.replaceWith(heading, section);
  return section;
}

/** Microsoft's markup: a summary, the full text in `.detail-content.hidden`, a "Learn more" link-button. */
function learnMore(paragraph: HTMLElement, script: boolean): HTMLElement {
  const block = document.createElement('div');
  block.className = 'expand-collapse-content';
  const summary = document.createElement('div');
  summary.className = 'summary-content';
  summary.textContent = 'A short summary.';
  const detail = document.createElement('div');
  detail.className = 'detail-content hidden';
  detail.append(paragraph);
  const buttons = document.createElement('div');
  const less = document.createElement('a');
  less.className = 'collapse-btn hidden';
  less.setAttribute('role', 'button');
  less.textContent = 'View Summary';
  const more = document.createElement('a');
  more.className = 'expand-btn';
  more.setAttribute('role', 'button');
  more.setAttribute('aria-label', 'Learn more');
  more.textContent = 'Learn more';
  buttons.append(less, more);
  block.append(summary, detail, buttons);
  // The page's own script (as on microsoft.com): the button swaps the summary for the details.
  if (script) more.addEventListener('click', () => detail.classList.remove('hidden'));
  return block;
}

describe('a passage in a collapsed section', () => {
  it('opens a closed <details> and paints the passage', async () => {
    const details = collapseAiParagraph((p) => {
      const d = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'Generative AI';
      d.append(summary, p);
      return d;
    }) as HTMLDetailsElement;
    const h = harness();
    const session = await openPolicy(h);
    expect(await session.showInPage(ai.id)).toBe(true);
    expect(details.open).toBe(true);
    expect(normalizeText(painted(session)[0]?.toString() ?? '')).toBe(normalizeText(aiQuote));
  });

  it('clicks the page’s own "Learn more" control, then paints the passage it showed', async () => {
    const block = collapseAiParagraph((p) => learnMore(p, true));
    const h = harness();
    const session = await openPolicy(h);
    expect(await session.showInPage(ai.id)).toBe(true);
    expect(block.querySelector('.detail-content')?.classList.contains('hidden')).toBe(false);
    expect(painted(session)).toHaveLength(1);
  });

  it('activates the accordion button that controls the panel (aria-controls), wherever it is on the page', async () => {
    let clicks = 0;
    // The button sits in a table of contents at the top, far from the panel (four levels down
    // in a section of its own): only aria-controls ties the two together.
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Data use';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'panel-ai');
    const nav = document.createElement('nav');
    nav.append(button);
    collapseAiParagraph((p) => {
      const panel = document.createElement('div');
      panel.id = 'panel-ai';
      panel.hidden = true;
      panel.append(p);
      button.addEventListener('click', () => {
        clicks++;
        panel.hidden = false;
        button.setAttribute('aria-expanded', 'true');
      });
      let section: HTMLElement = panel;
      for (let i = 0; i < 4; i++) {
        const wrapper = document.createElement('div');
        wrapper.append(section);
        section = wrapper;
      }
      return section;
    });
    document.body.prepend(nav);
    const h = harness();
    const session = await openPolicy(h);
    expect(await session.showInPage(ai.id)).toBe(true);
    expect(clicks).toBe(1);
  });

  it('reveals hidden="until-found" content as find-in-page does (beforematch, then shown)', async () => {
    const panel = collapseAiParagraph((p) => {
      const div = document.createElement('div');
      div.setAttribute('hidden', 'until-found');
      div.append(p);
      return div;
    });
    const events: string[] = [];
    panel.addEventListener('beforematch', (e) => events.push(e.type));
    const h = harness();
    const session = await openPolicy(h);
    expect(await session.showInPage(ai.id)).toBe(true);
    expect(events).toEqual(['beforematch']);
    expect(panel.hasAttribute('hidden')).toBe(false);
  });

  it('when the section does not open, says where the passage is and how to open it (found, not "changed")', async () => {
    collapseAiParagraph((p) => learnMore(p, false));
    const h = harness();
    const session = await openPolicy(h);
    expect(bannerText()).toContain(`· ${onPolicy.length} of ${onPolicy.length} found on this page`);
    expand();
    expect(await session.showInPage(ai.id)).toBe(false);
    expect(session.emphasis()).toBeNull();
    // Hidden: found, but not marked (a mark there would paint nothing).
    expect(marked(h)).not.toContain(ai.id);
    const text = itemText(ai.id) ?? '';
    expect(text).toContain(
      "In the collapsed section 'Learn more' under 'How we use your data' — open it to read the passage.",
    );
    expect(text).not.toContain('may have changed');
    // The banner stays open on the item.
    expect(document.querySelector('policy-lens-banner .items')).not.toBeNull();
  });

  it('never clicks a link that would leave the page', async () => {
    let left = false;
    collapseAiParagraph((p) => {
      const block = learnMore(p, false);
      const more = block.querySelector('.expand-btn') as HTMLAnchorElement;
      more.href = 'https://www.linkedin.com/elsewhere';
      more.addEventListener('click', (e) => {
        left = true;
        e.preventDefault();
      });
      return block;
    });
    const h = harness();
    const session = await openPolicy(h);
    expect(await session.showInPage(ai.id)).toBe(false);
    expect(left).toBe(false);
  });
});

describe('after the page re-renders', () => {
  const rerender = () => {
    const own = [...document.body.childNodes].filter((n) => !(n instanceof Element && ownHosts.has(n)));
    for (const n of own) n.replaceWith(n.cloneNode(true));
  };

  it('re-locates the quotes once the re-render has settled (MutationObserver, debounced), not before', async () => {
    const h = harness();
    const onLocated = vi.fn();
    const tracker = trackQuotes(h.env, [{ id: ai.id, quote: aiQuote }], onLocated);
    await tracker.locate();
    expect(onLocated).toHaveBeenCalledTimes(1);
    rerender();
    // Within the debounce: nothing read yet.
    await new Promise((r) => setTimeout(r, RELOCATE_DEBOUNCE_MS / 2));
    expect(onLocated).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(onLocated).toHaveBeenCalledTimes(2), { timeout: 2000 });
    const [range] = await tracker.places(ai.id);
    // The places were already right: asking for them read nothing again.
    expect(onLocated).toHaveBeenCalledTimes(2);
    expect(range?.startContainer.isConnected).toBe(true);
    expect(normalizeText(range?.toString() ?? '')).toBe(normalizeText(aiQuote));
    tracker.stop();
  });

  it('watches the page for re-renders from its first read on, not while the banner is being drawn', async () => {
    const h = harness();
    const observed: Node[] = [];
    class RecordingObserver extends MutationObserver {
      override observe(target: Node, options?: MutationObserverInit) {
        observed.push(target);
        super.observe(target, options);
      }
    }
    const env = { ...h.env, win: { ...h.env.win, MutationObserver: RecordingObserver } };
    const onLocated = vi.fn();
    const tracker = trackQuotes(env, [{ id: ai.id, quote: aiQuote }], onLocated);
    expect(observed).toEqual([]);
    await tracker.locate();
    expect(onLocated).toHaveBeenCalledTimes(1);
    expect(observed).toEqual([document.documentElement]);
    // Once: a second read keeps the same watch.
    await tracker.locate();
    expect(observed).toHaveLength(1);
    tracker.stop();
  });

  it('a tracker that was stopped reads nothing more', async () => {
    const h = harness();
    const onLocated = vi.fn();
    const tracker = trackQuotes(h.env, [{ id: ai.id, quote: aiQuote }], onLocated);
    await tracker.locate();
    tracker.stop();
    rerender();
    await new Promise((r) => setTimeout(r, RELOCATE_DEBOUNCE_MS * 2));
    expect(onLocated).toHaveBeenCalledTimes(1);
  });

  it('"Show in page" right after a re-render checks its place first and paints the new one', async () => {
    const h = harness();
    const session = await openPolicy(h);
    rerender();
    expect(await session.showInPage(ai.id)).toBe(true);
    const range = painted(session)[0];
    expect(range?.startContainer.isConnected).toBe(true);
    expect(normalizeText(range?.toString() ?? '')).toBe(normalizeText(aiQuote));
  });

  it('paints the shown passage again at its new place', async () => {
    const h = harness();
    const session = await openPolicy(h);
    await session.showInPage(ai.id);
    const first = painted(session)[0];
    rerender();
    await vi.waitFor(() => expect(painted(session)[0]).not.toBe(first), { timeout: 2000 });
    expect(painted(session)[0]?.startContainer.isConnected).toBe(true);
    expect(normalizeText(painted(session)[0]?.toString() ?? '')).toBe(normalizeText(aiQuote));
  });
});

describe('other pages', () => {
  it('an ordinary page of the platform sends nothing and mounts nothing', async () => {
    const h = harness();
    h.setUrl(FEED_URL);
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(FEED_URL, 0)).toBeNull();
    expect(h.sent).toEqual([]);
    expect(h.mounts).toEqual([]);
  });

  it('a settings page that an action leads to gets the chip', async () => {
    const h = harness();
    h.setUrl(SETTINGS_URL);
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(SETTINGS_URL, 0)).not.toBeNull();
    expect(document.querySelector('policy-lens-chip')?.textContent).toContain('Policy Lens · the setting here is for:');
  });

  it('a tab where a walkthrough runs is left to the walkthrough overlay', async () => {
    const h = harness((url) => pageInfo(url, { walkthroughInTab: true }));
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(POLICY_URL, 0)).toBeNull();
    expect(h.mounts).toEqual([]);
  });

  it('a page that moved on while the background answered gets nothing', async () => {
    const h = harness((url) => {
      h.setUrl(FEED_URL);
      return pageInfo(url);
    });
    expect(await pageSessions(h.env, classify, async () => pageUi(h.env)).open(POLICY_URL, 0)).toBeNull();
    expect(h.mounts).toEqual([]);
  });
});
