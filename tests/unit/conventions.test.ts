/**
 * House rules checked, not just written down: every module in utils/ has a test file at the
 * mirrored path (or a written reason why not, naming where it is tested), and no import cycles
 * (Biome's noImportCycles runs in `npm run lint`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Modules tested elsewhere than at the mirrored path, and where. */
const TESTED_ELSEWHERE: Record<string, { reason: string; in: string }> = {
  'utils/background/app.ts': {
    reason: 'the composition root of the background: wiring of real browser events, proved in real Chromium',
    in: 'tests/e2e/background.e2e.ts',
  },
  'utils/feed/index.ts': { reason: 're-exports only', in: 'tests/unit/feed/verify.test.ts' },
  'utils/feed/errors.ts': {
    reason: 'the error class; every code is asserted where it is thrown',
    in: 'tests/unit/feed/verify.test.ts',
  },
  'utils/feed/fetch.ts': {
    reason: 'every fetch path (ETag, streamed cap, timeout, no cookies or referrer) through one update check',
    in: 'tests/unit/feed/update.test.ts',
  },
  'utils/own-ui.ts': {
    reason: 'a WeakSet and its lookup; the skipping it enables is tested',
    in: 'tests/unit/highlight.test.ts',
  },
  'utils/page.ts': {
    reason: 'what a page shows, through the content sessions',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/agencies.ts': {
    reason: 'a platform’s list or a provision’s own, on the real dataset (Zoom’s arbitration has its own)',
    in: 'tests/unit/scripts/dataset.test.ts',
  },
  'utils/content/env.ts': {
    reason: 'types only: the environment the sessions are given',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/content/page-session.ts': {
    reason: 'one session per page (banner, chip, nothing), opened and closed as the page changes',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/content/chip-session.tsx': {
    reason: 'the settings-page chip, through the page sessions',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/content/quote-tracker.ts': {
    reason: 'locating, re-checking and re-locating quotes after a re-render, through the banner session',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/content/page-ui.ts': {
    reason: 'binds the banner and chip sessions to an environment; every session test goes through it',
    in: 'tests/unit/content/banner-session.test.tsx',
  },
  'utils/content/reveal.ts': {
    reason: 'opening collapsed sections in happy-dom; layout visibility needs a real layout',
    in: 'tests/e2e/real-pages.e2e.ts',
  },
};

describe('tests mirror the modules', () => {
  const modules = files(join(ROOT, 'utils'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => relative(ROOT, f).replaceAll('\\', '/'));

  it('finds the modules', () => {
    expect(modules.length).toBeGreaterThan(30);
  });

  it.each(modules)('%s has a test', (module) => {
    const base = module.replace(/^utils\//, '').replace(/\.tsx?$/, '');
    const mirrored = [`tests/unit/${base}.test.ts`, `tests/unit/${base}.test.tsx`].some((t) =>
      existsSync(join(ROOT, t)),
    );
    const elsewhere = TESTED_ELSEWHERE[module];
    if (mirrored) {
      expect(elsewhere, `${module} has a mirrored test: drop its exemption`).toBeUndefined();
      return;
    }
    expect(elsewhere, `${module} needs tests/unit/${base}.test.ts, or a reason in TESTED_ELSEWHERE`).toBeDefined();
    if (!elsewhere) return;
    expect(existsSync(join(ROOT, elsewhere.in)), `${elsewhere.in} exists`).toBe(true);
    expect(elsewhere.reason.length).toBeGreaterThan(10);
  });

  it('names no module that is gone', () => {
    for (const module of Object.keys(TESTED_ELSEWHERE)) expect(modules, module).toContain(module);
  });
});

describe('entrypoints only wire', () => {
  // Wiring is the browser's APIs handed to a module or component as parameters: the largest,
  // entrypoints/popup/main.tsx, is 116 lines of props for PopupApp. Logic that grows here belongs in utils/.
  const MAX_LINES = 120;
  const files = readdirSync(join(ROOT, 'entrypoints'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.tsx?$/.test(f),
  );
  it(`keeps every entrypoint file at most ${MAX_LINES} lines`, () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    const long = files.filter((f) => readFileSync(join(ROOT, 'entrypoints', f), 'utf8').split('\n').length > MAX_LINES);
    expect(long).toEqual([]);
  });
});

describe('lint rules that hold the design', () => {
  it('keeps import cycles an error', () => {
    const biome = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
    expect(biome.linter.rules.suspicious.noImportCycles).toBe('error');
  });

  it('keeps WXT auto-imports off (every module imports what it uses)', () => {
    expect(readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8')).toMatch(/^\s*imports: false,/m);
  });
});
