/**
 * The size budgets of the built extension (gzip -9 of each script as the browser loads it, and
 * the store zip). Sizes are deterministic, so they are checked in `npm test` (tests/e2e/budgets.e2e.ts)
 * as well as printed by `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';

export interface SizeRow {
  what: string;
  /** KB (1024 bytes). */
  value: number;
  /** KB, DESIGN.md's budget (what `npm run bench` prints it against); Infinity when only reported. */
  budget: number;
  /**
   * KB, what CI holds instead where the budget is not met (the reason is next to the row): the size
   * when that was found, so that growth still fails the build. Infinity: CI holds another row.
   */
  held?: number;
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

/**
 * A script and every module it imports, statically and transitively (what the browser loads for it),
 * each file gzipped separately.
 */
function scriptGraphKb(entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      visit(join(dirname(file), m[1] ?? ''));
    }
  };
  visit(entry);
  return [...seen].reduce((kb, f) => kb + gz(f), 0);
}

/** An extension page's own chunk (chunks/<prefix>*.js) and what it imports. */
function pageScriptKb(outDir: string, prefix: string): number {
  const own = readdirSync(join(outDir, 'chunks')).find((f) => f.startsWith(prefix));
  return own ? scriptGraphKb(join(outDir, 'chunks', own)) : Number.NaN;
}

/** `outDir` is the built Chrome extension (.output/chrome-mv3); `zipDir` holds its store zip. */
export function measureSizes(outDir: string, zipDir: string): SizeRow[] {
  const zip = readdirSync(zipDir).find((f) => f.endsWith('-chrome.zip'));
  return [
    {
      what: 'content script (every tracked page), gz',
      value: gz(join(outDir, 'platform.js')),
      budget: 15,
    },
    { what: 'popup script (own chunk + shared chunks), gz', value: pageScriptKb(outDir, 'popup-'), budget: 25 },
    // Over since the hardening and settings work (minified: storage-fault recovery 2.9 KB, popup
    // confirmations 1.5, GPC 1.2, progress import 0.9); zod is 31 of its 103 KB. Reported, not met.
    // Held at 33.5 as one classic script (32.8); as a module worker (entrypoints/background.ts: 149 KiB
    // less heap) the same code is 7 files that share chunks with the extension pages, each gzipped on
    // its own: 36.8, while the zip stayed the same (141.3 KB without the data).
    {
      what: 'background (worker module + the chunks it imports), gz',
      value: scriptGraphKb(join(outDir, 'background.js')),
      budget: 30,
      held: 37.5,
    },
    {
      what: 'banner and chip UI (injected on policy and settings pages), gz',
      value: gz(join(outDir, 'page-ui.js')),
      budget: 30,
    },
    {
      what: 'walkthrough overlay (injected on demand), gz',
      value: gz(join(outDir, 'walkthrough.js')),
      budget: 30,
    },
    {
      what: 'bundled data (data/feed.json), gz',
      value: gz(join(outDir, 'data/feed.json')),
      budget: Number.POSITIVE_INFINITY,
    },
    // DESIGN.md's 150 KB was set when the data had 59 provisions; with 146 the bundled data is ~100 KB of the zip by
    // itself, and three languages' strings are 23 KB. Reported, not met; CI holds the part without the data.
    {
      what: 'Chrome zip',
      value: zip ? zipKb(join(zipDir, zip)) : Number.NaN,
      budget: 150,
      held: Number.POSITIVE_INFINITY,
    },
    {
      what: 'Chrome zip without the bundled data (scripts, strings, icons)',
      value: zip ? zipKb(join(zipDir, zip), (name) => name !== 'data/feed.json') : Number.NaN,
      budget: Number.POSITIVE_INFINITY,
      held: 145,
    },
  ];
}

/** The zip's size in KB; with `keep`, only the compressed bytes (and headers) of the entries it keeps. */
function zipKb(path: string, keep?: (name: string) => boolean): number {
  const bytes = readFileSync(path);
  if (!keep) return bytes.length / 1024;
  let dropped = 0;
  unzipSync(bytes, {
    filter: (file) => {
      if (!keep(file.name)) dropped += file.size;
      return false;
    },
  });
  return (bytes.length - dropped) / 1024;
}
