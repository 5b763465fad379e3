/**
 * A hostile page on a tracked host (issue 15, SECURITY.md), in real Chromium with the built
 * extension: the page sends WXT's "content script started" event to switch us off, fakes clicks on
 * our buttons, fades our banner under the user's real click, and our own content-script world
 * writes the page index. Each check that something did not happen first waits for a sign that our
 * code ran and decided.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { banner, bannerText, until } from './banner-helpers';
import { contentScriptWorld, launch, pageIndexPublished, type Session, servePage } from './harness';

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const FEED_URL = 'https://www.linkedin.com/feed/';

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage());
  await servePage(session.context, FEED_URL, '<!doctype html><title>Feed (model)</title><h1>Feed</h1>');
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

async function openPolicy(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(POLICY_URL);
  await until(page, async (ui) => (await ui.text('.document')) === 'LinkedIn Privacy Policy');
  return page;
}

const hostCount = (page: Page) => page.evaluate(() => document.querySelectorAll('policy-lens-banner').length);

describe('a page that sends our lifecycle events', () => {
  it("does not switch our content script off with WXT's content-script-started event (issue 4)", async () => {
    const page = await openPolicy();
    // What WXT's content-script context listened for: an event with our id and another messageId
    // made the running script invalidate itself (banner gone, navigations ignored).
    await page.evaluate((id) => {
      for (const type of [`${id}:platform:wxt:content-script-started`, 'wxt:content-script-started']) {
        document.dispatchEvent(
          new CustomEvent(type, { detail: { contentScriptName: 'platform', messageId: 'page-made' } }),
        );
        window.postMessage({ type, contentScriptName: 'platform', messageId: 'page-made' }, '*');
      }
    }, session.extensionId);
    // Still running: it follows the page's own navigation away (banner gone) and back (banner again).
    await page.evaluate(() => history.pushState({}, '', '/feed/'));
    await page.waitForFunction(() => document.querySelectorAll('policy-lens-banner').length === 0);
    await page.evaluate(() => history.pushState({}, '', '/legal/privacy-policy'));
    await until(page, async (ui) => (await ui.text('.document')) === 'LinkedIn Privacy Policy');
    expect(await hostCount(page)).toBe(1);
    await page.close();
  });
});

describe('a page that clicks for the user', () => {
  it('cannot press Dismiss with a synthetic click; the real click that follows is served', async () => {
    const page = await openPolicy();
    // The strongest stand-in for a script that found our button: the page world's handle to it.
    await (await banner(page)).evaluate((root) => {
      const dismiss = root.querySelector<HTMLElement>('button.dismiss');
      dismiss?.click();
      dismiss?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    // Our handlers do run: a real click on the toggle right after opens the list.
    await (await banner(page)).click('button.toggle');
    await until(page, (ui) => ui.exists('.items'));
    expect(await hostCount(page)).toBe(1);
    // And nothing was recorded: the banner is there after a reload.
    await page.reload();
    await until(page, async (ui) => (await ui.text('.document')) === 'LinkedIn Privacy Policy');
    await page.close();
  });

  it('fading the banner cannot turn the user’s real click on Dismiss into a lasting dismissal (issue 5)', async () => {
    const page = await openPolicy();
    // The page cannot style our host (its :host reset is !important), but it can fade everything it
    // hangs from, under a decoy of its own.
    await page.evaluate(() => {
      document.documentElement.style.opacity = '0.05';
    });
    // The browser's visibility samples take ~100 ms: let one pass with the faded page.
    await page.waitForTimeout(300);
    await (await banner(page)).click('button.dismiss');
    // Our code decided: the banner goes for this view…
    await page.waitForFunction(() => document.querySelectorAll('policy-lens-banner').length === 0);
    // …and is back on the next load, since the popup, not the page, asks before a dismissal is kept.
    await page.reload();
    await until(page, async (ui) => (await ui.text('.document')) === 'LinkedIn Privacy Policy');
    expect(await bannerText(page)).toContain('LinkedIn Privacy Policy');
    await page.close();
  });
});

describe('the page index a content script could write', () => {
  it('is put back as the data has it when written from our content-script world (issue 6)', async () => {
    const page = await session.context.newPage();
    await page.goto(FEED_URL);
    const world = await contentScriptWorld(session, page);
    if (!world) throw new Error('our content script did not run');
    await world.settled();
    const cdp = await session.context.newCDPSession(page);
    const run = async (expression: string) =>
      (
        await cdp.send('Runtime.evaluate', {
          contextId: world.contextId,
          expression,
          awaitPromise: true,
          returnByValue: true,
        })
      ).result.value as unknown;
    const key = 'page-index:linkedin.com';
    const before = await run(`chrome.storage.local.get(${JSON.stringify(key)}).then((r) => JSON.stringify(r))`);
    expect(String(before)).toContain('privacy');
    // An empty entry would silence us on LinkedIn until the next feed.
    await run(`chrome.storage.local.set({ ${JSON.stringify(key)}: { v: 1, value: { rules: [] } } }).then(() => true)`);
    const end = Date.now() + 10_000;
    let now: unknown;
    do {
      await page.waitForTimeout(50);
      now = await run(`chrome.storage.local.get(${JSON.stringify(key)}).then((r) => JSON.stringify(r))`);
    } while (now !== before && Date.now() < end);
    expect(now).toBe(before);
    await cdp.detach();
    await world.detach();
    await page.close();
  });
});
