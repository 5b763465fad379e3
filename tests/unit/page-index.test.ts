/**
 * The page index the content script classifies with: rule tables published per domain by the
 * background, read back for one host, classifying exactly as the background's own index does.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { buildMatchIndex, indexOfTables, matchUrl } from '../../utils/match';
import { publishPageIndex, readPageIndexFor } from '../../utils/page-index';
import type { StorageArea } from '../../utils/storage-area';

const feed = loadBundledFeed();

function memoryArea(): StorageArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    async get(keys) {
      const list = Array.isArray(keys) ? keys : [keys];
      // A real storage area hands out copies (JSON): so does this one.
      return Object.fromEntries(
        list.filter((k) => items.has(k)).map((k) => [k, JSON.parse(JSON.stringify(items.get(k)))]),
      );
    },
    async set(values) {
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) items.delete(k);
    },
  };
}

describe('the page index', () => {
  it('classifies every declared URL of every platform as the background does, from its own host’s entries', async () => {
    const area = memoryArea();
    expect(await publishPageIndex(area, 'a'.repeat(64), feed.platforms)).toBe(true);
    const full = buildMatchIndex(feed.platforms);
    let checked = 0;
    for (const platform of feed.platforms) {
      const urls = [
        ...platform.documents.flatMap((d) => d.versions.flatMap((v) => v.urls)),
        ...platform.settingsPages.map((s) => s.url),
      ];
      for (const url of urls) {
        const local = indexOfTables(await readPageIndexFor(area, new URL(url).hostname));
        expect(matchUrl(local, url), url).toEqual(matchUrl(full, url));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('holds nothing for a host of no tracked platform', async () => {
    const area = memoryArea();
    await publishPageIndex(area, 'a'.repeat(64), feed.platforms);
    expect(await readPageIndexFor(area, 'www.example.org')).toEqual([]);
  });

  it('is written again for new data or an index in an older format, not otherwise', async () => {
    const area = memoryArea();
    const sha = 'b'.repeat(64);
    expect(await publishPageIndex(area, sha, feed.platforms)).toBe(true);
    expect(await publishPageIndex(area, sha, feed.platforms)).toBe(false);
    // An index written by an older version of the extension (the platforms' URLs, no format).
    area.items.set('page-index:meta', { feedSha256: sha, domains: ['linkedin.com'] });
    area.items.set('page-index:linkedin.com', { id: 'linkedin', domains: ['linkedin.com'], documents: [] });
    expect(await readPageIndexFor(area, 'www.linkedin.com')).toEqual([]);
    expect(await publishPageIndex(area, sha, feed.platforms)).toBe(true);
    expect((await readPageIndexFor(area, 'www.linkedin.com')).map((t) => t.id)).toEqual(['linkedin']);
    expect(await publishPageIndex(area, 'c'.repeat(64), feed.platforms)).toBe(true);
  });
});
