/**
 * `npm run bench`: the budgets of DESIGN.md, measured on this machine (medians).
 * - Bundle sizes (gzip -9) of the built Chrome extension, and the zip.
 * - URL → platform lookup time with 10,000 synthetic platforms plus the dataset (Node).
 * - Validating and ingesting a feed of 10,000 provisions into IndexedDB, in real Chromium.
 * - What the content script costs a policy page, 30 KB to 3 MB (scripts/bench-page.ts).
 * Prints the tables and exits non-zero when a budget is exceeded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { buildMatchIndex, matchUrl } from '../utils/match';
import { type Feed, SCHEMA_VERSION } from '../utils/schema';
import { backgroundFigures, type Stat, stat } from './bench-background';
import {
  ALLOCATED_BUDGET_MB,
  LONG_TASK_MS,
  type PageCost,
  pageCosts,
  START_TO_BANNER_MS,
  START_TO_BANNER_UP_TO_KB,
  scriptStyleBudgetMs,
} from './bench-page';
import { ensureChromium } from './chromium';
import { loadBundledFeed } from './dataset-files';
import { measureSizes } from './sizes';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.output/chrome-mv3');

interface Row {
  what: string;
  /** The median (or the one value, for sizes). */
  value: number;
  /** Over the runs, where there were several. */
  range?: { min: number; max: number };
  unit: string;
  budget: number;
}
const rows: Row[] = [];
/** A row of a timed measure: its median against the budget, with min and max. */
const timed = (what: string, samples: number[], unit: string, budget: number): Row => {
  const s = stat(samples);
  return { what, value: s.median, range: { min: s.min, max: s.max }, unit, budget };
};
function sizes(): void {
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'ignore' });
  for (const r of measureSizes(OUT, join(ROOT, '.output'))) rows.push({ ...r, unit: 'KB' });
}

function syntheticPlatforms(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    domains: [`platform${i}.example`],
    documents: [{ id: 'privacy', versions: [{ id: 'default', urls: [`https://platform${i}.example/legal/privacy`] }] }],
    settingsPages: [{ id: 'settings', url: `https://platform${i}.example/settings/privacy` }],
  }));
}

function matching(): void {
  const index = buildMatchIndex([...syntheticPlatforms(10_000), ...loadBundledFeed().platforms]);
  const urls = [
    'https://www.linkedin.com/legal/privacy-policy?trk=footer',
    'https://www.platform4242.example/settings/privacy/',
    'https://de.linkedin.com/feed/',
    'https://example.org/some/page',
  ];
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) matchUrl(index, urls[i & 3] as string);
    runs.push(((performance.now() - t0) * 1000) / n);
  }
  rows.push(timed('URL → platform, 10,000 platforms (per lookup, incl. URL parsing)', runs, 'µs', 1));
  const parse: number[] = [];
  for (let r = 0; r < 7; r++) {
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) new URL(urls[i & 3] as string);
    parse.push(((performance.now() - t0) * 1000) / n);
  }
  rows.push(timed('… of which `new URL()` alone (reference)', parse, 'µs', Number.POSITIVE_INFINITY));
}

function bigFeed(): Feed {
  const feed = loadBundledFeed();
  const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
  if (!linkedin) throw new Error('LinkedIn missing');
  // Only the privacy policy is copied into each synthetic platform, so only its provisions are.
  const privacy = linkedin.provisions.filter((p) => p.documentId === 'privacy-policy');
  const platforms = Array.from({ length: 100 }, (_, i) => ({
    ...linkedin,
    id: `bench${i}`,
    name: `Bench ${i}`,
    domains: [`bench${i}.example`],
    linkDomains: ['linkedin.com'],
    walkthroughs: [],
    documents: linkedin.documents
      .filter((d) => d.id === 'privacy-policy')
      .map((d) => ({
        ...d,
        versions: d.versions.map((v) => ({ ...v, urls: [`https://www.bench${i}.example/legal/privacy`] })),
      })),
    settingsPages: [],
    provisions: Array.from({ length: 100 }, (_, j) => {
      const base = privacy[j % privacy.length];
      if (!base) throw new Error('no provision');
      return {
        ...base,
        id: `bench${i}.provision-${j}`,
        actions: base.actions.map(({ walkthroughId: _w, ...a }) => a),
      };
    }),
  }));
  // LinkedIn itself too: the copies link to its settings (linkDomains), which must be a tracked platform's domain.
  return { ...feed, platforms: [linkedin, ...platforms] };
}

async function ingestInChromium(): Promise<void> {
  const bundle = await build({
    stdin: {
      contents: `import { openStore, getAllPlatforms } from './utils/db'; import { parseFeedBytes } from './utils/feed';
        import { openDataStore } from './utils/background/data-store';
        globalThis.benchIngest = async (text) => {
          const db = await openStore('bench-' + Math.random());
          // An empty store to replace into (what a first remote update meets, minus the diff).
          const none = { schemaVersion: ${SCHEMA_VERSION}, version: 1, generatedAt: '2026-01-01T00:00:00Z', agencies: [], platforms: [] };
          const data = await openDataStore({ db, now: () => new Date(), bundled: { version: 1, sha256: '0', load: async () => ({ feed: none, sha256: '0' }) } });
          // The bytes as the updater has them after the download (encoding the test's string is not part of ingest).
          const bytes = new TextEncoder().encode(text).buffer;
          const t0 = performance.now();
          const parsed = await parseFeedBytes(bytes);
          const t1 = performance.now();
          await data.replace(parsed.feed, { sha256: parsed.sha256, source: 'remote' });
          const t2 = performance.now();
          const count = (await getAllPlatforms(db)).reduce((n, p) => n + p.provisions.length, 0);
          db.close();
          return { validateMs: t1 - t0, storeMs: t2 - t1, totalMs: t2 - t0, count };
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const feed = bigFeed();
  const feedText = JSON.stringify(feed);
  const profile = mkdtempSync(join(tmpdir(), 'policy-lens-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await context.route('https://bench.invalid/', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    const page = await context.newPage();
    await page.goto('https://bench.invalid/');
    await page.addScriptTag({ content: script });
    const small = await page.evaluate(
      (t) => (globalThis as unknown as { benchIngest: (t: string) => Promise<{ totalMs: number }> }).benchIngest(t),
      JSON.stringify(loadBundledFeed()),
    );
    rows.push({
      what: 'ingest the bundled feed (its real size) in Chromium: total',
      value: small.totalMs,
      unit: 'ms',
      budget: 1000,
    });
    const results: Array<{ validateMs: number; storeMs: number; totalMs: number; count: number }> = [];
    for (let i = 0; i < 5; i++)
      results.push(
        await page.evaluate(
          (t) => (globalThis as unknown as { benchIngest: (t: string) => Promise<never> }).benchIngest(t),
          feedText,
        ),
      );
    const expected = 10_000 + (feed.platforms[0]?.provisions.length ?? 0);
    if (results[0]?.count !== expected)
      throw new Error(`ingested ${results[0]?.count} provisions, expected ${expected}`);
    rows.push(
      timed(
        'ingest 10,000 provisions in Chromium: validate (SHA-256 + zod + integrity)',
        results.map((r) => r.validateMs),
        'ms',
        Number.POSITIVE_INFINITY,
      ),
      timed(
        'ingest 10,000 provisions in Chromium: one-transaction store',
        results.map((r) => r.storeMs),
        'ms',
        Number.POSITIVE_INFINITY,
      ),
      timed(
        'ingest 10,000 provisions in Chromium: total',
        results.map((r) => r.totalMs),
        'ms',
        1000,
      ),
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page cost table; returns how many budgets were missed. */
function printPageCosts(costs: readonly PageCost[]): number {
  let over = 0;
  const range = (s: { min: number; median: number; max: number }) =>
    `${s.min.toFixed(1)} – **${s.median.toFixed(1)}** – ${s.max.toFixed(1)}`;
  const mark = (ok: boolean) => {
    if (!ok) over++;
    return ok ? '' : ' **over**';
  };
  console.info(
    '\n| page | size | added script, ms (min – median – max) | of which compiling ours | added style, ms | script + style, median (budget) | start → banner, ms | longest task of ours | allocated by us |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const c of costs) {
    const kb = c.bytes / 1024;
    const budget = scriptStyleBudgetMs(kb);
    const bannerHeld = kb <= START_TO_BANNER_UP_TO_KB && !c.page.ordinary;
    console.info(
      `| ${c.page.name} | ${kb.toFixed(0)} KB | ${range(c.script)} | ${c.compileMs.toFixed(2)} | ${range(c.style)} | ` +
        `${c.total.median.toFixed(1)} ms (≤ ${budget.toFixed(1)})${mark(c.total.median <= budget)} | ` +
        `${c.page.ordinary ? '— (no banner)' : range(c.startToBanner)}${bannerHeld ? ` (≤ ${START_TO_BANNER_MS})${mark(c.startToBanner.median <= START_TO_BANNER_MS)}` : ''} | ` +
        `${c.longestTaskMs.toFixed(1)} ms (≤ ${LONG_TASK_MS})${mark(c.longestTaskMs <= LONG_TASK_MS)} | ` +
        `${c.allocatedMb.toFixed(2)} MB (≤ ${ALLOCATED_BUDGET_MB})${mark(c.allocatedMb <= ALLOCATED_BUDGET_MB)} |`,
    );
  }
  console.info(
    "\n(Added = with the extension minus without, over several loads: script from a trace of each load (compiling, running, callbacks and microtasks on the page's main thread; Performance.getMetrics' ScriptDuration counts neither compiling nor microtasks), style from Performance.getMetrics in thread time; compiling ours (median) and the longest task of ours (in any load) from the same traces; allocated = bytes allocated under our frames in one load, collected objects included.)",
  );
  return over;
}

execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
sizes();
matching();
await ingestInChromium();
{
  const bg = await backgroundFigures(OUT);
  const row = (what: string, st: Stat, unit: string, budget: number): Row => ({
    what,
    value: st.median,
    range: { min: st.min, max: st.max },
    unit,
    budget,
  });
  rows.push(
    row('service-worker JS heap after GC, bundled data loaded', bg.heapKiB, 'KiB', 800),
    row("(an empty extension's service-worker heap, for reference)", bg.emptyHeapKiB, 'KiB', Number.POSITIVE_INFINITY),
    row('popup navigation start → content, warm: added to an empty popup', bg.popupWarmMs.added, 'ms', 50),
    row('(warm: ours in all)', bg.popupWarmMs.ours, 'ms', Number.POSITIVE_INFINITY),
    row("(warm: the empty extension's popup)", bg.popupWarmMs.empty, 'ms', Number.POSITIVE_INFINITY),
    row('popup right after the worker was stopped: added to an empty popup', bg.popupColdMs.added, 'ms', 100),
    row('(after the stop: ours in all)', bg.popupColdMs.ours, 'ms', Number.POSITIVE_INFINITY),
    row("(after the stop: the empty extension's popup)", bg.popupColdMs.empty, 'ms', Number.POSITIVE_INFINITY),
  );
}
const costs = await pageCosts();

let over = 0;
console.info('| measure | median (min, max) | budget |\n|---|---:|---:|');
for (const r of rows) {
  const ok = r.value <= r.budget;
  if (!ok) over++;
  const budget = Number.isFinite(r.budget) ? `≤ ${r.budget} ${r.unit}` : '—';
  const digits = r.unit === 'µs' ? 3 : 1;
  const range = r.range ? ` (min ${r.range.min.toFixed(digits)}, max ${r.range.max.toFixed(digits)})` : '';
  console.info(`| ${r.what} | ${r.value.toFixed(digits)} ${r.unit}${range} | ${budget}${ok ? '' : ' **over**'} |`);
}
over += printPageCosts(costs);
if (over > 0) {
  console.error(`${over} budget(s) exceeded.`);
  process.exit(1);
}
