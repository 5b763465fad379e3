/**
 * Background figures for `npm run bench`, in real Chromium with the built extension: the service
 * worker's JS heap after a garbage collection (bundled data loaded), and the toolbar popup from
 * navigation start to its first content, warm and right after the worker was stopped (a cold start:
 * the worker starts, opens the store, reads the catalog, answers). The popup is opened as a click on
 * the toolbar button does (DevTools `Extensions.triggerAction`), on a LinkedIn tab served locally.
 *
 * Every popup figure is also taken, in the same browser and interleaved run by run, for an empty
 * extension whose popup shows one line of text as soon as its script runs: the floor any popup
 * pays here (on this 2-core machine an empty popup took ~90 ms from navigation start, most of it
 * between the document's arrival and the end of parsing). The budgets hold our popup's cost above
 * that floor, as the page budgets hold the cost above the same page without the extension; the
 * whole time is printed too. The empty extension's worker heap is printed beside ours for
 * reference (the budget holds our worker's whole heap).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** A popup figure: ours, the empty extension's, and ours minus the empty one's, paired run by run. */
export interface PopupFigure {
  ours: Stat;
  empty: Stat;
  added: Stat;
}

export interface BackgroundFigures {
  heapKiB: Stat;
  /** The empty extension's worker, for reference. */
  emptyHeapKiB: Stat;
  popupWarmMs: PopupFigure;
  popupColdMs: PopupFigure;
}

const EMPTY_WORKER = 'empty-worker.js';

/**
 * The empty extension: a popup that draws one line as soon as its module runs and says when, as ours
 * does (body dataset `readyMs`, `ready`), and a worker that does nothing but stay registered.
 */
function writeEmptyExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'empty popup (bench floor)',
    version: '1.0',
    action: { default_popup: 'popup.html' },
    background: { service_worker: EMPTY_WORKER },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, EMPTY_WORKER), 'self.addEventListener("install", () => {});\n');
  writeFileSync(
    join(dir, 'popup.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title>' +
      '<script type="module" src="popup.js"></script></head><body><div id="app"></div></body></html>',
  );
  writeFileSync(
    join(dir, 'popup.js'),
    'document.getElementById("app").textContent = "Nothing here";\n' +
      'document.body.dataset.readyMs = performance.now().toFixed(1);\n' +
      'document.body.dataset.ready = "true";\n',
  );
}

function popupFigure(ours: readonly number[], empty: readonly number[]): PopupFigure {
  return { ours: stat(ours), empty: stat(empty), added: stat(ours.map((o, i) => o - (empty[i] ?? Number.NaN))) };
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
  const worker = await waitForTarget(
    browser,
    (t) => t.type === 'service_worker' && new URL(t.url).host === extensionId,
  );
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
  const emptyDir = join(profile, 'empty-extension');
  writeEmptyExtension(emptyDir);
  const extensions = `${extensionDir},${emptyDir}`;
  const context: BrowserContext = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: ensureChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
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
    const workerUrl = async (path: string) => {
      const found = () => context.serviceWorkers().find((w) => new URL(w.url()).pathname === path);
      const end = Date.now() + 10_000;
      while (!found() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const worker = found();
      if (!worker) throw new Error(`no service worker ${path}`);
      return new URL(worker.url()).host;
    };
    const extensionId = await workerUrl('/background.js');
    const emptyId = await workerUrl(`/${EMPTY_WORKER}`);
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

    // The empty worker's heap, once: it runs nothing, and stopped it has no event to start it again.
    const emptyHeap = [await workerHeapKiB(browser, emptyId)];
    const heap: number[] = [];
    const warm = { ours: [] as number[], empty: [] as number[] };
    const cold = { ours: [] as number[], empty: [] as number[] };
    /** One popup of each extension, in alternating order so that neither always goes first. */
    const both = async (into: typeof warm, i: number) => {
      const order = i % 2 === 0 ? (['ours', 'empty'] as const) : (['empty', 'ours'] as const);
      for (const which of order) {
        await page.bringToFront();
        into[which].push(await popupReadyMs(browser, which === 'ours' ? extensionId : emptyId, url));
      }
    };
    await popupReadyMs(browser, extensionId, url); // first run: install, ingest
    await popupReadyMs(browser, emptyId, url);
    for (let i = 0; i < runs; i++) {
      await both(warm, i);
      // Right after the workers were stopped: ours must start its worker to answer (the empty popup
      // asks nothing of its worker, so going first or second it leaves ours stopped).
      await stopWorker();
      await both(cold, i);
      heap.push(await workerHeapKiB(browser, extensionId));
    }
    return {
      heapKiB: stat(heap),
      emptyHeapKiB: stat(emptyHeap),
      popupWarmMs: popupFigure(warm.ours, warm.empty),
      popupColdMs: popupFigure(cold.ours, cold.empty),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
