import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { publishPageIndex } from '../../../utils/background/page-index-publisher';
import type { MatchablePlatform } from '../../../utils/match';
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
    expect(await publishPageIndex(local, 'sha-1', [linkedin])).toBe(true);
    expect(await readPageIndexFor(local, 'www.linkedin.com')).toEqual([linkedin]);
    expect(await readPageIndexFor(local, 'lnkd.in')).toEqual([linkedin]);
    expect(await readPageIndexFor(local, 'example.org')).toEqual([]);
    expect(await publishPageIndex(local, 'sha-1', [])).toBe(false);
    expect(await readPageIndexFor(local, 'www.linkedin.com')).toEqual([linkedin]);
  });

  it('drops the entries of domains the new data no longer tracks', async () => {
    await publishPageIndex(local, 'sha-1', [platform('linkedin', ['linkedin.com', 'lnkd.in'])]);
    await publishPageIndex(local, 'sha-2', [platform('linkedin', ['linkedin.com'])]);
    expect(await readPageIndexFor(local, 'lnkd.in')).toEqual([]);
    expect(Object.keys(await local.get(null)).sort()).toEqual(['page-index-meta', 'page-index:linkedin.com']);
  });
});
