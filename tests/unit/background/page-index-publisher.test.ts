import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { publishPageIndex } from '../../../utils/background/page-index-publisher';
import { buildMatchIndex, indexOfTables, type MatchablePlatform, matchableOf, matchUrl } from '../../../utils/match';
import { readPageIndexFor } from '../../../utils/page-index';

const local = fakeBrowser.storage.local;
const platform = (id: string, domains: string[]): MatchablePlatform => ({
  id,
  domains,
  documents: [],
  settingsPages: [],
});
beforeEach(() => fakeBrowser.reset());

describe('publishPageIndex and readPageIndexFor', () => {
  it('writes one entry per domain that a page on a subdomain finds, and skips a feed it already published', async () => {
    const linkedin = platform('linkedin', ['linkedin.com', 'lnkd.in']);
    expect(await publishPageIndex(local, 'sha-1', async () => [linkedin])).toBe(true);
    const ids = async (host: string) => (await readPageIndexFor(local, host)).map((t) => t.id);
    expect(await ids('www.linkedin.com')).toEqual(['linkedin']);
    expect(await ids('lnkd.in')).toEqual(['linkedin']);
    expect(await readPageIndexFor(local, 'example.org')).toEqual([]);
    expect(await publishPageIndex(local, 'sha-1', async () => [])).toBe(false);
    expect(await ids('www.linkedin.com')).toEqual(['linkedin']);
  });

  it('reads the platforms only when the index must be written', async () => {
    const load = vi.fn(async () => [platform('linkedin', ['linkedin.com'])]);
    expect(await publishPageIndex(local, 'sha-1', load)).toBe(true);
    expect(await publishPageIndex(local, 'sha-1', load)).toBe(false);
    expect(load).toHaveBeenCalledOnce();
  });

  it('drops the entries of domains the new data no longer tracks', async () => {
    await publishPageIndex(local, 'sha-1', async () => [platform('linkedin', ['linkedin.com', 'lnkd.in'])]);
    await publishPageIndex(local, 'sha-2', async () => [platform('linkedin', ['linkedin.com'])]);
    expect(await readPageIndexFor(local, 'lnkd.in')).toEqual([]);
    expect(Object.keys(await local.get(null)).sort()).toEqual(['page-index-meta', 'page-index:linkedin.com']);
  });
});

describe('the published page index, on the whole dataset', () => {
  it('classifies every declared URL of every platform as the background does, from its own host’s entries', async () => {
    const feed = loadBundledFeed();
    const platforms = matchableOf(feed.platforms);
    expect(await publishPageIndex(local, 'a'.repeat(64), async () => platforms)).toBe(true);
    const full = buildMatchIndex(platforms);
    let checked = 0;
    for (const p of feed.platforms) {
      const urls = [
        ...p.documents.flatMap((d) => d.versions.flatMap((v) => v.urls)),
        ...p.settingsPages.map((s) => s.url),
      ];
      for (const url of urls) {
        const own = indexOfTables(await readPageIndexFor(local, new URL(url).hostname));
        expect(matchUrl(own, url), url).toEqual(matchUrl(full, url));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('is written again for an index in an older format (the first release’s bare URLs), not otherwise', async () => {
    const platforms = matchableOf(loadBundledFeed().platforms);
    const sha = 'b'.repeat(64);
    expect(await publishPageIndex(local, sha, async () => platforms)).toBe(true);
    expect(await publishPageIndex(local, sha, async () => platforms)).toBe(false);
    await local.set({
      'page-index-meta': { v: 1, value: { feedSha256: sha, domains: ['linkedin.com'] } },
      'page-index:linkedin.com': { id: 'linkedin', domains: ['linkedin.com'], documents: [] },
    });
    expect(await readPageIndexFor(local, 'www.linkedin.com')).toEqual([]);
    expect(await publishPageIndex(local, sha, async () => platforms)).toBe(true);
    expect((await readPageIndexFor(local, 'www.linkedin.com')).map((t) => t.id)).toEqual(['linkedin']);
  });
});
