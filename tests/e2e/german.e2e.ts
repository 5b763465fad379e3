/**
 * The interface in the browser's language: Chromium started in German (de-DE) shows the settings
 * page and the popup in German (public/_locales/de), and guesses the region from the language
 * (de-DE: the EU). The dataset's own text (titles, quotes) stays English.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { seriousViolations } from './axe';
import { banner as bannerUi, timing } from './banner-helpers';
import { extensionUrl, launch, type Session, screenshot, servePage } from './harness';

type Messages = Record<string, { message: string }>;
const read = (locale: string) =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8'),
  ) as Messages;
const en = read('en');
const de = read('de');

/**
 * English messages that would give an untranslated string away: whole sentences or phrases (20
 * characters or more, without substitutions) whose German differs.
 */
const ENGLISH_ONLY = Object.entries(en)
  .filter(([key, { message }]) => message.length >= 20 && !message.includes('$') && de[key]?.message !== message)
  .map(([, { message }]) => message);

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';

let session: Session;
beforeAll(async () => {
  session = await launch({ language: 'de-DE' });
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage());
});
afterAll(async () => {
  await session?.close();
});

async function open(path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(extensionUrl(session, path));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const englishIn = async (page: Page) => {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  return ENGLISH_ONLY.filter((m) => text.includes(m));
};

describe('in a German browser', () => {
  it('runs with Chromium’s German strings (otherwise chrome.i18n stays English: Debian’s chromium-l10n)', async () => {
    const page = await open('options.html');
    expect(await page.evaluate(() => chrome.i18n.getMessage('@@ui_locale'))).toBe('de');
    await page.close();
  });

  it('the settings page is in German, with the region guessed as the EU', async () => {
    const page = await open('options.html');
    expect(await page.title()).toBe(de.settings_title?.message);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    expect(await page.textContent('h1')).toBe(de.settings_title?.message);
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toContain(de.status_heading?.message);
    expect(headings).toContain(de.settings_region_heading?.message);
    const region = page.locator('[data-section="region"] select');
    expect(await region.inputValue()).toBe('EU');
    expect(await region.locator('option:checked').textContent()).toBe('EU / EWR');
    expect(await englishIn(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-de');
    await page.close();
  });

  it('the popup on LinkedIn is in German (the provisions’ own titles stay as the data has them)', async () => {
    const page = await open(`popup.html?tabUrl=${encodeURIComponent('https://www.linkedin.com/feed/')}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    expect(await page.textContent('body')).toContain(de.guideMe?.message);
    expect(await page.locator('[data-provision]').count()).toBeGreaterThan(0);
    expect(await englishIn(page)).toEqual([]);
    await screenshot(page, 'popup-de');
    await page.close();
  });

  it('the banner on LinkedIn’s (English) privacy policy is in German, and says so to assistive technology', async () => {
    const page = await session.context.newPage();
    await page.goto(POLICY_URL);
    await timing(page, 'locateMs');
    const banner = (await (
      await bannerUi(page)
    ).evaluate((root) => {
      const container = root.querySelector('style + div');
      return { lang: (container as HTMLElement | null)?.lang, text: container?.textContent ?? '' };
    })) ?? { lang: undefined, text: '' };
    expect(banner.lang).toMatch(/^de/);
    // "… von … auf dieser Seite gefunden" (banner_foundOnPage), in German.
    expect(banner.text).toMatch(/\d+ von \d+ auf dieser Seite gefunden/);
    expect(ENGLISH_ONLY.filter((m) => banner.text.includes(m))).toEqual([]);
    // The toolbar button's tooltip on this tab (set when the tab loaded, before our banner showed).
    const title = await session.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return tab?.id === undefined ? null : chrome.action.getTitle({ tabId: tab.id });
    }, POLICY_URL);
    expect(title).toMatch(
      /^Policy Lens – LinkedIn: \d+ Bestimmungen? mit (hohem|mittlerem|niedrigem) Schweregrad \(\d+ insgesamt\)$/,
    );
    await page.close();
  });
});
