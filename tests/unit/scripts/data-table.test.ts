import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataTable, README, withDataTable } from '../../../scripts/data-table';
import { loadBundledFeed } from '../../../scripts/dataset-files';

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

  it('ends with the severity distribution in total, with each share', () => {
    const feed = loadBundledFeed();
    const [first, second] = feed.platforms;
    if (!first || !second) throw new Error('need two platforms');
    const p = (id: string, severity: 'high' | 'medium' | 'low') => ({ ...first.provisions[0], id, severity }) as never;
    const table = dataTable({
      ...feed,
      platforms: [
        { ...first, provisions: [p('a.x', 'high'), p('a.y', 'low')] },
        { ...second, provisions: [p('b.x', 'high'), p('b.y', 'medium'), p('b.z', 'medium')] },
      ],
    });
    expect(table.split('\n').at(-1)).toBe(
      '| **2 platforms** | | **5** | **2** (40 %) | **2** (40 %) | **1** (20 %) | |',
    );
  });
});
