/**
 * First run and the check-up report in real Chromium: the welcome page opens by itself on install,
 * with its promise and choices, keyboard focus and axe-core; the printable check-up and its Markdown.
 * Not on an update: that is the unit test of utils/background/first-run.ts (here a restart cannot
 * stand in for it: Chromium reports an extension loaded with --load-extension as installed anew on
 * every start of the same profile, seen in this harness).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { seriousViolations } from './axe';
import { extensionUrl, launch, type Session, screenshot } from './harness';
import { markDoneInPopup } from './progress-helpers';

const feed = loadBundledFeed();
const linkedinAi = feed.platforms
  .find((p) => p.id === 'linkedin')
  ?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedinAi) throw new Error('linkedin.ai-training missing');

let session: Session;
let welcome: Page;

async function waitForPage(predicate: (url: string) => boolean, timeoutMs = 10_000): Promise<Page> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const page = session.context.pages().find((p) => predicate(p.url()));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no such page');
}

beforeAll(async () => {
  session = await launch();
  welcome = await waitForPage((url) => url === extensionUrl(session, 'welcome.html'));
  await welcome.waitForSelector('body[data-ready="true"]');
});
afterAll(async () => {
  const own = session?.unrouted.filter((u) => !u.endsWith('/favicon.ico'));
  await session?.close();
  expect(own).toEqual([]);
});

describe('the welcome page', () => {
  it('opens by itself on install, once, and says what Policy Lens does and promises', async () => {
    const welcomes = session.context.pages().filter((p) => p.url().endsWith('/welcome.html'));
    expect(welcomes).toHaveLength(1);
    const text = (await welcome.textContent('main')) ?? '';
    expect(text).toContain('Welcome to Policy Lens');
    expect(text).toContain(`${feed.platforms.length} in all`);
    expect(text).toContain('What you browse never leaves your device');
    expect(text).toContain('it makes no network request at all');
    // Every tracked site is readable (Chromium grants the manifest's hosts): nothing to allow.
    expect(await welcome.locator('[data-site-access="all"]').count()).toBe(1);
    // Global Privacy Control is a choice, off until the user makes it.
    expect(await welcome.locator('input[data-setting="gpc"]').isChecked()).toBe(false);
    expect(await welcome.locator('a.open-checkup').getAttribute('href')).toBe(extensionUrl(session, 'checkup.html'));
    await welcome.setViewportSize({ width: 900, height: 1400 });
    await screenshot(welcome, 'welcome');
  });

  it('puts the keyboard focus on its heading, and its region and GPC choices work from the keyboard', async () => {
    expect(await welcome.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    for (let i = 0; i < 50; i++) {
      await welcome.keyboard.press('Tab');
      if (await welcome.evaluate(() => document.activeElement?.getAttribute('data-setting') === 'gpc')) break;
    }
    await welcome.keyboard.press('Space');
    await welcome.waitForSelector('input[data-setting="gpc"][data-saved="true"]');
    await welcome.keyboard.press('Space');
    await welcome.waitForSelector('input[data-setting="gpc"][data-saved="false"]');
    await welcome.selectOption('[data-section="region"] select', 'UK');
    await welcome.waitForFunction(async () => {
      const r = await chrome.runtime.sendMessage({ channel: 'policy-lens/1', type: 'getPopupData', payload: {} });
      return r.data.settings.region === 'UK';
    });
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    expect(await seriousViolations(welcome)).toEqual([]);
  });
});

describe('the check-up report', () => {
  it('lists the platform acted on, what was done and when, the open provisions, evidence and citation; Markdown too', async () => {
    await markDoneInPopup(session, 'https://www.linkedin.com/feed/');

    await welcome.click('a.open-checkup');
    await welcome.waitForURL(extensionUrl(session, 'checkup.html'));
    await welcome.waitForSelector('body[data-ready="true"]');
    const report = welcome;
    expect(
      await report
        .locator('[data-report-platform]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-report-platform'))),
    ).toEqual(['linkedin']);
    const acted = report.locator('[data-report-provision="linkedin.ai-training"]');
    expect(await acted.getAttribute('data-state')).toBe('acted');
    expect(await acted.locator('[data-report-action="ai-improvement-setting"]').textContent()).toMatch(
      /done on \d{4}-\d{2}-\d{2} \(policy of \d{4}-\d{2}-\d{2}\)/,
    );
    expect(await acted.locator('pre').textContent()).toContain('Source: https://www.linkedin.com/');
    expect(await report.locator('[data-report-provision][data-state="open"]').count()).toBeGreaterThan(0);
    expect(await report.textContent('main')).toContain('Nothing was sent anywhere.');
    expect(await seriousViolations(report)).toEqual([]);
    await screenshot(report, 'checkup');

    const [download] = await Promise.all([report.waitForEvent('download'), report.click('button.download-checkup')]);
    expect(download.suggestedFilename()).toMatch(/^policy-lens-checkup-\d{4}-\d{2}-\d{2}\.md$/);
    const md = readFileSync(await download.path(), 'utf8');
    expect(md).toMatch(/^# My Policy Lens check-up\n/);
    expect(md).toContain('## LinkedIn');
    expect(md).toContain('### What you did (1)');
    expect(md).toContain('Region: United Kingdom.');
  });
});
