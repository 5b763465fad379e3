/**
 * `npm run bench`: the budgets of DESIGN.md, measured on this machine (medians).
 * - Bundle sizes (gzip -9) of the built Chrome extension, and the zip.
 * - URL → platform lookup time with 10,000 synthetic platforms plus the dataset (Node).
 * - Validating and ingesting a feed of 10,000 provisions into IndexedDB, in real Chromium.
 * Prints a table and exits non-zero when a budget is exceeded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { buildMatchIndex, matchUrl } from '../utils/match';
import { type Feed, SCHEMA_VERSION } from '../utils/schema';
import { ensureChromium } from './chromium';
import { loadBundledFeed } from './dataset-files';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.output/chrome-mv3');

interface Row {
  what: string;
  value: number;
  unit: string;
  budget: number;
}
const rows: Row[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

/** A page's own chunk plus the shared chunks it imports (what the browser loads for it), gzipped separately. */
function pageScriptKb(prefix: string): number {
  const chunks = join(OUT, 'chunks');
  const own = readdirSync(chunks).find((f) => f.startsWith(prefix));
  if (!own) return Number.NaN;
  const imported = [...readFileSync(join(chunks, own), 'utf8').matchAll(/from"\.\/([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [own, ...new Set(imported)].reduce((kb, f) => kb + gz(join(chunks, f)), 0);
}

function sizes(): void {
  rows.push({
    what: 'content script (every tracked page), gz',
    value: gz(join(OUT, 'content-scripts/platform.js')),
    unit: 'KB',
    budget: 15,
  });
  rows.push({
    what: 'popup script (own chunk + shared chunks), gz',
    value: pageScriptKb('popup-'),
    unit: 'KB',
    budget: 25,
  });
  rows.push({ what: 'background, gz', value: gz(join(OUT, 'background.js')), unit: 'KB', budget: 30 });
  rows.push({
    what: 'walkthrough overlay (injected on demand), gz',
    value: gz(join(OUT, 'content-scripts/walkthrough.js')),
    unit: 'KB',
    budget: 30,
  });
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'ignore' });
  const zip = readdirSync(join(ROOT, '.output')).find((f) => f.endsWith('-chrome.zip'));
  rows.push({
    what: 'Chrome zip',
    value: zip ? statSync(join(ROOT, '.output', zip)).size / 1024 : Number.NaN,
    unit: 'KB',
    budget: 150,
  });
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
  rows.push({
    what: 'URL → platform, 10,000 platforms (per lookup, incl. URL parsing)',
    value: median(runs),
    unit: 'µs',
    budget: 1,
  });
  const parse: number[] = [];
  for (let r = 0; r < 7; r++) {
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) new URL(urls[i & 3] as string);
    parse.push(((performance.now() - t0) * 1000) / n);
  }
  rows.push({
    what: '… of which `new URL()` alone (reference)',
    value: median(parse),
    unit: 'µs',
    budget: Number.POSITIVE_INFINITY,
  });
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
  return { ...feed, platforms };
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
  const feedText = JSON.stringify(bigFeed());
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
    if (results[0]?.count !== 10_000) throw new Error(`ingested ${results[0]?.count} provisions, expected 10,000`);
    rows.push({
      what: 'ingest 10,000 provisions in Chromium: validate (SHA-256 + zod + integrity)',
      value: median(results.map((r) => r.validateMs)),
      unit: 'ms',
      budget: Number.POSITIVE_INFINITY,
    });
    rows.push({
      what: 'ingest 10,000 provisions in Chromium: one-transaction store',
      value: median(results.map((r) => r.storeMs)),
      unit: 'ms',
      budget: Number.POSITIVE_INFINITY,
    });
    rows.push({
      what: 'ingest 10,000 provisions in Chromium: total',
      value: median(results.map((r) => r.totalMs)),
      unit: 'ms',
      budget: 1000,
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
sizes();
matching();
await ingestInChromium();

let over = 0;
console.info('| measure | median | budget |\n|---|---:|---:|');
for (const r of rows) {
  const ok = r.value <= r.budget;
  if (!ok) over++;
  const budget = Number.isFinite(r.budget) ? `≤ ${r.budget} ${r.unit}` : '—';
  console.info(
    `| ${r.what} | ${r.value.toFixed(r.unit === 'µs' ? 3 : 1)} ${r.unit} | ${budget}${ok ? '' : ' **over**'} |`,
  );
}
if (over > 0) {
  console.error(`${over} budget(s) exceeded.`);
  process.exit(1);
}
