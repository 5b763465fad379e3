/**
 * The page index the content script classifies URLs with: each platform's document and
 * settings URLs, one storage.local entry per registrable domain, published by the background
 * (utils/background/page-index-publisher.ts) whenever the data changes. A content script reads only
 * the entries for its own host, so on an ordinary page of a tracked platform it sends no message
 * and injects nothing. Its entries are defined here rather than in utils/storage.ts so that the
 * content script's bundle carries no zod (see there).
 */
import { parentDomains } from './domains';
import type { MatchablePlatform } from './match';
import { defineFamily, type Family, type StorageArea } from './storage-item';

/** The page index, one entry per registrable domain. */
export function pageIndex(local: StorageArea): Family<MatchablePlatform | null> {
  return defineFamily(local, 'page-index:', {
    version: 1,
    fallback: null,
    // Checked by hand, without zod (see above); matching tolerates missing pieces.
    check: (raw) => {
      const p = raw as MatchablePlatform | null;
      return p && typeof p.id === 'string' && Array.isArray(p.domains) && Array.isArray(p.documents) ? p : undefined;
    },
  });
}

/** The platform entries for a host: one storage read of the keys for the host and its parent domains. */
export async function readPageIndexFor(local: StorageArea, hostname: string): Promise<MatchablePlatform[]> {
  const found = await pageIndex(local).getMany(parentDomains(hostname));
  const platforms = new Map<string, MatchablePlatform>();
  for (const value of found.values()) if (value) platforms.set(value.id, value);
  return [...platforms.values()];
}
