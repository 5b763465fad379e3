import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataTable, README, withDataTable } from '../../scripts/data-table';
import { loadBundledFeed } from '../../scripts/dataset-files';

describe('README data table', () => {
  it('is up to date with the dataset (run `npm run data:table`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withDataTable(readme, dataTable(loadBundledFeed()))).toBe(readme);
  });

  it('lists at least 12 platforms with 4 or more provisions each', () => {
    const feed = loadBundledFeed();
    expect(feed.platforms.length).toBeGreaterThanOrEqual(12);
    for (const p of feed.platforms) expect(p.provisions.length, p.id).toBeGreaterThanOrEqual(4);
  });
});
