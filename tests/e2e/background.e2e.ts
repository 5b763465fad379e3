import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabState } from '../../utils/badge';
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

async function badge(worker: Worker, tabId: number): Promise<{ text: string; title: string; state: TabState | null }> {
  return worker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
      state: ((await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null) as TabState | null,
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

describe('toolbar badge', () => {
  let linkedin: Page;
  let example: Page;
  let linkedinTab: number;
  let exampleTab: number;

  it('marks a tracked tab with its worst severity and count, and a readable title', async () => {
    linkedin = await session.context.newPage();
    await linkedin.goto('https://www.linkedin.com/feed/');
    linkedinTab = await activeTabId(session.worker, linkedin);
    const b = await waitForBadge(session.worker, linkedinTab, (t) => t !== '');
    expect(b.text).toMatch(/^H\d+$/);
    expect(b.title).toMatch(/^Policy Lens — LinkedIn: \d+ high-severity provisions? \(\d+ in all\)$/);
    expect(b.state).toMatchObject({ match: { platformId: 'linkedin', pageKind: 'other' } });
  });

  it('leaves an untracked tab alone', async () => {
    example = await session.context.newPage();
    await example.goto('https://example.org/');
    exampleTab = await activeTabId(session.worker, example);
    await new Promise((r) => setTimeout(r, 300));
    const b = await badge(session.worker, exampleTab);
    expect(b.text).toBe('');
    expect(b.title).toBe('Policy Lens');
    expect(b.state).toBeNull();
  });

  it('clears the badge when a tracked tab navigates to an untracked site', async () => {
    const page = await session.context.newPage();
    await page.goto('https://www.linkedin.com/feed/');
    const tab = await activeTabId(session.worker, page);
    await waitForBadge(session.worker, tab, (t) => t !== '');
    await page.goto('https://example.org/');
    const b = await waitForBadge(session.worker, tab, (t) => t === '');
    expect(b.text).toBe('');
    expect(b.state).toBeNull();
    await page.close();
  });

  it('is still right after the service worker is stopped and started again', async () => {
    const cdp = await session.context.newCDPSession(example);
    await cdp.send('ServiceWorker.enable');
    // A marker in the worker's global scope: gone once the worker really restarted.
    await session.worker.evaluate(() => {
      (self as unknown as { e2eMarker: number }).e2eMarker = 1;
    });
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // An event wakes it: the LinkedIn tab navigates to the privacy policy.
    await linkedin.goto('https://www.linkedin.com/legal/privacy-policy');
    const worker = await currentWorker(session);
    expect(await worker.evaluate(() => (self as unknown as { e2eMarker?: number }).e2eMarker)).toBeUndefined();
    for (let i = 0; i < 50 && (await badge(worker, linkedinTab)).state?.match?.pageKind !== 'policy'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const b = await badge(worker, linkedinTab);
    expect(b.text).toMatch(/^H\d+$/);
    expect(b.state).toMatchObject({
      match: { platformId: 'linkedin', pageKind: 'policy', documentId: 'privacy-policy' },
    });
    const other = await badge(worker, exampleTab);
    expect(other.text).toBe('');
    expect(other.state).toBeNull();
  });

  it('made no network request of its own', () => {
    expect(session.unrouted.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
  });
});
