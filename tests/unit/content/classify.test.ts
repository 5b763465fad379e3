import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { publishPageIndex } from '../../../utils/background/page-index-publisher';
import { pageClassifier } from '../../../utils/content/classify';
import { matchableOf } from '../../../utils/match';

const local = fakeBrowser.storage.local;
beforeEach(() => fakeBrowser.reset());

describe('pageClassifier', () => {
  it('classifies from its host’s page index, read once', async () => {
    await publishPageIndex(local, 'a'.repeat(64), async () => matchableOf(loadBundledFeed().platforms));
    const get = vi.spyOn(local, 'get');
    const classify = pageClassifier(local, 'www.linkedin.com');
    expect(await classify('https://www.linkedin.com/legal/privacy-policy')).toMatchObject({
      platformId: 'linkedin',
      pageKind: 'policy',
      documentId: 'privacy-policy',
    });
    expect(await classify('https://www.linkedin.com/feed/')).toEqual({ platformId: 'linkedin', pageKind: 'other' });
    expect(get).toHaveBeenCalledOnce();
  });

  it('reads the index again while it is not published yet (the first moments after install)', async () => {
    const classify = pageClassifier(local, 'www.linkedin.com');
    expect(await classify('https://www.linkedin.com/legal/privacy-policy')).toBeUndefined();
    await publishPageIndex(local, 'a'.repeat(64), async () => matchableOf(loadBundledFeed().platforms));
    expect(await classify('https://www.linkedin.com/legal/privacy-policy')).toMatchObject({ pageKind: 'policy' });
  });
});
