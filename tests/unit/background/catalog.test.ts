import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { catalogOf, sortProvisions } from '../../../utils/background/catalog';
import type { ProvisionRecord } from '../../../utils/db';
import { linkedinView } from '../../support/data';

const feed = loadBundledFeed();
const { records } = linkedinView(feed.platforms);

describe('sortProvisions (the order the background sends)', () => {
  it('puts the most severe first, then sorts by title', () => {
    const sorted = sortProvisions([...records].reverse());
    const rank = { high: 0, medium: 1, low: 2 };
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as ProvisionRecord;
      const b = sorted[i] as ProvisionRecord;
      expect(
        rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.title.localeCompare(b.title) <= 0),
      ).toBe(true);
    }
  });
});

describe('catalogOf', () => {
  const catalog = catalogOf(feed);

  it('summarises every platform with its severity counts, by name', () => {
    expect(catalog.summaries.map((s) => s.name)).toEqual(
      feed.platforms.map((p) => p.name).sort((a, b) => a.localeCompare(b)),
    );
    const linkedin = catalog.summaries.find((s) => s.id === 'linkedin');
    const provisions = feed.platforms.find((p) => p.id === 'linkedin')?.provisions ?? [];
    expect(linkedin?.counts).toEqual({
      high: provisions.filter((p) => p.severity === 'high').length,
      medium: provisions.filter((p) => p.severity === 'medium').length,
      low: provisions.filter((p) => p.severity === 'low').length,
    });
  });

  it('knows which platform each walkthrough belongs to', () => {
    expect(catalog.walkthroughs['linkedin-ai-training']).toBe('linkedin');
    expect(Object.keys(catalog.walkthroughs).length).toBe(
      feed.platforms.reduce((n, p) => n + p.walkthroughs.length, 0),
    );
  });

  it('puts one most pressing provision per platform in the check-up: the most severe, actionable first', () => {
    for (const item of catalog.checkup) {
      const platform = feed.platforms.find((p) => p.id === item.platformId);
      const worst = platform?.provisions.some((p) => p.severity === 'high')
        ? 'high'
        : platform?.provisions.some((p) => p.severity === 'medium')
          ? 'medium'
          : 'low';
      expect(item.severity, item.provisionId).toBe(worst);
    }
    expect(catalog.checkup.map((c) => c.platformId).sort()).toEqual(
      feed.platforms
        .filter((p) => p.provisions.length > 0)
        .map((p) => p.id)
        .sort(),
    );
    const linkedin = catalog.checkup.find((c) => c.platformId === 'linkedin');
    expect(linkedin?.actionIds.length).toBeGreaterThan(0);
  });
});
