/** Publishing the page index (utils/page-index.ts) for the content scripts, when the data changes. */
import { type MatchablePlatform, type RuleTable, ruleTableOf } from '../match';
import { PAGE_INDEX_FORMAT, pageIndex } from '../page-index';
import { pageIndexMetaItem, type StorageArea } from '../storage';

/** Write the index unless the stored one was built from the same feed in this format; drop domains no longer tracked. */
export async function publishPageIndex(
  local: StorageArea,
  feedSha256: string,
  platforms: () => Promise<readonly MatchablePlatform[]>,
): Promise<boolean> {
  const metaItem = pageIndexMetaItem(local);
  const meta = await metaItem.get();
  if (meta?.feedSha256 === feedSha256 && meta.format === PAGE_INDEX_FORMAT) return false;
  const index = pageIndex(local);
  const entries = new Map<string, RuleTable>();
  for (const platform of await platforms()) {
    const table = ruleTableOf(platform);
    for (const domain of platform.domains) entries.set(domain, table);
  }
  await index.setMany(entries);
  const stale = (meta?.domains ?? []).filter((d) => !entries.has(d));
  await Promise.all(stale.map((d) => index.item(d).remove()));
  await metaItem.set({ feedSha256, format: PAGE_INDEX_FORMAT, domains: [...entries.keys()] });
  return true;
}
