/**
 * The page index the content script classifies URLs with: each platform's lookup rules (from its
 * document and settings URLs, worked out by the background: utils/match.ts `ruleTableOf`), one
 * storage.local entry per registrable domain, published by the background
 * (utils/background/page-index-publisher.ts) whenever the data changes. A content script reads only
 * the entries for its own host, so on an ordinary page of a tracked platform it sends no message and
 * injects nothing. Its entries are defined here rather than in utils/storage.ts so that the content
 * script's bundle carries no zod (see there).
 */
import { parentDomains } from './domains';
import type { RuleTable } from './match';
import { defineFamily, type Family, type StorageArea } from './storage-item';

/** 2: rule tables (1 held the platforms' URLs, parsed again by every content script). */
export const PAGE_INDEX_FORMAT = 2;

/** The page index, one entry per registrable domain. */
export function pageIndex(local: StorageArea): Family<RuleTable | null> {
  return defineFamily(local, 'page-index:', {
    version: PAGE_INDEX_FORMAT,
    fallback: null,
    // Checked by hand, without zod (see above); matching tolerates missing pieces. An entry of the
    // first format reads as none until the background publishes this one.
    check: (raw) => {
      const t = raw as RuleTable | null;
      return t && typeof t.id === 'string' && Array.isArray(t.domains) && Array.isArray(t.pages) ? t : undefined;
    },
  });
}

/** The rule tables for a host: one storage read of the keys for the host and its parent domains. */
export async function readPageIndexFor(local: Pick<StorageArea, 'get'>, hostname: string): Promise<RuleTable[]> {
  const found = await pageIndex(local as StorageArea).getMany(parentDomains(hostname));
  const tables = new Map<string, RuleTable>();
  for (const value of found.values()) if (value) tables.set(value.id, value);
  return [...tables.values()];
}
