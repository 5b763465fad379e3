/**
 * What the content script costs a policy page, in real Chromium: each page is loaded with the
 * built extension and without it, and the difference is ours (DESIGN.md budgets).
 * - Pages: the corpus's real HTML snapshots of tracked policies (scripts stripped), served under
 *   their URLs, and synthetic pages of a captured policy text repeated to 30 KB … 3.2 MB.
 * - Script and style time: the page's main-thread script in a trace of each load (`scriptMsOf`:
 *   compiling, running, callbacks and microtasks) and `Performance.getMetrics` RecalcStyleDuration,
 *   two seconds after the load event, minus the same without the extension (medians, min, max).
 *   Of the script, the time compiling our scripts is shown as well (`v8.compile`).
 * - Longest task of ours: the longest top-level task that ran our code, in any of the traced loads.
 * - Allocated: a sampling heap profile (with collected objects) of one load; bytes allocated
 *   under our script's frames, short-lived strings included.
 * - Content-script start → banner: measured by the script itself (data-since-start-ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { MICROSOFT_COLLAPSED_CSS, SNAPSHOTS, snapshotPage, syntheticPolicyPage } from '../tests/support/snapshot-page';
import { MARKS_NAME } from '../utils/highlight';
import { CHANNEL } from '../utils/messages';
import { ensureChromium } from './chromium';
import { inClosedRootUnderHtml } from './closed-root';

const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);

export interface PageCase {
  name: string;
  url: string;
  html: string;
  /** An ordinary page of a tracked platform: the content script classifies it and shows nothing. */
  ordinary?: boolean;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface PageCost {
  page: PageCase;
  bytes: number;
  /** Added script time on the page's main thread (scriptMsOf). */
  script: Spread;
  /** Of which compiling our scripts (median over the loads). */
  compileMs: number;
  style: Spread;
  total: Spread;
  startToBanner: Spread;
  longestTaskMs: number;
  allocatedMb: number;
}

/** Added script + style allowed on a page of `kb` KiB: 20 ms at 300 KB, 40 ms at 1.1 MB (1,100 KB), linear. */
export const scriptStyleBudgetMs = (kb: number) => 20 + ((kb - 300) * 20) / 800;
export const LONG_TASK_MS = 50;
export const ALLOCATED_BUDGET_MB = 5;
export const START_TO_BANNER_MS = 50;
/** Start → banner is held to its budget on pages up to 1.1 MB. */
export const START_TO_BANNER_UP_TO_KB = 1_200;

const MB = 1024 * 1024;
const spread = (xs: number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? Number.NaN, median: s[Math.floor(s.length / 2)] ?? Number.NaN, max: s.at(-1) ?? Number.NaN };
};

export function benchPages(): PageCase[] {
  const microsoftText = 'policies/microsoft/privacy-policy.md';
  const synthetic = (kb: number) => ({
    name: `synthetic ${kb >= 1000 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`} (Microsoft text)`,
    url: `https://privacy.microsoft.com/en-gb/privacystatement?bench=${kb}`,
    html: syntheticPolicyPage(microsoftText, kb * 1024, 'Microsoft Privacy Statement (bench page)'),
  });
  return [
    {
      // What every page of a tracked platform pays: the content script alone (no banner, no UI injected).
      name: 'ordinary LinkedIn page (300 KB, no banner)',
      url: 'https://www.linkedin.com/feed/?bench=ordinary',
      html: syntheticPolicyPage(microsoftText, 300 * 1024, 'LinkedIn feed (bench page)'),
      ordinary: true,
    },
    synthetic(30),
    {
      name: 'X privacy policy (real snapshot)',
      url: SNAPSHOTS.xPrivacy.url,
      html: snapshotPage(SNAPSHOTS.xPrivacy.file),
    },
    synthetic(300),
    {
      name: 'Microsoft Privacy Statement (real snapshot, collapsed)',
      url: 'https://www.microsoft.com/en-gb/privacy/privacystatement',
      html: snapshotPage(SNAPSHOTS.microsoft.file, { css: MICROSOFT_COLLAPSED_CSS }),
    },
    {
      name: 'Google privacy policy en-GB (real snapshot)',
      url: SNAPSHOTS.google.url,
      html: snapshotPage(SNAPSHOTS.google.file),
    },
    synthetic(1126),
    synthetic(3277),
  ];
}

/** Wait (up to 10 s) until the extension's worker has published the page index its content script reads. */
export async function pageIndexPublished(context: BrowserContext): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  for (let i = 0; i < 100; i++) {
    const published = await worker.evaluate(async () =>
      Boolean((await chrome.storage.local.get('page-index-meta'))['page-index-meta']),
    );
    if (published) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function launch(withExtension: boolean): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'policy-lens-bench-page-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // No network: every request that is not a bench page is aborted.
  await context.route('**/*', (route) =>
    route.request().url().startsWith('chrome-extension://') ? route.continue() : route.abort('blockedbyclient'),
  );
  if (withExtension) await pageIndexPublished(context);
  // BENCH_MARKS=off: the same with marking turned off, as the settings page does it (what the marks cost).
  if (withExtension && process.env.BENCH_MARKS === 'off') {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const settingsPage = await context.newPage();
    await settingsPage.goto(new URL('/options.html', worker.url()).href);
    const reply = await settingsPage.evaluate(
      (channel) => chrome.runtime.sendMessage({ channel, type: 'setSettings', payload: { marks: false } }),
      CHANNEL,
    );
    if (!(reply as { ok?: boolean } | undefined)?.ok) throw new Error(`marks not turned off: ${JSON.stringify(reply)}`);
    await settingsPage.close();
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function serve(context: BrowserContext, pages: readonly PageCase[]): Promise<void> {
  for (const p of pages) {
    await context.route(p.url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: p.html }),
    );
    // A blank page on the same site, to start profilers in the renderer the page will load in.
    await context.route(new URL('/__bench_blank', p.url).href, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
  }
}

/**
 * Load the page; with the extension, until our script has read it and marked it (an ordinary page
 * shows nothing to wait for: it gets the same fixed settling time as a load without the extension).
 * Our timings live on the container in our closed shadow root (scripts/closed-root.ts reads them).
 */
async function load(page: Page, p: PageCase, withExtension: boolean): Promise<void> {
  await page.goto(p.url, { waitUntil: 'load', timeout: 60_000 });
  const banner = withExtension && !p.ordinary;
  if (banner) {
    const cdp = await page.context().newCDPSession(page);
    for (let i = 0; i < 600 && (await timingOf(cdp, 'markedMs').catch(() => null)) === null; i++)
      await page.waitForTimeout(50);
    await cdp.detach();
  }
  // Let the last render and any idle work settle, the same in both runs.
  await page.waitForTimeout(banner ? 300 : 1_300);
}

/** A timing our banner wrote on its container (inside its closed shadow root), or null. */
function timingOf(cdp: CDPSession, key: string): Promise<string | null> {
  return inClosedRootUnderHtml(
    cdp,
    'policy-lens-banner',
    (root, k: string) =>
      ([...root.children].find((e) => e.tagName === 'DIV') as HTMLElement | undefined)?.dataset[k] ?? null,
    key,
  );
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Start recording a trace of the browser (the page's renderer, the worker, the browser process);
 * the function returned ends it and gives its events.
 */
export async function startTrace<E>(cdp: CDPSession, categories: readonly string[]): Promise<() => Promise<E[]>> {
  const events: E[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as E[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: [...categories] },
  });
  return async () => {
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** Events in which a page's main thread runs script: the union of their spans is its script time. */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'FunctionCall',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
  'EventDispatch',
  'RunMicrotasks',
]);

/**
 * Milliseconds of script on the page's main thread in a trace: the union of the spans of
 * SCRIPT_EVENTS there (nested ones count once). Unlike `Performance.getMetrics`' ScriptDuration,
 * which counts scripts and callbacks but neither compiling nor microtasks (measured in Chromium
 * 156: a 30 ms busy loop adds 27 ms to it run directly and 0.1 ms run as a microtask or after an
 * `await`, which is where most of our code runs), this is all of it.
 */
export function scriptMsOf(events: readonly TraceEvent[], url: string): number {
  const main = mainThreadOf(events, url);
  if (!main) return Number.NaN;
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && SCRIPT_EVENTS.has(e.name))
    .map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total / 1000;
}

/** The page's main thread in a trace: the one that parsed the page at `url`. */
function mainThreadOf(events: readonly TraceEvent[], url: string): { pid: number; tid: number } | undefined {
  return events.find(
    (e) => e.name === 'ParseHTML' && (e.args as { beginData?: { url?: string } } | undefined)?.beginData?.url === url,
  );
}

/** How long a measured load is left to run: our script has read and marked even the 3.2 MB page by then. */
const SETTLE_MS = 2_000;

/**
 * Script and style ms of one load, from a trace (script) and `Performance.getMetrics` (style), with
 * the same fixed wait with the extension and without: nothing polls the page while it is measured
 * (each look into our closed root is DevTools script on the page's thread). Our script's timings are
 * read once afterwards; a load whose banner had not marked the page by then is not a measure.
 */
async function measureLoad(context: BrowserContext, p: PageCase, withExtension: boolean): Promise<Measured> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  // v8.execute: RunMicrotasks (our code after each await, the reading slices among it).
  const stopTrace = await startTrace<TraceEvent>(cdp, [
    'toplevel',
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'v8.execute',
  ]);
  await page.goto(p.url, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  const m = await metrics(cdp);
  const events = await stopTrace();
  const banner = withExtension && !p.ordinary;
  if (banner && (await timingOf(cdp, 'markedMs')) === null) {
    throw new Error(`${p.name}: not marked ${SETTLE_MS} ms after the load`);
  }
  const sinceStart = banner ? Number(await timingOf(cdp, 'sinceStartMs')) : Number.NaN;
  if (banner && process.env.BENCH_MARKS === 'off' && (await page.evaluate((n) => CSS.highlights.has(n), MARKS_NAME))) {
    throw new Error(`${p.name}: marked with marking off`);
  }
  await page.close();
  return {
    script: scriptMsOf(events, p.url),
    style: (m.RecalcStyleDuration ?? 0) * 1000,
    sinceStart,
    ...ownTaskFigures(events, p.url),
  };
}

/** One load's figures (ms). */
interface Measured {
  script: number;
  style: number;
  sinceStart: number;
  longestTaskMs: number;
  compileMs: number;
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/**
 * From a trace of one load, on the main thread of the page at `url` (the trace also holds the
 * worker's, which the page does not wait for): the longest top-level task (ms) during which our
 * extension's code ran, and the time spent compiling our scripts (ms).
 */
export function ownTaskFigures(
  events: readonly TraceEvent[],
  url: string,
): { longestTaskMs: number; compileMs: number } {
  const main = mainThreadOf(events, url);
  const onMain = events.filter((e) => e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid);
  const isOurs = (e: TraceEvent) => e.args?.data?.url?.startsWith('chrome-extension://') === true;
  const ours = onMain.filter(
    (e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule') && isOurs(e),
  );
  let longest = 0;
  for (const task of onMain) {
    if (task.name !== 'RunTask' || !task.dur) continue;
    const end = task.ts + task.dur;
    if (ours.some((o) => o.ts >= task.ts && o.ts < end)) longest = Math.max(longest, task.dur / 1000);
  }
  const compileMs = onMain
    .filter((e) => e.name === 'v8.compile' && isOurs(e))
    .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  return { longestTaskMs: longest, compileMs };
}

interface SamplingNode {
  callFrame: { url: string; functionName: string };
  selfSize: number;
  children: SamplingNode[];
}

/** MB allocated under our script's frames during one load (a sampling heap profile that keeps collected objects). */
async function allocatedByUs(context: BrowserContext, p: PageCase): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Start in the renderer the page will use: a blank page of the same site first.
  await page.goto(new URL('/__bench_blank', p.url).href);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await page.evaluate((url) => {
    location.href = url;
  }, p.url);
  await page.waitForURL(p.url);
  await load(page, p, true).catch(async () => load(page, p, true));
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
  await page.close();
  let bytes = 0;
  const byFn = new Map<string, number>();
  const walk = (node: SamplingNode, ours: boolean) => {
    const mine = ours || node.callFrame.url.startsWith('chrome-extension://');
    if (mine) {
      bytes += node.selfSize;
      const k = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}`;
      byFn.set(k, (byFn.get(k) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, mine);
  };
  walk(profile.head, false);
  // BENCH_ALLOC_DETAIL=1: where it was allocated (top functions, including the builtins they called).
  if (process.env.BENCH_ALLOC_DETAIL) {
    const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.info(`${p.name}: ${top.map(([k, v]) => `${k} ${(v / MB).toFixed(2)} MB`).join(', ')}`);
  }
  return bytes / MB;
}

export async function pageCosts(log: (line: string) => void = () => {}): Promise<PageCost[]> {
  // BENCH_PAGES=<substring>: only the pages whose name contains it.
  const only = process.env.BENCH_PAGES;
  const pages = benchPages().filter((p) => !only || p.name.includes(only));
  const withExt = await launch(true);
  const without = await launch(false);
  const out: PageCost[] = [];
  try {
    await serve(withExt.context, pages);
    await serve(without.context, pages);
    // One load of each context first, not counted: the first page of a fresh browser pays for
    // its start-up (the extension's worker, caches).
    const [first] = pages;
    if (first) {
      await measureLoad(without.context, first, false);
      await measureLoad(withExt.context, first, true);
    }
    for (const p of pages) {
      const ext: Measured[] = [];
      const base: Measured[] = [];
      // Interleaved, so that the machine's load drifts over both alike.
      for (let i = 0; i < RUNS; i++) {
        base.push(await measureLoad(without.context, p, false));
        ext.push(await measureLoad(withExt.context, p, true));
      }
      const baseScript = spread(base.map((b) => b.script)).median;
      const baseStyle = spread(base.map((b) => b.style)).median;
      const script = ext.map((e) => e.script - baseScript);
      const cost: PageCost = {
        page: p,
        bytes: Buffer.byteLength(p.html),
        script: spread(script),
        compileMs: spread(ext.map((e) => e.compileMs)).median,
        style: spread(ext.map((e) => e.style - baseStyle)),
        total: spread(ext.map((e, i) => (script[i] as number) + e.style - baseStyle)),
        startToBanner: spread(ext.map((e) => e.sinceStart)),
        longestTaskMs: Math.max(...ext.map((e) => e.longestTaskMs)),
        allocatedMb: await allocatedByUs(withExt.context, p),
      };
      out.push(cost);
      log(`measured ${p.name}`);
    }
  } finally {
    await withExt.close();
    await without.close();
  }
  return out;
}
