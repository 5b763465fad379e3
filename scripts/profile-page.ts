/**
 * `npx tsx scripts/profile-page.ts [page-name-substring] [loads]`: where the content script's time goes on
 * one of the bench's pages (scripts/bench-page.ts), from real profiles of the built extension
 * (`.output/chrome-mv3`) in Chromium, over `loads` loads after one that warms up:
 * - a CPU profile (Profiler, 100 µs sampling) of the page's renderer: self time of our functions
 *   (frames of chrome-extension:// scripts, with the builtins and natives they call, named
 *   `[native] under <our frame>`; V8 names some natives oddly: the first i18n.getMessage showed as
 *   `setUninstallURL`), and the same for the background's worker;
 * - a trace of each load: our scripts' compile and evaluate time, and every style recalculation
 *   and layout, split into those forced inside our code and the browser's own;
 * - the timings our banner notes on its container (start → banner, locate, marked), read once after
 *   a fixed wait (no polling: see below).
 * Not a budget check (that is `npm run bench`): a tool to decide what to cut. Minified names: look
 * them up at the printed column of the built file. Environment:
 * PROFILE_OUT=<prefix> writes each load's .cpuprofile; TOP=<n> rows; NOPROF=1 trace only (no sampling
 * overhead); TIMELINE=1 milestones per load and the first load's main-thread tasks; ALL_EVENTS=1
 * every event over 0.3 ms in those tasks; DUMP_UNKNOWN=1 the events of long tasks with nothing known
 * in them; SW_TIMELINE=1 the worker's tasks in the same window; SETTLE_MS wait per load (1500).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CDPSession, chromium } from 'playwright-core';
import { benchPages, pageIndexPublished, startTrace } from './bench-page';
import { PopupTarget } from './cdp-target';
import { ensureChromium } from './chromium';
import { inClosedRoot } from './closed-root';

const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');
const only = process.argv[2] ?? '30 KB';
const LOADS = Number(process.argv[3] ?? 5);
const OUT = process.env.PROFILE_OUT;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; stackTrace?: unknown[] }; beginData?: { stackTrace?: unknown[] } };
}

const isOurs = (url: string) => url.startsWith('chrome-extension://');
const short = (url: string) => url.split('/').pop() ?? url;

/** Self time (ms) of each function under our frames, and the total under our frames. */
function cpuByFunction(p: CpuProfile): { self: Map<string, number>; total: number; byScript: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The nearest extension frame at or above a node, if any.
  const ownerCache = new Map<number, ProfileNode | null>();
  const owner = (id: number): ProfileNode | null => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    const n = byId.get(id);
    let r: ProfileNode | null = null;
    if (n && isOurs(n.callFrame.url)) r = n;
    else {
      const up = parent.get(id);
      r = up === undefined ? null : owner(up);
    }
    ownerCache.set(id, r);
    return r;
  };
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const mine = owner(id);
    if (!mine) continue;
    const n = byId.get(id) as ProfileNode;
    const name = isOurs(n.callFrame.url)
      ? `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`
      : `[${n.callFrame.functionName || n.callFrame.url || '(native)'}] under ${mine.callFrame.functionName || '(anon)'} ${short(mine.callFrame.url)}:${mine.callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    byScript.set(short(mine.callFrame.url), (byScript.get(short(mine.callFrame.url)) ?? 0) + dt);
    total += dt;
  }
  return { self, total, byScript };
}

const add = (into: Map<string, number[]>, k: string, v: number) => {
  const list = into.get(k) ?? [];
  list.push(v);
  into.set(k, list);
};
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function closedTiming(cdp: CDPSession, key: string): Promise<string | null> {
  return inClosedRoot(
    cdp,
    'policy-lens-banner',
    (root, k: string) =>
      ([...root.children].find((e) => e.tagName === 'DIV') as HTMLElement | undefined)?.dataset[k] ?? null,
    key,
  ).catch(() => null);
}

/** The renderer main thread's tasks from our script's start on: what each held (ours, layout, style, paint, parse). */
const miles = new Map<string, number[]>();
function milestones(events: TraceEvent[], print: boolean): void {
  const main = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0);
  const at = (name: string, script: string) =>
    main.find((e) => e.name === name && short(e.args?.data?.url ?? '') === script);
  const a = at('EvaluateScript', 'platform.js');
  const b = at('EvaluateScript', 'page-ui.js');
  if (!a || !b) return;
  const tasks = main.filter((e) => e.tid === a.tid && e.name === 'RunTask');
  const inner = (t: TraceEvent, pred: (e: TraceEvent) => boolean) =>
    main.some((e) => e.tid === t.tid && e !== t && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && pred(e));
  const render = tasks.find(
    (t) =>
      t.ts > b.ts + (b.dur ?? 0) &&
      inner(t, (e) => e.name === 'FunctionCall' && short(e.args?.data?.url ?? '') === 'page-ui.js'),
  );
  const paint = render && main.find((e) => e.tid === a.tid && e.name === 'Paint' && e.ts > render.ts);
  const rel = (e: TraceEvent | undefined) => (e ? (e.ts - a.ts) / 1000 : Number.NaN);
  add(miles, 'page-ui evaluated at', rel(b));
  add(miles, 'page-ui eval ms', (b.dur ?? 0) / 1000);
  add(miles, 'banner task at', rel(render));
  add(miles, 'banner task ms', (render?.dur ?? 0) / 1000);
  add(miles, 'first paint after banner at', rel(paint));
  if (print) timeline(events);
  if (print && process.env.SW_TIMELINE) {
    // The background's tasks in the same window (its worker thread runs in another process).
    const sw = main.filter(
      (e) =>
        (e.name === 'FunctionCall' ||
          e.name === 'v8.callFunction' ||
          e.name === 'RunMicrotasks' ||
          e.name === 'RunTask') &&
        e.tid !== a.tid &&
        e.ts >= a.ts - 5000 &&
        e.ts < a.ts + 150_000,
    );
    const swTids = new Set(
      main.filter((e) => short(e.args?.data?.url ?? '') === 'background.js').map((e) => `${e.pid}:${e.tid}`),
    );
    for (const e of sw.filter((x) => swTids.has(`${x.pid}:${x.tid}`) && x.name !== 'RunTask'))
      console.info(
        `  sw +${((e.ts - a.ts) / 1000).toFixed(1).padStart(6)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(2)} ${short(e.args?.data?.url ?? '')}`,
      );
  }
}
function timeline(events: TraceEvent[]): void {
  const start = events.find((e) => e.name === 'EvaluateScript' && short(e.args?.data?.url ?? '') === 'platform.js');
  if (!start) return;
  const tid = start.tid;
  const main = events.filter((e) => e.tid === tid && e.ph === 'X' && (e.dur ?? 0) > 0);
  const tasks = main.filter(
    (e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= start.ts && e.ts < start.ts + 400_000,
  );
  const interesting = [
    'Layout',
    'UpdateLayoutTree',
    'Paint',
    'ParseHTML',
    'EvaluateScript',
    'FunctionCall',
    'v8.compile',
    'MajorGC',
    'MinorGC',
    'V8.GC_SCAVENGER',
    'ParseAuthorStyleSheet',
    'PrePaint',
    'Layerize',
    'TimerFire',
    'FireIdleCallback',
    'EventDispatch',
    'RunMicrotasks',
  ];
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    const inner = main.filter(
      (e) =>
        e !== t &&
        e.ts >= t.ts &&
        e.ts < end &&
        (interesting.includes(e.name) || (process.env.ALL_EVENTS && (e.dur ?? 0) > 300)),
    );
    if ((t.dur ?? 0) < 500 && !inner.some((e) => isOurs(e.args?.data?.url ?? ''))) continue;
    const parts = inner.map(
      (e) =>
        `${e.name}${isOurs(e.args?.data?.url ?? '') ? `(${short(e.args?.data?.url ?? '')})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
    );
    if (process.env.DUMP_UNKNOWN && (t.dur ?? 0) > 8000 && !inner.some((e) => interesting.includes(e.name)))
      for (const e of events.filter((x) => x.tid === t.tid && x.ts >= t.ts && x.ts <= end))
        console.info(
          `   ${((e.ts - t.ts) / 1000).toFixed(2)} ${e.ph} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(2)} ${JSON.stringify(e.args ?? {}).slice(0, 200)}`,
        );
    console.info(
      `+${((t.ts - start.ts) / 1000).toFixed(1).padStart(7)} ms  task ${((t.dur ?? 0) / 1000).toFixed(1).padStart(6)}  ${parts.join(', ')}`,
    );
  }
}

const page = benchPages().find((p) => p.name.includes(only));
if (!page) throw new Error(`no bench page matching ${only}`);
const profileDir = mkdtempSync(join(tmpdir(), 'policy-lens-profile-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: ensureChromium(),
  headless: true,
  viewport: { width: 1200, height: 800 },
  args: [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await context.route('**/*', (route) =>
    route.request().url().startsWith('chrome-extension://') ? route.continue() : route.abort('blockedbyclient'),
  );
  await context.route(page.url, (r) =>
    r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page.html }),
  );
  const blank = new URL('/__blank', page.url).href;
  await context.route(blank, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>b</title>' }));
  await pageIndexPublished(context);
  // The worker is not a Playwright page: attach to it through a page's session (messages, not flat).
  const host = await context.newCDPSession(await context.newPage());
  const { targetInfos } = (await host.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string }>;
  };
  const swTarget = targetInfos.find((t) => t.type === 'service_worker');
  const swCdp = swTarget
    ? new PopupTarget(
        host,
        (await host.send('Target.attachToTarget', { targetId: swTarget.targetId, flatten: false })).sessionId,
      )
    : null;
  const selfAll = new Map<string, number[]>();
  const scriptAll = new Map<string, number[]>();
  const totals: number[] = [];
  const traceAll = new Map<string, number[]>();
  const timings = new Map<string, number[]>();
  const swSelf = new Map<string, number[]>();
  for (let load = 0; load <= LOADS; load++) {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await tab.goto(blank);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    if (!process.env.NOPROF) await cdp.send('Profiler.start');
    if (swCdp && !process.env.NOPROF) {
      await swCdp.send('Profiler.enable');
      await swCdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await swCdp.send('Profiler.start');
    }
    const stopTrace = await startTrace<TraceEvent>(cdp, [
      'toplevel',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.stack',
      'v8',
      'v8.execute',
      'blink.user_timing',
    ]);
    await tab.evaluate((u) => {
      location.href = u;
    }, page.url);
    await tab.waitForURL(page.url);
    await tab.waitForLoadState('load');
    // No polling of our closed root while the page loads: each DOM.performSearch costs the renderer's
    // main thread 20–50 ms on the 1.1 MB page (a DevToolsSession task in the trace), which would land
    // in the middle of what is measured. One fixed wait, then the timings are read once.
    await tab.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
    const empty: CpuProfile = { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
    const { profile } = process.env.NOPROF
      ? { profile: empty }
      : ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile });
    const swProfile =
      swCdp && !process.env.NOPROF ? (await swCdp.send<{ profile: CpuProfile }>('Profiler.stop')).profile : null;
    const events = await stopTrace();
    for (const k of ['sinceStartMs', 'locateMs', 'markedMs']) {
      const v = await closedTiming(cdp, k);
      if (v !== null) add(timings, k, Number(v));
    }
    await tab.close();
    if (load === 0) continue; // the first load warms caches (as the bench does)
    if (OUT) writeFileSync(`${OUT}-${load}.cpuprofile`, JSON.stringify(profile));
    const cpu = cpuByFunction(profile);
    totals.push(cpu.total);
    for (const [k, v] of cpu.self) add(selfAll, k, v);
    for (const [k, v] of cpu.byScript) add(scriptAll, k, v);
    if (swProfile) {
      const sw = cpuByFunction(swProfile);
      for (const [k, v] of sw.self) add(swSelf, k, v);
      add(swSelf, '== total', sw.total);
    }
    // Trace: our compile/evaluate, and style/layout inside or right after our tasks.
    const ours = events.filter(
      (e) =>
        e.ph === 'X' &&
        ['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.run', 'v8.evaluateModule'].includes(e.name) &&
        isOurs(e.args?.data?.url ?? (e.args as { fileName?: string })?.fileName ?? ''),
    );
    const sums = new Map<string, number>();
    const bump = (k: string, ms: number) => sums.set(k, (sums.get(k) ?? 0) + ms);
    for (const e of ours) {
      const url = short(e.args?.data?.url ?? (e.args as { fileName?: string })?.fileName ?? '');
      if (e.name !== 'FunctionCall') bump(`${e.name} ${url}`, (e.dur ?? 0) / 1000);
    }
    const forced = events.filter((e) => e.ph === 'X' && (e.name === 'Layout' || e.name === 'UpdateLayoutTree'));
    for (const f of forced) {
      const inside = ours.some((o) => o.tid === f.tid && o.ts <= f.ts && f.ts < o.ts + (o.dur ?? 0));
      bump(`${f.name} ${inside ? 'forced in our code' : 'by the browser'} (ms)`, (f.dur ?? 0) / 1000);
      bump(`${f.name} ${inside ? 'forced in our code' : 'by the browser'} (count)`, 1);
    }
    for (const [k, v] of sums) add(traceAll, k, v);
    if (process.env.TIMELINE) milestones(events, load === 1);
    for (const name of ['ParseHTML', 'Paint', 'RunMicrotasks']) {
      const d = events.filter((e) => e.ph === 'X' && e.name === name).reduce((s, e) => s + (e.dur ?? 0) / 1000, 0);
      add(traceAll, `${name} all (ms)`, d);
    }
  }
  console.info(`# ${page.name}: ${LOADS} loads (medians)`);
  console.info(
    `timings: ${[...timings].map(([k, v]) => `${k} ${med(v).toFixed(1)} [${v.map((x) => x.toFixed(0)).join(' ')}]`).join(', ')}`,
  );
  console.info(`CPU under our frames: ${med(totals).toFixed(1)} ms [${totals.map((x) => x.toFixed(1)).join(' ')}]`);
  console.info(`by script: ${[...scriptAll].map(([k, v]) => `${k} ${med(v).toFixed(1)}`).join(', ')}`);
  console.info('\ntop self time (median over loads where seen, ms):');
  const rows = [...selfAll]
    .map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / LOADS] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows.slice(0, Number(process.env.TOP ?? 30))) console.info(`${v.toFixed(2).padStart(7)}  ${k}`);
  for (const [k, v] of miles) console.info(`${k}: ${med(v).toFixed(1)} [${v.map((x) => x.toFixed(1)).join(' ')}]`);
  console.info('\ntrace (median per load):');
  for (const [k, v] of [...traceAll].sort()) console.info(`${med(v).toFixed(2).padStart(8)}  ${k}`);
  if (swSelf.size) {
    console.info('\nbackground (mean per load, ms):');
    const sw = [...swSelf]
      .map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / LOADS] as const)
      .sort((a, b) => b[1] - a[1]);
    for (const [k, v] of sw.slice(0, 15)) console.info(`${v.toFixed(2).padStart(7)}  ${k}`);
  }
} finally {
  await context.close();
  rmSync(profileDir, { recursive: true, force: true });
}
