/**
 * Publishing the page index (utils/page-index.ts) for the content scripts, when the data changes,
 * and keeping it as published. Content scripts read it from storage.local, and a content script
 * can also write storage.local (neither Chrome nor Firefox restricts that area to extension pages;
 * tests/e2e/security.e2e.ts does it from our content script's world): one that misbehaves, or a page that got hold of our isolated
 * world, could write an empty entry for x.com and silence us there until the next feed. So every
 * change to a page-index key is compared with what the data says it must hold, and put back.
 * That costs nothing per page load (moving the classification into the background would cost a
 * message and a service-worker wake on every page of a tracked site); the window is the one
 * storage round trip the background takes to answer the change.
 */
import { guestsByPlatform, type MatchablePlatform, type RuleTable, ruleTableOf } from '../match';
import { PAGE_INDEX_FORMAT, pageIndex } from '../page-index';
import { PAGE_INDEX_META_KEY, type PageIndexMeta, pageIndexMetaItem, type StorageArea } from '../storage';

const INDEX_PREFIX = 'page-index:';

/** The index as it must be stored: every key and its stored form (utils/storage-item.ts `{ v, value }`). */
export function pageIndexRecords(feedSha256: string, platforms: readonly MatchablePlatform[]): Map<string, unknown> {
  const tables = new Map<string, RuleTable>();
  const guests = guestsByPlatform(platforms);
  for (const platform of platforms) {
    const table = ruleTableOf(platform, guests.get(platform.id));
    for (const domain of platform.domains) tables.set(domain, table);
  }
  const records = new Map<string, unknown>();
  for (const [domain, table] of tables) records.set(`${INDEX_PREFIX}${domain}`, { v: PAGE_INDEX_FORMAT, value: table });
  const meta: PageIndexMeta = { feedSha256, format: PAGE_INDEX_FORMAT, domains: [...tables.keys()] };
  records.set(PAGE_INDEX_META_KEY, { v: 1, value: meta });
  return records;
}

/** Write the index unless the stored one was built from the same feed in this format; drop domains no longer tracked. */
export async function publishPageIndex(
  local: StorageArea,
  feedSha256: string,
  platforms: () => Promise<readonly MatchablePlatform[]>,
): Promise<boolean> {
  const meta = await pageIndexMetaItem(local).get();
  if (meta?.feedSha256 === feedSha256 && meta.format === PAGE_INDEX_FORMAT) return false;
  const records = pageIndexRecords(feedSha256, await platforms());
  const { [PAGE_INDEX_META_KEY]: metaRecord, ...entries } = Object.fromEntries(records);
  await local.set(entries);
  const index = pageIndex(local);
  const stale = (meta?.domains ?? []).filter((d) => !records.has(`${INDEX_PREFIX}${d}`));
  await Promise.all(stale.map((d) => index.item(d).remove()));
  // The meta last: an interrupted publish is done again at the next start.
  await local.set({ [PAGE_INDEX_META_KEY]: metaRecord });
  return true;
}

/**
 * After `changes` to storage.local (its onChanged event), put back every page-index key that no
 * longer holds what `records` says, and remove page-index keys that should not exist. Our own writes
 * hold the expected values, so they cause no further write. Returns how many keys were put right.
 */
export async function guardPageIndex(
  local: StorageArea,
  records: ReadonlyMap<string, unknown>,
  changes: Readonly<Record<string, { newValue?: unknown }>>,
): Promise<number> {
  const restore: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, change] of Object.entries(changes)) {
    if (!key.startsWith(INDEX_PREFIX) && key !== PAGE_INDEX_META_KEY) continue;
    const expected = records.get(key);
    if (expected === undefined) {
      if (change.newValue !== undefined) remove.push(key);
    } else if (JSON.stringify(change.newValue) !== JSON.stringify(expected)) {
      restore[key] = expected;
    }
  }
  if (remove.length > 0) await local.remove(remove);
  if (Object.keys(restore).length > 0) await local.set(restore);
  return remove.length + Object.keys(restore).length;
}

/** Whether a storage.local change touches the page index (its entries or its meta). */
export function touchesPageIndex(changes: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(changes).some((key) => key.startsWith(INDEX_PREFIX) || key === PAGE_INDEX_META_KEY);
}
