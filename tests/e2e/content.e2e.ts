import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { sortProvisions } from '../../utils/background/catalog';
import { servesUrl } from '../../utils/match';
import { appliesTo, guessRegion } from '../../utils/region';
import { normalizeText } from '../../utils/text';
import { versionAtUrl } from '../../utils/versions';
import { corpusPage, linkedinPrivacyPage } from '../support/corpus-page';
import { evidenceOf, quoteOf } from '../support/data';
import { banner, bannerText, highlight, timing, until } from './banner-helpers';
import {
  BROWSER_LANGUAGE,
  contentScriptWorld,
  launch,
  logTiming,
  ownUi,
  pageIndexPublished,
  recordRequests,
  type Session,
  screenshot,
  servePage,
} from './harness';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
const facebook = feed.platforms.find((p) => p.id === 'facebook');
if (!linkedin || !facebook) throw new Error('LinkedIn and Facebook must be in the dataset');
const aiProvision = linkedin.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!aiProvision) throw new Error('linkedin.ai-training missing');
const aiQuote = quoteOf(linkedin, aiProvision);
const onPolicy = linkedin.provisions.filter((p) => p.documentId === 'privacy-policy');

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const AI_SETTINGS_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
// Facebook's printable privacy policy: the largest tracked text in the corpus (about 290 KB).
const FACEBOOK_POLICY_URL = 'https://mbasic.facebook.com/privacy/policy/printable/';

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage());
  await servePage(
    session.context,
    FACEBOOK_POLICY_URL,
    corpusPage('policies/facebook/privacy-policy.md', { title: 'Meta Privacy Policy (test page from the corpus)' }),
  );
  const plain = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1><p>Model page.</p>`;
  await servePage(session.context, 'https://www.linkedin.com/feed/', plain('LinkedIn feed (model)'));
  await servePage(session.context, AI_SETTINGS_URL, plain('Data for Generative AI Improvement (model)'));
  await servePage(session.context, 'https://example.org/', plain('Example'));
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

const HOST = '[data-policy-lens-host]';
/** A real click (trusted, as the user's) into our closed shadow root, through the DevTools protocol. */
const clickInBanner = async (page: Page, selector: string) => (await banner(page)).click(selector);

describe('on the LinkedIn privacy policy', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.context.newPage();
    await page.goto(POLICY_URL);
    await page.waitForSelector(HOST, { state: 'attached' });
  });

  it('shows the banner with the number of flagged provisions', async () => {
    const high = onPolicy.filter((p) => p.severity === 'high').length;
    const text = await bannerText(page);
    expect(text).toContain('LinkedIn Privacy Policy');
    expect(text).toContain(`Flagged: ${onPolicy.length}`);
    // Each flagged provision by its title, the high ones with their severity.
    for (const p of onPolicy) expect(text).toContain(p.title);
    expect(await (await banner(page)).evaluate((root) => root.querySelectorAll('.glance .severity-high').length)).toBe(
      high,
    );
    // It is fixed in a corner: the page's own layout does not move.
    const position = await (await banner(page)).evaluate((root) => {
      const element = root.querySelector('.banner');
      return element ? getComputedStyle(element).position : null;
    });
    expect(position).toBe('fixed');
    // The page cannot read it: the root is closed, and our timings live inside it.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('policy-lens-banner') as HTMLElement | null;
        return {
          root: host?.shadowRoot ?? null,
          data: Object.keys(host?.dataset ?? {}),
          parent: host?.parentNode?.nodeName,
        };
      }),
    ).toEqual({ root: null, data: ['policyLensHost'], parent: 'HTML' });
  });

  it('emphasises the AI-training sentence on "Show in page", in our closed root', async () => {
    await clickInBanner(page, 'button.toggle');
    await clickInBanner(page, '[data-provision="linkedin.ai-training"] button.show-in-page');
    const shown = await until(page, async () => {
      const h = await highlight(page);
      return h.length > 0 ? h : null;
    });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.provisionId).toBe('linkedin.ai-training');
    expect(normalizeText(shown[0]?.text ?? '')).toBe(normalizeText(aiQuote));
    await screenshot(page, 'content-linkedin-highlight');
  });

  it('ignores clicks the page itself fakes on our buttons', async () => {
    // The page cannot reach our closed root; the DevTools protocol hands the test the page world's
    // handle to it, as the strongest stand-in for a script that found our button.
    await (await banner(page)).evaluate((root) => root.querySelector<HTMLElement>('button.dismiss')?.click());
    await page.waitForTimeout(300);
    expect(await page.$(HOST)).not.toBeNull();
  });

  it('closes the expanded view with Esc', async () => {
    await clickInBanner(page, 'button.toggle');
    await until(page, (ui) => ui.exists('.items'));
    // The opened list takes the focus (a real key press goes where the focus is, inside our root).
    await until(page, (ui) => ui.evaluate((root) => root.activeElement?.matches('.items') || null));
    await page.keyboard.press('Escape');
    await until(page, async (ui) => !(await ui.exists('.items')));
  });

  it('stays when the page re-renders its body (as single-page apps do), and comes back when removed', async () => {
    // A framework re-rendering the body from its own tree drops what it does not know: our host
    // hangs from <html>, outside it.
    await page.evaluate(() => {
      document.body.replaceChildren(...[...document.body.childNodes].map((n) => n.cloneNode(true)));
    });
    expect(await page.evaluate(() => document.querySelectorAll('policy-lens-banner').length)).toBe(1);
    // Removed or moved by the page: put back under <html>.
    await page.evaluate(() => document.querySelector('policy-lens-banner')?.remove());
    await page.waitForFunction(() => document.querySelectorAll('policy-lens-banner').length === 1);
    await page.evaluate(() => document.body.append(document.querySelector('policy-lens-banner') as Element));
    await page.waitForFunction(
      () => document.querySelector('policy-lens-banner')?.parentNode === document.documentElement,
    );
    expect(await bannerText(page)).toContain('LinkedIn Privacy Policy');
  });

  it('removes the banner on a single-page navigation away from the policy, and brings it back', async () => {
    await page.evaluate(() => history.pushState({}, '', '/feed/'));
    await page.waitForSelector(HOST, { state: 'detached', timeout: 5_000 });
    expect(await page.evaluate(() => CSS.highlights.has('policy-lens'))).toBe(false);
    const start = Date.now();
    await page.evaluate(() => history.pushState({}, '', '/legal/privacy-policy'));
    await page.waitForSelector(HOST, { state: 'attached', timeout: 5_000 });
    logTiming('single-page navigation → banner (Navigation API, then one round trip)', [Date.now() - start]);
  });
});

describe('a policy page that no longer carries a quote', () => {
  it('says so in the banner instead of dropping it', async () => {
    const old = linkedinPrivacyPage().replace('develop and train artificial intelligence (AI) models, ', '');
    await servePage(session.context, `${POLICY_URL}?version=old`, old);
    const page = await session.context.newPage();
    await page.goto(`${POLICY_URL}?version=old`);
    await page.waitForSelector(HOST, { state: 'attached' });
    await clickInBanner(page, 'button.toggle');
    await until(
      page,
      async (ui) => (await ui.attr('[data-provision="linkedin.ai-training"]', 'data-found')) === 'false',
    );
    const item = (await (await banner(page)).text('[data-provision="linkedin.ai-training"]')) ?? '';
    // The date is the capture of the version the background picks at this address for the browser's region.
    const policy = linkedin.documents.find((d) => d.id === 'privacy-policy');
    if (!policy) throw new Error('LinkedIn privacy policy missing');
    const shown = versionAtUrl(policy, undefined, POLICY_URL, guessRegion(BROWSER_LANGUAGE), (v, u) =>
      servesUrl(v.urls, v.select, u),
    );
    const { capturedAt } = evidenceOf(linkedin, aiProvision, shown).capture;
    expect(item).toContain(
      `Not found on this page. It was in the text captured on ${capturedAt}: the policy may have changed since.`,
    );
    await page.close();
  });
});

describe('pages that get nothing', () => {
  it('an untracked site gets no injected element (the content script does not run there)', async () => {
    const page = await session.context.newPage();
    // The load event has fired when goto returns: a document_idle script would have been injected by then.
    await page.goto('https://example.org/');
    // Our world appears on a tracked page under the same conditions (the probe can see it) …
    const tracked = await session.context.newPage();
    await tracked.goto('https://www.linkedin.com/feed/');
    const world = await contentScriptWorld(session, tracked);
    expect(world).not.toBeNull();
    await world?.detach();
    await tracked.close();
    // … and is not on the untracked page.
    expect(await contentScriptWorld(session, page, 500)).toBeNull();
    expect(await page.$(HOST)).toBeNull();
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('policy-lens'))).toBe(false);
    await page.close();
  });

  it('a LinkedIn page that is neither policy nor settings gets no element and sends no message', async () => {
    const requests = await recordRequests(session);
    const before = await requests.received();
    const page = await session.context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    // Positive signal first: our script runs on this page and has finished deciding.
    const world = await contentScriptWorld(session, page);
    expect(world).not.toBeNull();
    await world?.settled();
    expect(await page.$(HOST)).toBeNull();
    expect(await requests.received()).toEqual(before);
    await world?.detach();
    await page.close();
  });
});

describe('on a LinkedIn settings page', () => {
  it('shows a chip naming what the page controls, with its actions', async () => {
    const page = await session.context.newPage();
    await page.goto(AI_SETTINGS_URL);
    await page.waitForSelector('policy-lens-chip', { state: 'attached' });
    const chip = await ownUi(page, 'policy-lens-chip');
    const text = (await chip.text()) ?? '';
    // The chip names the most severe provision whose actions for the user's region target this page
    // (LinkedIn's affiliate-sharing one is the UK's only: not for this browser's US user).
    const region = guessRegion(BROWSER_LANGUAGE);
    const targeting = sortProvisions(linkedin.provisions.map((p) => ({ ...p, platformId: 'linkedin' }))).filter((p) =>
      p.actions.some((a) => a.url === AI_SETTINGS_URL && appliesTo(a.jurisdictions, region)),
    );
    expect(targeting.length).toBeGreaterThan(0);
    expect(text).toContain(`Policy Lens · the setting here is for: ${targeting[0]?.title}`);
    await chip.click('.chip-button');
    const actions = await chip.evaluate((root) =>
      [...root.querySelectorAll('[data-action]')].map((e) => e.getAttribute('data-action')),
    );
    expect(actions).toContain('ai-improvement-setting');
    await screenshot(page, 'content-linkedin-settings-chip');
    await page.close();
  });
});

describe('speed', () => {
  it('logs navigation → banner on the LinkedIn policy and quote location on the largest policy page', async () => {
    const shown: number[] = [];
    const fromStart: number[] = [];
    const locate: number[] = [];
    const page = await session.context.newPage();
    for (let i = 0; i < 5; i++) {
      await page.goto(POLICY_URL);
      await page.waitForSelector(HOST, { state: 'attached' });
      shown.push(await timing(page, 'shownAtMs'));
      fromStart.push(await timing(page, 'sinceStartMs'));
    }
    logTiming('page navigation start → banner shown (LinkedIn policy page; the script runs at document_idle)', shown);
    logTiming('content script start → banner shown (classify, one round trip, mount)', fromStart);
    const highlight: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(FACEBOOK_POLICY_URL);
      await page.waitForSelector(HOST, { state: 'attached' });
      // The page is read (in slices) when it is idle; then "Show in page" paints a highlight.
      locate.push(await timing(page, 'locateMs'));
      await clickInBanner(page, 'button.toggle');
      await clickInBanner(page, 'button.show-in-page');
      highlight.push(await timing(page, 'highlightMs'));
    }
    const size = await page.evaluate(() => document.body.textContent?.length ?? 0);
    const k = Math.round(size / 1000);
    logTiming(
      `locate of all quotes (sliced text scan + ranges, wall clock from idle), Facebook policy page (${k} K chars)`,
      locate,
    );
    logTiming(`"Show in page" → highlight painted, Facebook policy page (${k} K chars)`, highlight);
    const text = await bannerText(page);
    expect(text).toMatch(/Flagged: \d+/);
    expect(text).not.toContain('Not found on this page');
    await page.close();
  });

  it('made no network request of its own', () => {
    expect(session.unrouted.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
  });
});

// Last: a dismissal holds for the rest of the session.
describe('dismissing', () => {
  it('remembers "Dismiss for this version" across reloads', async () => {
    const page = await session.context.newPage();
    await page.goto(POLICY_URL);
    await page.waitForSelector(HOST, { state: 'attached' });
    await clickInBanner(page, 'button.dismiss');
    await page.waitForSelector(HOST, { state: 'detached' });
    await page.reload();
    await page.waitForTimeout(1_000);
    expect(await page.$(HOST)).toBeNull();
    await page.close();
  });
});
