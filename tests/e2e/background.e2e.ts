import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentWorker, launch, type Session, servePage } from './harness';

const PAGE = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1>`;

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, 'https://www.linkedin.com/feed/', PAGE('LinkedIn feed (model)'));
  await servePage(session.context, 'https://www.linkedin.com/legal/privacy-policy', PAGE('LinkedIn policy (model)'));
  await servePage(session.context, 'https://example.org/', PAGE('Example'));
});
afterAll(async () => {
  await session?.close();
});

async function activeTabId(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}

async function badge(worker: Worker, tabId: number): Promise<{ text: string; title: string }> {
  return worker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}

async function waitForBadge(worker: Worker, tabId: number, predicate: (text: string) => boolean) {
  for (let i = 0; i < 50; i++) {
    const b = await badge(worker, tabId);
    if (predicate(b.text)) return b;
    await new Promise((r) => setTimeout(r, 100));
  }
  return badge(worker, tabId);
}

/** A new tab at `url`, and its id. */
async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(url);
  return { page, tabId: await activeTabId(session.worker, page) };
}

describe('toolbar badge', () => {
  it('marks a tracked tab with its worst severity and count, and a readable title', async () => {
    const { page, tabId } = await openTab('https://www.linkedin.com/feed/');
    const b = await waitForBadge(session.worker, tabId, (t) => t !== '');
    expect(b.text).toMatch(/^[HML]\d+$/);
    expect(b.title).toMatch(/^Policy Lens — LinkedIn: \d+ (high|medium|low)-severity provisions? \(\d+ in all\)$/);
    await page.close();
  });

  it('leaves an untracked tab alone', async () => {
    const example = await openTab('https://example.org/');
    // A positive signal that the background has handled the untracked tab's events: a tracked tab
    // opened after it has its badge (tab events are handled in order).
    const tracked = await openTab('https://www.linkedin.com/feed/');
    await waitForBadge(session.worker, tracked.tabId, (t) => t !== '');
    expect(await badge(session.worker, example.tabId)).toEqual({ text: '', title: 'Policy Lens' });
    await Promise.all([example.page.close(), tracked.page.close()]);
  });

  it('clears the badge when a tracked tab navigates to an untracked site', async () => {
    const { page, tabId } = await openTab('https://www.linkedin.com/feed/');
    await waitForBadge(session.worker, tabId, (t) => t !== '');
    await page.goto('https://example.org/');
    const b = await waitForBadge(session.worker, tabId, (t) => t === '');
    expect(b).toEqual({ text: '', title: 'Policy Lens' });
    await page.close();
  });

  it('is still right after the service worker is stopped and started again', async () => {
    const { page, tabId } = await openTab('https://www.linkedin.com/feed/');
    const before = await waitForBadge(session.worker, tabId, (t) => t !== '');
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    // A marker in the worker's global scope: gone once the worker really restarted.
    await session.worker.evaluate(() => {
      (self as unknown as { e2eMarker: number }).e2eMarker = 1;
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // Events wake it: the tab leaves the platform, then comes back to its privacy policy.
    await page.goto('https://example.org/');
    const worker = await currentWorker(session);
    expect(await worker.evaluate(() => (self as unknown as { e2eMarker?: number }).e2eMarker)).toBeUndefined();
    expect((await waitForBadge(worker, tabId, (t) => t === '')).text).toBe('');
    await page.goto('https://www.linkedin.com/legal/privacy-policy');
    expect(await waitForBadge(worker, tabId, (t) => t !== '')).toEqual(before);
    await page.close();
  });

  it('made no network request of its own', () => {
    expect(session.unrouted.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
  });
});
