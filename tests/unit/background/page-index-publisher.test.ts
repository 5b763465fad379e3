import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { guardPageIndex, pageIndexRecords, publishPageIndex } from '../../../utils/background/page-index-publisher';
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

describe('guardPageIndex: a content script can write storage.local (issue 6)', () => {
  /** Apply `change` to storage as a content script would, and hand the guard the onChanged record. */
  async function tamper(change: Record<string, unknown>) {
    const before = await local.get(Object.keys(change));
    const removed = Object.keys(change).filter((k) => change[k] === undefined);
    const written = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    if (removed.length > 0) await local.remove(removed);
    if (Object.keys(written).length > 0) await local.set(written);
    return Object.fromEntries(Object.keys(change).map((k) => [k, { oldValue: before[k], newValue: change[k] }]));
  }

  it('puts back an emptied entry, a removed one and the meta; removes a planted one; leaves other keys alone', async () => {
    const platforms = matchableOf(loadBundledFeed().platforms);
    await publishPageIndex(local, 'c'.repeat(64), async () => platforms);
    const records = pageIndexRecords('c'.repeat(64), platforms);
    const classify = async (url: string) =>
      matchUrl(indexOfTables(await readPageIndexFor(local, new URL(url).hostname)), url)?.pageKind;
    expect(await classify('https://x.com/en/privacy')).toBe('policy');

    const changes = await tamper({
      'page-index:x.com': { v: 2, value: { id: 'x', domains: ['x.com'], pages: [] } },
      'page-index:linkedin.com': undefined,
      'page-index-meta': { v: 1, value: { feedSha256: 'c'.repeat(64), format: 2, domains: [] } },
      'page-index:evil.example': { v: 2, value: { id: 'x', domains: ['evil.example'], pages: [] } },
      unrelated: 1,
    });
    expect(await classify('https://x.com/en/privacy')).toBe('other');
    expect(await guardPageIndex(local, records, changes)).toBe(4);
    expect(await classify('https://x.com/en/privacy')).toBe('policy');
    expect(await classify('https://www.linkedin.com/legal/privacy-policy')).toBe('policy');
    const stored = await local.get(null);
    expect(stored['page-index:evil.example']).toBeUndefined();
    expect(stored['page-index-meta']).toEqual(records.get('page-index-meta'));
    expect(stored.unrelated).toBe(1);
  });

  it('our own publishing causes no further write (no loop)', async () => {
    const platforms = matchableOf(loadBundledFeed().platforms);
    const records = pageIndexRecords('d'.repeat(64), platforms);
    const before = structuredClone(await local.get(null));
    await publishPageIndex(local, 'd'.repeat(64), async () => platforms);
    const after = await local.get(null);
    const changes = Object.fromEntries(Object.keys(after).map((k) => [k, { oldValue: before[k], newValue: after[k] }]));
    expect(await guardPageIndex(local, records, changes)).toBe(0);
  });
});
