import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { extensionUrl, launch, type Session } from './harness';
import { markDoneInPopup } from './progress-helpers';

const feed = loadBundledFeed();
const provisionCount = feed.platforms.reduce((n, p) => n + p.provisions.length, 0);

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

describe('the settings page', () => {
  it('shows the data status, explains each permission, and lists progress with undo', async () => {
    // Mark an action done from the popup page first.
    await markDoneInPopup(session, 'https://www.linkedin.com/feed/');

    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'options.html'));
    await page.waitForSelector('body[data-ready="true"]');
    const data = await page.locator('[data-section="data"]').textContent();
    expect(data).toMatch(/Version\s*\d{8}/);
    // The counts of the data the extension ships (not a number that goes stale with each new platform).
    expect(data).toContain(`${feed.platforms.length} platforms, ${provisionCount} provisions`);
    const permissions = await page.locator('[data-section="permissions"]').textContent();
    for (const p of ['storage', 'activeTab', 'scripting']) expect(permissions).toContain(p);
    expect(permissions).toContain('No tabs, no <all_urls>');

    const item = page.locator('[data-progress="linkedin.ai-training/ai-improvement-setting"]');
    expect(await item.textContent()).toContain('LinkedIn: Turn off "Data for Generative AI Improvement"');
    await item.getByRole('button', { name: 'Undo' }).click();
    await page.waitForSelector('[data-progress="linkedin.ai-training/ai-improvement-setting"]', { state: 'detached' });
  });
});
