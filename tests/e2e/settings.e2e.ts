/**
 * The settings page in real Chromium: the data status, the region deciding what the banner and
 * the popup list, banners per platform, progress export → import round trip, a malformed import
 * refused, reset with confirmation, keyboard use and axe-core.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { seriousViolations } from './axe';
import { banner, until } from './banner-helpers';
import { contentScriptWorld, extensionUrl, launch, type Session, screenshot, servePage } from './harness';
import { chooseImportFile, markDoneInPopup } from './progress-helpers';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing');
const provisionCount = feed.platforms.reduce((n, p) => n + p.provisions.length, 0);
const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
// LinkedIn's "share data with trusted partners" setting exists in the US only (the data says so).
const US_ONLY = { provision: 'linkedin.ad-targeting', action: 'share-data-with-trusted-partners' };
const usOnlyLabel = linkedin.provisions
  .find((p) => p.id === US_ONLY.provision)
  ?.actions.find((a) => a.id === US_ONLY.action && a.jurisdictions.join() === 'US')?.label;
if (!usOnlyLabel) throw new Error('the US-only LinkedIn action is gone from the data');

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage());
});
afterAll(async () => {
  // Nothing here asks the network for anything (every unrouted request is recorded and aborted).
  const own = session?.unrouted.filter((u) => !u.endsWith('/favicon.ico'));
  await session?.close();
  expect(own).toEqual([]);
});

async function openSettings(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(extensionUrl(session, 'options.html'));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Switch a setting's checkbox to `on` with a real click and wait for the background's answer. */
async function setToggle(page: Page, name: string, on: boolean): Promise<void> {
  const box = page.locator(`input[data-setting="${name}"]`);
  if ((await box.isChecked()) !== on) await box.click();
  await page.waitForSelector(`input[data-setting="${name}"][data-saved="${on}"]`);
}

/** The banner's list on LinkedIn's policy page (expanded), or null when our script decided to show none. */
async function bannerOnPolicy(): Promise<string | null> {
  const page = await session.context.newPage();
  await page.goto(POLICY_URL);
  const world = await contentScriptWorld(session, page);
  if (!world) throw new Error('the content script did not run');
  // Our script's own question, asked again from its world: the answer is the one it decided on.
  const display = await page
    .evaluate(() => undefined)
    .then(async () => {
      const cdp = await session.context.newCDPSession(page);
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId: world.contextId,
        expression: `chrome.runtime.sendMessage({ channel: 'policy-lens/1', type: 'getPageInfo', payload: { url: location.href } }).then((r) => new Promise((ok) => setTimeout(() => ok(JSON.stringify(r.data.display)), 50)))`,
        awaitPromise: true,
        returnByValue: true,
      });
      await cdp.detach();
      return JSON.parse(String(result.value)) as { banner: boolean };
    });
  await world.detach();
  if (!display.banner) {
    expect(await page.locator('policy-lens-banner').count()).toBe(0);
    await page.close();
    return null;
  }
  const ui = await banner(page);
  await until(page, (u) => u.exists('button.toggle'));
  await ui.click('button.toggle');
  await until(page, (u) => u.exists('.items'));
  const text = await ui.text('.items');
  await page.close();
  return text;
}

describe('the settings page', () => {
  it('shows the data status: version, where it comes from, coverage, and that this build has no update feed', async () => {
    const page = await openSettings();
    const data = await page.locator('[data-section="data"]').textContent();
    expect(data).toContain(`Data version ${feed.version}, shipped with the extension`);
    expect(data).toContain('This build has no update feed');
    expect(data).toContain('Shipped with the extension (works offline)');
    expect(data).toContain(`${feed.platforms.length} platforms, ${provisionCount} provisions`);
    // No feed in this build: no "Update now" (feed.e2e.ts tests it with a feed).
    expect(await page.locator('button.update-now').count()).toBe(0);
    await screenshot(page, 'settings');
    await page.close();
  });

  it('region: the banner lists the chosen region’s opt-outs only, and the popup its agencies', async () => {
    const page = await openSettings();
    await page.selectOption('[data-section="region"] select', 'EU');
    await page.waitForFunction(async () => {
      const r = await chrome.runtime.sendMessage({ channel: 'policy-lens/1', type: 'getPopupData', payload: {} });
      return r.data.settings.region === 'EU';
    });
    expect(await bannerOnPolicy()).not.toContain(usOnlyLabel);
    const popup = await session.context.newPage();
    await popup.goto(extensionUrl(session, `popup.html?tabUrl=${encodeURIComponent(POLICY_URL)}`));
    await popup.waitForSelector('body[data-ready="true"]');
    await popup.click(`[data-provision="${US_ONLY.provision}"] .provision-toggle`);
    const agenciesEu = await popup.locator(`[data-provision="${US_ONLY.provision}"] .agencies`).textContent();

    await page.selectOption('[data-section="region"] select', 'US');
    await page.waitForFunction(async () => {
      const r = await chrome.runtime.sendMessage({ channel: 'policy-lens/1', type: 'getPopupData', payload: {} });
      return r.data.settings.region === 'US';
    });
    expect(await bannerOnPolicy()).toContain(usOnlyLabel);
    await popup.reload();
    await popup.waitForSelector('body[data-ready="true"]');
    await popup.click(`[data-provision="${US_ONLY.provision}"] .provision-toggle`);
    const agenciesUs = await popup.locator(`[data-provision="${US_ONLY.provision}"] .agencies`).textContent();
    expect(agenciesUs).toContain('Federal Trade Commission');
    expect(agenciesEu).not.toContain('Federal Trade Commission');
    await popup.close();
    await page.close();
  });

  it('banners per platform: LinkedIn off leaves its policy page alone (decided, not missed); on again shows it', async () => {
    const page = await openSettings();
    await setToggle(page, 'show-linkedin', false);
    expect(await bannerOnPolicy()).toBeNull();
    await setToggle(page, 'show-linkedin', true);
    expect(await bannerOnPolicy()).toContain('Show in page');
    await page.close();
  });

  it('progress: export, reset with confirmation, import the file back (merged), and import it again (all kept, said so)', async () => {
    await markDoneInPopup(session, POLICY_URL);

    const page = await openSettings();
    const item = '[data-progress="linkedin.ai-training/ai-improvement-setting"]';
    await page.waitForSelector(item);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.export-progress')]);
    expect(download.suggestedFilename()).toMatch(/^policy-lens-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'policy-lens-progress',
      records: [{ provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting' }],
    });

    // Reset asks first: Cancel keeps everything.
    await page.click('button.reset-progress');
    await page.waitForSelector('dialog.confirm-reset[open]');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('confirm-reset-no');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.confirm-reset:not([open])', { state: 'attached' });
    expect(await page.locator(item).count()).toBe(1);
    await page.click('button.reset-progress');
    await page.click('button.confirm-reset-yes');
    await page.waitForSelector('[data-progress-empty="true"]');

    await chooseImportFile(page, exported);
    const merged = page.locator('[data-import="merged"]');
    await merged.waitFor();
    expect(await merged.textContent()).toContain('Imported: 1 added, 0 skipped.');
    expect(await page.locator(item).count()).toBe(1);
    // Focus moves to the outcome, so that a keyboard or screen-reader user hears it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-import'))).toBe('merged');

    await chooseImportFile(page, exported);
    await page.waitForFunction(() =>
      document.querySelector('[data-import="merged"]')?.textContent?.includes('0 added, 1 skipped'),
    );
    expect(await page.locator('[data-import-skipped]').textContent()).toContain('already marked done here on');
    await page.close();
  });

  it('refuses a malformed import with a clear message and changes nothing', async () => {
    const page = await openSettings();
    const before = await page.locator('[data-progress]').count();
    const broken = JSON.stringify({
      format: 'policy-lens-progress',
      formatVersion: 1,
      exportedAt: '2026-12-01T00:00:00.000Z',
      records: [{ provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', doneAt: 'last week' }],
    });
    await chooseImportFile(page, broken);
    const refused = page.locator('[data-import="refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(
      'This file was not imported: it looks like a Policy Lens progress export, but part of it is damaged',
    );
    expect(await refused.locator('.import-detail').textContent()).toMatch(/doneAt/);
    await chooseImportFile(page, 'hello');
    await page.waitForFunction(() =>
      document.querySelector('[data-import="refused"]')?.textContent?.includes('it is not a JSON file'),
    );
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('[data-progress]').count()).toBe(before);
    await page.close();
  });

  it('works by keyboard alone: Tab to the Global Privacy Control switch, Space turns it on', async () => {
    const page = await openSettings();
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-setting') === 'gpc')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-setting'))).toBe('gpc');
    await page.keyboard.press('Space');
    await page.waitForSelector('input[data-setting="gpc"][data-saved="true"]');
    await page.keyboard.press('Space');
    await page.waitForSelector('input[data-setting="gpc"][data-saved="false"]');
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core), light and dark', async () => {
    const page = await openSettings();
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
