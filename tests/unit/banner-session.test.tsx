// @vitest-environment happy-dom
/**
 * The content script's page logic (utils/content/*) in happy-dom, with its environment injected:
 * a fake background (`send`), a plain mount, a scheduler the test drives, and a fake highlight
 * registry. The LinkedIn policy page is built from the corpus text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import type { BannerSession } from '../../utils/content/banner-session';
import type { ContentEnv, Mounted, Scheduler, Send } from '../../utils/content/env';
import { pageSessions } from '../../utils/content/page-session';
import { buildMatchIndex, matchUrl } from '../../utils/match';
import type { PageInfo, RequestType } from '../../utils/messages';
import { ownHosts } from '../../utils/own-ui';
import { markdownToPlain, normalizeText } from '../../utils/text';
import { readCorpus } from '../support/corpus';
import { quoteOf } from '../support/data';

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
    progress: [],
    dismissed: false,
    walkthroughInTab: false,
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

interface Harness {
  env: ContentEnv;
  sent: Array<{ type: RequestType; payload: unknown }>;
  highlights: Map<string, FakeHighlight>;
  mounts: Mounted[];
  runIdle(): void;
  pendingIdle(): number;
  setUrl(url: string): void;
}

function harness(answer: (url: string) => PageInfo = (url) => pageInfo(url)): Harness {
  const sent: Harness['sent'] = [];
  const highlights = new Map<string, FakeHighlight>();
  const mounts: Mounted[] = [];
  const { scheduler, runIdle, pendingIdle } = manualScheduler();
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
      const host = document.createElement(name);
      ownHosts.add(host);
      const container = document.createElement('div');
      host.append(container);
      document.body.append(host);
      const mounted = { host, container, remove: () => host.remove() };
      mounts.push(mounted);
      return mounted;
    },
    scheduler,
    now: () => performance.now(),
    url: () => url,
    alive: () => true,
    report: (e) => {
      throw e;
    },
  };
  return { env, sent, highlights, mounts, runIdle, pendingIdle, setUrl: (u) => (url = u) };
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

describe('the banner session on a policy page', () => {
  it('asks the background once, mounts the banner with the flagged provisions and their count', async () => {
    const h = harness();
    const session = await pageSessions(h.env, classify).open(POLICY_URL, 0);
    expect(session).not.toBeNull();
    expect(h.sent.map((s) => s.type)).toEqual(['getPageInfo']);
    const high = onPolicy.filter((p) => p.severity === 'high').length;
    expect(bannerText()).toContain(`Policy Lens: ${onPolicy.length} provisions flagged in this policy (${high} high)`);
    expect(document.querySelectorAll('policy-lens-banner')).toHaveLength(1);
  });

  it('locates the quotes when idle and paints the chosen one with the highlight registry', async () => {
    const h = harness();
    const session = (await pageSessions(h.env, classify).open(POLICY_URL, 0)) as BannerSession;
    expect(h.pendingIdle()).toBe(1);
    h.runIdle();
    await session.located;
    expect(session.showInPage(ai.id)).toBe(true);
    const painted = h.highlights.get('policy-lens')?.ranges ?? [];
    expect(painted).toHaveLength(1);
    expect(normalizeText(painted[0]?.toString() ?? '')).toBe(normalizeText(aiQuote));
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'center' });
  });

  it('says which quote is not on the page once the exact locate has run', async () => {
    const lines = markdownToPlain(readCorpus('policies/linkedin/privacy-policy.md'))
      .split('\n')
      .map((l) => l.replace('develop and train artificial intelligence (AI) models, ', ''));
    fillPolicyPage(lines);
    const h = harness();
    const session = (await pageSessions(h.env, classify).open(POLICY_URL, 0)) as BannerSession;
    h.runIdle();
    await session.located;
    expect(session.showInPage(ai.id)).toBe(false);
    expect(h.highlights.size).toBe(0);
  });

  it('shows nothing for a version the user dismissed', async () => {
    const h = harness((url) => pageInfo(url, { dismissed: true }));
    expect(await pageSessions(h.env, classify).open(POLICY_URL, 0)).toBeNull();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.pendingIdle()).toBe(0);
  });

  it('dismisses: removes the banner and tells the background which document version', async () => {
    const h = harness();
    const session = (await pageSessions(h.env, classify).open(POLICY_URL, 0)) as BannerSession;
    await session.dismiss();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.sent.at(-1)).toEqual({
      type: 'dismissBanner',
      payload: { platformId: 'linkedin', documentId: 'privacy-policy', versionId: 'default' },
    });
    // The idle locate was cancelled with it.
    expect(h.pendingIdle()).toBe(0);
  });

  it('a new URL takes the banner and its highlight out before showing what belongs there', async () => {
    const h = harness();
    const pages = pageSessions(h.env, classify);
    const session = (await pages.open(POLICY_URL, 0)) as BannerSession;
    h.runIdle();
    await session.located;
    session.showInPage(ai.id);
    expect(h.highlights.size).toBe(1);
    h.setUrl(FEED_URL);
    expect(await pages.open(FEED_URL, 0)).toBeNull();
    expect(document.querySelector('policy-lens-banner')).toBeNull();
    expect(h.highlights.size).toBe(0);
  });
});

describe('other pages', () => {
  it('an ordinary page of the platform sends nothing and mounts nothing', async () => {
    const h = harness();
    h.setUrl(FEED_URL);
    expect(await pageSessions(h.env, classify).open(FEED_URL, 0)).toBeNull();
    expect(h.sent).toEqual([]);
    expect(h.mounts).toEqual([]);
  });

  it('a settings page that an action leads to gets the chip', async () => {
    const h = harness();
    h.setUrl(SETTINGS_URL);
    expect(await pageSessions(h.env, classify).open(SETTINGS_URL, 0)).not.toBeNull();
    expect(document.querySelector('policy-lens-chip')?.textContent).toContain('Policy Lens: this page controls');
  });

  it('a tab where a walkthrough runs is left to the walkthrough overlay', async () => {
    const h = harness((url) => pageInfo(url, { walkthroughInTab: true }));
    expect(await pageSessions(h.env, classify).open(POLICY_URL, 0)).toBeNull();
    expect(h.mounts).toEqual([]);
  });

  it('a page that moved on while the background answered gets nothing', async () => {
    const h = harness((url) => {
      h.setUrl(FEED_URL);
      return pageInfo(url);
    });
    expect(await pageSessions(h.env, classify).open(POLICY_URL, 0)).toBeNull();
    expect(h.mounts).toEqual([]);
  });
});
