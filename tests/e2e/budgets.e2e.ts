/**
 * The size budgets (DESIGN.md), on the extension `npm run test:e2e` just built and zipped: sizes are
 * deterministic, so CI holds them (timings stay in `npm run bench`).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureSizes } from '../../scripts/sizes';

const ROOT = resolve(import.meta.dirname, '../..');

describe('size budgets of the built extension', () => {
  const rows = measureSizes(resolve(ROOT, '.output/chrome-mv3'), resolve(ROOT, '.output'));
  it.each(rows.filter((r) => Number.isFinite(r.held ?? r.budget)).map((r) => [r.what, r] as const))(
    '%s',
    (_what, row) => {
      const limit = row.held ?? row.budget;
      const over = row.held === undefined ? '' : `; held at ${row.held} KB, the budget not being met`;
      console.info(`[size] ${row.what}: ${row.value.toFixed(1)} KB (budget ${row.budget} KB${over})`);
      expect(row.value, row.what).toBeLessThanOrEqual(limit);
    },
  );
});
