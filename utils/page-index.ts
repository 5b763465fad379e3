/**
 * The page index the content script classifies URLs with: each platform's document and
 * settings URLs, published by the background into storage.local under one key per domain
 * whenever the data changes. A content script reads only the entries for its own host, so on
 * an ordinary page of a tracked platform it sends no message and injects nothing.
 */
import { parentDomains } from './domains';
import type { MatchablePlatform } from './match';
import { pageIndex, pageIndexMetaItem, type StorageArea } from './storage';

/** Write the index unless the stored one was built from the same feed; drop domains no longer tracked. */
export async function publishPageIndex(
  local: StorageArea,
  feedSha256: string,
  platforms: readonly MatchablePlatform[],
): Promise<boolean> {
  const metaItem = pageIndexMetaItem(local);
  const meta = await metaItem.get();
  if (meta?.feedSha256 === feedSha256) return false;
  const index = pageIndex(local);
  const entries = new Map<string, MatchablePlatform>();
  for (const platform of platforms) for (const domain of platform.domains) entries.set(domain, platform);
  await index.setMany(entries);
  const domains = [...entries.keys()];
  const stale = (meta?.domains ?? []).filter((d) => !entries.has(d));
  await Promise.all(stale.map((d) => index.item(d).remove()));
  await metaItem.set({ feedSha256, domains });
  return true;
}

/** The platform entries for a host: one storage read of the keys for the host and its parent domains. */
export async function readPageIndexFor(local: StorageArea, hostname: string): Promise<MatchablePlatform[]> {
  const found = await pageIndex(local).getMany(parentDomains(hostname));
  const platforms = new Map<string, MatchablePlatform>();
  for (const value of found.values()) if (value) platforms.set(value.id, value);
  return [...platforms.values()];
}
