import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { extensionUrl, launch, type Session } from './harness';

// The counts the page must report are those of the feed the build ships (the same compile step).
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
    const popup = await session.context.newPage();
    await popup.goto(
      extensionUrl(session, `popup.html?tabUrl=${encodeURIComponent('https://www.linkedin.com/feed/')}`),
    );
    await popup.waitForSelector('body[data-ready="true"]');
    await popup.click('[data-provision="linkedin.ai-training"] .provision-toggle');
    await popup.click(
      '[data-provision="linkedin.ai-training"] [data-action="ai-improvement-setting"] .done-toggle input',
    );
    await popup.waitForSelector('[data-provision="linkedin.ai-training"] .done-pill');

    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'options.html'));
    await page.waitForSelector('body[data-ready="true"]');
    const data = await page.locator('[data-section="data"]').textContent();
    expect(data).toMatch(/Version\s*\d{8}/);
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
