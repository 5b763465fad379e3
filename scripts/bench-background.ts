/**
 * Background figures for `npm run bench`, in real Chromium with the built extension: the service
 * worker's JS heap after a garbage collection (bundled data loaded), and the toolbar popup from
 * navigation start to its first content, warm and right after the worker was stopped (a cold start:
 * the worker starts, opens the store, reads the catalog, answers). The popup is opened as a click on
 * the toolbar button does (DevTools `Extensions.triggerAction`), on a LinkedIn tab served locally.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium } from 'playwright-core';
import { PopupTarget } from './cdp-target';
import { ensureChromium } from './chromium';

export interface Stat {
  min: number;
  median: number;
  max: number;
}

export function stat(samples: readonly number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  return {
    min: s[0] ?? Number.NaN,
    median: s[Math.floor(s.length / 2)] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
  };
}

export interface BackgroundFigures {
  heapKiB: Stat;
  popupWarmMs: Stat;
  popupColdMs: Stat;
}

type Target = { targetId: string; type: string; url: string };

async function targets(browser: CDPSession): Promise<Target[]> {
  return ((await browser.send('Target.getTargets', { filter: [{}] } as never)) as { targetInfos: Target[] })
    .targetInfos;
}

async function waitForTarget(browser: CDPSession, match: (t: Target) => boolean, timeoutMs = 10_000): Promise<Target> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const t = (await targets(browser)).find(match);
    if (t) return t;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('target did not appear');
}

async function workerHeapKiB(browser: CDPSession, extensionId: string): Promise<number> {
  const worker = await waitForTarget(browser, (t) => t.type === 'service_worker' && t.url.includes(extensionId));
  const { sessionId } = (await browser.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  // Any target can be driven like the popup (non-flat session, messages to the target).
  const target = new PopupTarget(browser, sessionId);
  try {
    // Let the start-up settle (data loaded, page index published), then collect and measure.
    await new Promise((r) => setTimeout(r, 500));
    await target.send('HeapProfiler.collectGarbage');
    const usage = await target.send<{ usedSize: number }>('Runtime.getHeapUsage');
    return usage.usedSize / 1024;
  } finally {
    await browser.send('Target.detachFromTarget', { sessionId } as never).catch(() => undefined);
  }
}

/** Click the toolbar button on the tab showing `url`; the popup's navigation start → content, from the popup itself. */
async function popupReadyMs(browser: CDPSession, extensionId: string, url: string): Promise<number> {
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  const before = new Set((await targets(browser)).filter((t) => t.url.startsWith(popupUrl)).map((t) => t.targetId));
  const tab = await waitForTarget(browser, (t) => t.type === 'tab' && t.url === url);
  await browser.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  const target = await waitForTarget(
    browser,
    (t) => t.type === 'page' && t.url.startsWith(popupUrl) && !before.has(t.targetId),
  );
  const { sessionId } = (await browser.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as {
    sessionId: string;
  };
  const popup = new PopupTarget(browser, sessionId);
  await popup.waitFor('document.body.dataset.ready === "true"');
  const ms = Number(await popup.evaluate<string>('document.body.dataset.readyMs'));
  await browser.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
  return ms;
}

export async function backgroundFigures(extensionDir: string, runs = 7): Promise<BackgroundFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'policy-lens-bench-bg-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    await context.route('**/*', (route) =>
      route.request().url().startsWith('chrome-extension://') ? route.continue() : route.abort('blockedbyclient'),
    );
    const url = 'https://www.linkedin.com/feed/';
    await context.route(url, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>feed</title>' }),
    );
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(url);
    const browser = await context.browser()?.newBrowserCDPSession();
    if (!browser) throw new Error('no browser session');
    const pageSession = await context.newCDPSession(page);
    await pageSession.send('ServiceWorker.enable');
    const stopWorker = async () => {
      await pageSession.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
    };

    const heap: number[] = [];
    const warm: number[] = [];
    const cold: number[] = [];
    await popupReadyMs(browser, extensionId, url); // first run: install, ingest
    for (let i = 0; i < runs; i++) {
      await page.bringToFront();
      warm.push(await popupReadyMs(browser, extensionId, url));
      await stopWorker();
      await page.bringToFront();
      cold.push(await popupReadyMs(browser, extensionId, url));
      heap.push(await workerHeapKiB(browser, extensionId));
    }
    return { heapKiB: stat(heap), popupWarmMs: stat(warm), popupColdMs: stat(cold) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
