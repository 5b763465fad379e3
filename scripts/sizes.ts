/**
 * The size budgets of the built extension (gzip -9 of each script as the browser loads it, and
 * the store zip). Sizes are deterministic, so they are checked in `npm test` (tests/e2e/budgets.e2e.ts)
 * as well as printed by `npm run bench`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizeRow {
  what: string;
  /** KB (1024 bytes). */
  value: number;
  /** KB; Infinity when only reported. */
  budget: number;
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

/** A page's own chunk plus the shared chunks it imports (what the browser loads for it), gzipped separately. */
function pageScriptKb(outDir: string, prefix: string): number {
  const chunks = join(outDir, 'chunks');
  const own = readdirSync(chunks).find((f) => f.startsWith(prefix));
  if (!own) return Number.NaN;
  const imported = [...readFileSync(join(chunks, own), 'utf8').matchAll(/from"\.\/([^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  return [own, ...new Set(imported)].reduce((kb, f) => kb + gz(join(chunks, f)), 0);
}

/** `outDir` is the built Chrome extension (.output/chrome-mv3); `zipDir` holds its store zip. */
export function measureSizes(outDir: string, zipDir: string): SizeRow[] {
  const zip = readdirSync(zipDir).find((f) => f.endsWith('-chrome.zip'));
  return [
    {
      what: 'content script (every tracked page), gz',
      value: gz(join(outDir, 'content-scripts/platform.js')),
      budget: 15,
    },
    { what: 'popup script (own chunk + shared chunks), gz', value: pageScriptKb(outDir, 'popup-'), budget: 25 },
    { what: 'background, gz', value: gz(join(outDir, 'background.js')), budget: 30 },
    {
      what: 'banner and chip UI (injected on policy and settings pages), gz',
      value: gz(join(outDir, 'page-ui.js')),
      budget: 30,
    },
    {
      what: 'walkthrough overlay (injected on demand), gz',
      value: gz(join(outDir, 'content-scripts/walkthrough.js')),
      budget: 30,
    },
    {
      what: 'bundled data (data/feed.json), gz',
      value: gz(join(outDir, 'data/feed.json')),
      budget: Number.POSITIVE_INFINITY,
    },
    { what: 'Chrome zip', value: zip ? statSync(join(zipDir, zip)).size / 1024 : Number.NaN, budget: 150 },
  ];
}
