import { describe, expect, it } from 'vitest';
import { searchPlatforms } from '../../../components/PlatformSearch';
import { loadBundledFeed } from '../../../scripts/dataset-files';

const feed = loadBundledFeed();

describe('searchPlatforms', () => {
  it('finds platforms by name or domain, ignoring scheme and www', () => {
    const summaries = feed.platforms.map((p) => ({
      id: p.id,
      name: p.name,
      domains: p.domains,
      counts: { high: 0, medium: 0, low: 0 },
    }));
    expect(searchPlatforms(summaries, 'linked').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'https://www.linkedin.com/feed').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'de.linkedin.com').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'nothing-like-this')).toEqual([]);
  });
});
