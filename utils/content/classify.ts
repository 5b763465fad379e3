/**
 * Local page classification for the content script: the page index entries for this host (one
 * storage read, cached), then `matchUrl`. On an ordinary page of a tracked platform this is all
 * that runs: no message, nothing added to the page.
 */
import { indexOfTables, type MatchIndex, matchUrl, type PageMatch } from '../match';
import { readPageIndexFor } from '../page-index';
import type { StorageArea } from '../storage-item';

export function pageClassifier(
  area: Pick<StorageArea, 'get'>,
  hostname: string,
): (url: string) => Promise<PageMatch | undefined> {
  let index: Promise<MatchIndex> | null = null;
  return async (url) => {
    index ??= readPageIndexFor(area, hostname).then(indexOfTables);
    const built = await index;
    // Not published yet (the first moments after install): read it again next time.
    if (built.byDomain.size === 0) index = null;
    return matchUrl(built, url);
  };
}
