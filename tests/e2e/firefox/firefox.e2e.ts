/**
 * Smoke test of the Firefox MV3 build in firefox-esr: the content script's banner and highlight,
 * the popup and settings pages, the toolbar badge, and the path where the user has not granted
 * host access (Firefox's per-site control): the Allow button, granting from a click, and the
 * extension working on the site afterwards.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { badgeFor } from '../../../utils/badge';
import { normalizeText } from '../../../utils/text';
import { linkedinPrivacyPage } from '../../support/corpus-page';
// The expected badge title in English, the language Firefox runs in here.
import '../../support/i18n';
import { quoteOf } from '../../support/data';
import { EXTENSION_ORIGIN, type FirefoxSession, firefoxOwnUi, launchFirefox, screenshot, until } from './harness';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn must be in the dataset');
const aiProvision = linkedin.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!aiProvision) throw new Error('linkedin.ai-training missing');
const aiQuote = quoteOf(linkedin, aiProvision);
const onPolicy = linkedin.provisions.filter((p) => p.documentId === 'privacy-policy');
const counts = { high: 0, medium: 0, low: 0 };
for (const p of linkedin.provisions) counts[p.severity]++;
const expectedBadge = badgeFor(linkedin.name, counts);

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const UNTRACKED_URL = 'https://example.org/';
const HOSTS = ['www.linkedin.com', 'example.org'];
const POPUP_FOR_POLICY = `popup.html?tabUrl=${encodeURIComponent(POLICY_URL)}`;

/** Our banner's text, read through its closed shadow root (harness `firefoxOwnUi`). */
const bannerText = (session: FirefoxSession, page: Page) =>
  firefoxOwnUi(session.browser, page, 'policy-lens-banner').evaluate((root) => root.textContent);

/** The badge of the tab showing `url`, read in the background event page. */
async function badgeOf(extensionPage: Page, url: string): Promise<{ text: string; title: string }> {
  return extensionPage.evaluate(async (tabUrl) => {
    const background = (await browser.runtime.getBackgroundPage()) as unknown as { browser: typeof browser } | null;
    if (!background) throw new Error('no background page');
    const [tab] = await browser.tabs.query({ url: tabUrl });
    if (tab?.id === undefined) throw new Error(`no tab at ${tabUrl}`);
    return {
      text: await background.browser.action.getBadgeText({ tabId: tab.id }),
      title: await background.browser.action.getTitle({ tabId: tab.id }),
    };
  }, url);
}

async function waitForBanner(session: FirefoxSession, page: Page): Promise<string> {
  return until('the policy banner', () => bannerText(session, page));
}

describe('Firefox, with host access granted at install (the default)', () => {
  let session: FirefoxSession;
  let policy: Page;
  beforeAll(async () => {
    session = await launchFirefox({ hosts: HOSTS });
    session.serve(POLICY_URL, linkedinPrivacyPage());
    session.serve(UNTRACKED_URL, '<!doctype html><title>Example</title><h1>Example</h1>');
    policy = await session.open(POLICY_URL);
  });

  it('opened the welcome page on install (one tab, its script ran: the title is its translated one)', async () => {
    // The tab is listed by the extension's tabs API (WebDriver BiDi shows a tab an extension opened as about:blank).
    const options = await session.openExtensionPage('options.html');
    const tabs = await until('the welcome tab', async () => {
      const all = await options.evaluate(async () => (await browser.tabs.query({})).map((t) => [t.url, t.title]));
      const welcome = all.filter(([url]) => url?.endsWith('/welcome.html'));
      return welcome.length > 0 && welcome.every(([, title]) => title) ? welcome : null;
    });
    expect(tabs).toEqual([[`${EXTENSION_ORIGIN}/welcome.html`, 'Welcome to Policy Lens']]);
    await options.close();
  });

  it('shows the banner on the LinkedIn privacy policy (injected on demand) and marks the AI passage', async () => {
    const text = await waitForBanner(session, policy);
    expect(text).toContain('LinkedIn Privacy Policy');
    expect(text).toContain(`Flagged: ${onPolicy.length}`);
    expect(text).toContain(aiProvision.title);
    const marked = await until('the marks', () =>
      policy.evaluate(() => {
        const h = CSS.highlights.get('policy-lens-marks');
        return h && h.size > 0 ? [...h].map((r) => (r as Range).toString()) : null;
      }),
    );
    expect(marked.map((m) => normalizeText(m))).toContain(normalizeText(aiQuote));
  });

  it('emphasises the AI-training sentence on "Show in page" in our root, not the page\'s highlight registry (real clicks into our closed shadow root)', async () => {
    const ui = firefoxOwnUi(session.browser, policy, 'policy-lens-banner');
    // The page itself cannot see into it.
    expect(await policy.evaluate(() => document.querySelector('policy-lens-banner')?.shadowRoot ?? null)).toBeNull();
    await ui.click('button.toggle');
    await until('the list', () => ui.evaluate((root) => root.querySelector('.items') !== null || null));
    await ui.click('[data-provision="linkedin.ai-training"] button.show-in-page');
    // Our boxes, and the page's text under them: the caret positions at the first box's start and the last one's end
    // (the boxes take no pointer events, so the hit test reaches the text).
    const shown = await until('the emphasis', () =>
      ui.evaluate((root) => {
        const layer = root.querySelector('.emphasis-layer');
        const boxes = [...(layer?.querySelectorAll('.emphasis') ?? [])]
          .map((b) => b.getBoundingClientRect())
          .sort((a, b) => a.top - b.top || a.left - b.left);
        const first = boxes[0];
        const last = boxes[boxes.length - 1];
        if (!first || !last) return null;
        // Our own UI out of the hit test while we look (a margin marker may sit over the text).
        // (Inline styles, which a page's CSP does not govern as it does a <style> element.)
        const ours = [...root.querySelectorAll<HTMLElement>('*')];
        for (const e of ours) e.style.setProperty('pointer-events', 'none', 'important');
        const start = document.caretPositionFromPoint(first.left + 1, first.top + first.height / 2);
        const end = document.caretPositionFromPoint(last.right - 1, last.top + last.height / 2);
        for (const e of ours) e.style.removeProperty('pointer-events');
        if (!start || !end) return null;
        const r = document.createRange();
        r.setStart(start.offsetNode, start.offset);
        r.setEnd(end.offsetNode, end.offset);
        return { provisionId: layer?.getAttribute('data-provision'), text: r.toString() };
      }),
    );
    expect(shown.provisionId).toBe('linkedin.ai-training');
    expect(normalizeText(shown.text)).toBe(normalizeText(aiQuote));
    // The page's registry has our quiet marks only: it cannot tell which passage was asked for.
    expect(await policy.evaluate(() => [...CSS.highlights.keys()])).toEqual(['policy-lens-marks']);
    await screenshot(policy, 'firefox-linkedin-highlight');
  });

  it('badges the tab (read in the background event page)', async () => {
    const options = await session.openExtensionPage('options.html');
    const badge = await until('the badge', async () => {
      const b = await badgeOf(options, POLICY_URL);
      return b.text ? b : null;
    });
    expect(badge).toEqual({ text: expectedBadge?.text, title: expectedBadge?.title });
    await options.close();
  });

  it('renders the popup page for the policy tab, without a site-access notice', async () => {
    const popup = await session.openExtensionPage(POPUP_FOR_POLICY);
    const header = await popup.evaluate(() => document.querySelector('.platform-header')?.textContent ?? '');
    expect(header).toContain('You are reading: LinkedIn Privacy Policy');
    expect(await popup.$$eval('[data-provision]', (els) => els.length)).toBe(linkedin.provisions.length);
    // Rendered (ready) and decided: the extension can read LinkedIn, so no notice.
    expect(await popup.$('[data-site-access]')).toBeNull();
    await popup.close();
  });

  it('renders the settings page, listing every tracked platform as readable and no Allow button', async () => {
    const options = await session.openExtensionPage('options.html');
    const data = await options.$eval('[data-section="data"]', (e) => e.textContent ?? '');
    expect(data).toMatch(new RegExp(`${feed.platforms.length} platforms, \\d+ provisions`));
    const held = await options.$eval('[data-site-access="held"]', (e) => e.textContent ?? '');
    for (const p of feed.platforms) expect(held).toContain(`${p.name}: `);
    expect(held).toContain('LinkedIn: linkedin.com and lnkd.in');
    expect(await options.$$('button.site-access-allow')).toHaveLength(0);
    await options.close();
  });
});

describe('Firefox, Global Privacy Control', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox({ hosts: HOSTS });
    session.serve(POLICY_URL, linkedinPrivacyPage());
    session.serve(UNTRACKED_URL, '<!doctype html><title>Example</title><h1>Example</h1>');
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Load `url` in a new tab; the header the server saw and what the page's navigator says. */
  async function visit(url: string): Promise<{ gpc: string | undefined; navigatorGpc: unknown }> {
    const from = session.served.length;
    const page = await session.open(url);
    const path = new URL(url).pathname;
    const request = session.served.slice(from).find((r) => r.path === path);
    const navigatorGpc = await page.evaluate(
      () => (navigator as unknown as { globalPrivacyControl?: boolean }).globalPrivacyControl,
    );
    await page.close();
    if (!request) throw new Error(`no request for ${url}`);
    return { gpc: request.gpc, navigatorGpc };
  }

  it('sends nothing until the user turns it on; then Sec-GPC: 1 and navigator.globalPrivacyControl on LinkedIn only', async () => {
    const off = await visit(POLICY_URL);
    expect(off.gpc).toBeUndefined();
    expect(off.navigatorGpc).not.toBe(true);

    const options = await session.openExtensionPage('options.html');
    await options.locator('input[data-setting="gpc"]').click();
    await until('GPC saved on', () => options.$('input[data-setting="gpc"][data-saved="true"]'));
    await options.close();

    const on = await visit(POLICY_URL);
    expect(on).toEqual({ gpc: '1', navigatorGpc: true });
    // The same moment, an untracked site: untouched.
    const other = await visit(UNTRACKED_URL);
    expect(other.gpc).toBeUndefined();
    expect(other.navigatorGpc).not.toBe(true);
  });
});

describe('Firefox, with site access not granted (extensions.originControls.grantByDefault = false)', () => {
  let session: FirefoxSession;
  let options: Page;
  beforeAll(async () => {
    session = await launchFirefox({
      hosts: HOSTS,
      prefs: {
        'extensions.originControls.grantByDefault': false,
        // Grant what a click asks for without the doorhanger (headless has nobody to press it).
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    session.serve(POLICY_URL, linkedinPrivacyPage());
    options = await session.openExtensionPage('options.html');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('holds no site, and the settings page offers Allow for every tracked platform', async () => {
    const held = await options.evaluate(() => browser.permissions.getAll());
    expect(held.origins).toEqual([]);
    expect(await options.$eval('[data-site-access="held"]', (e) => e.textContent)).toBe(
      "It can read no site's pages right now.",
    );
    const platforms = await options.$$eval('[data-site-access="list"] [data-site-access-platform]', (els) =>
      els.map((e) => e.getAttribute('data-site-access-platform')),
    );
    expect(platforms).toEqual(feed.platforms.map((p) => p.id));
    await screenshot(options, 'firefox-settings-site-access');
  });

  it('the popup for a LinkedIn tab says it cannot read the site; Allow grants LinkedIn from the click', async () => {
    const popup = await session.openExtensionPage(POPUP_FOR_POLICY);
    const notice = await popup.$eval('[data-site-access="tab"]', (e) => e.textContent ?? '');
    expect(notice).toContain("Policy Lens can't read this site yet");
    await popup.setViewport({ width: 400, height: 600 });
    await screenshot(popup, 'firefox-popup-site-access');
    await popup.locator('[data-site-access="tab"] button.site-access-allow').click();
    const outcome = await until('the outcome of Allow', () =>
      popup.evaluate(
        () => document.querySelector('[data-site-access="tab"] :is([role="status"], [role="alert"])')?.textContent,
      ),
    );
    expect(outcome).toContain('Allowed.');
    const held = await popup.evaluate(() => browser.permissions.getAll());
    expect(held.origins?.sort()).toEqual(['https://*.linkedin.com/*', 'https://*.lnkd.in/*']);
    await popup.close();
  });

  it('the open settings page follows the grant: LinkedIn is readable, the other platforms still offer Allow', async () => {
    await until('LinkedIn in the held list', () =>
      options.evaluate(() =>
        document
          .querySelector('[data-site-access="held"]')
          ?.textContent?.includes('LinkedIn: linkedin.com and lnkd.in'),
      ),
    );
    const platforms = await options.$$eval('[data-site-access="list"] [data-site-access-platform]', (els) =>
      els.map((e) => e.getAttribute('data-site-access-platform')),
    );
    expect(platforms).toEqual(feed.platforms.map((p) => p.id).filter((id) => id !== 'linkedin'));
  });

  it('then works on LinkedIn: banner and badge', async () => {
    const policy = await session.open(POLICY_URL);
    expect(await waitForBanner(session, policy)).toContain('LinkedIn Privacy Policy');
    const badge = await until('the badge', async () => {
      const b = await badgeOf(options, POLICY_URL);
      return b.text ? b : null;
    });
    expect(badge.text).toBe(expectedBadge?.text);
  });
});
