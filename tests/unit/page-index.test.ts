import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RuleTable } from '../../utils/match';
import { pageIndex, readPageIndexFor } from '../../utils/page-index';

const local = fakeBrowser.storage.local;
const linkedin: RuleTable = { id: 'linkedin', domains: ['linkedin.com', 'lnkd.in'], pages: [] };
beforeEach(() => fakeBrowser.reset());

describe('readPageIndexFor', () => {
  it('finds the entry of the host’s registrable domain in one read, from any subdomain', async () => {
    await pageIndex(local).setMany(new Map([['linkedin.com', linkedin]]));
    expect(await readPageIndexFor(local, 'de.www.linkedin.com')).toEqual([linkedin]);
    expect(await readPageIndexFor(local, 'linkedin.com.evil.example')).toEqual([]);
  });

  it('reads a malformed or unversioned entry as no entry (the background publishes again)', async () => {
    await local.set({ 'page-index:linkedin.com': { v: 2, value: { id: 1 } }, 'page-index:lnkd.in': linkedin });
    expect(await readPageIndexFor(local, 'www.linkedin.com')).toEqual([]);
    expect(await readPageIndexFor(local, 'lnkd.in')).toEqual([]);
  });
});
