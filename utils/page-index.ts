/**
 * The page index the content script classifies URLs with: each platform's lookup rules (from its
 * document and settings URLs, worked out by the background: utils/match.ts `ruleTableOf`),
 * published into storage.local under one key per domain whenever the data changes. A content
 * script reads only the entry for its own host, so on an ordinary page of a tracked platform it
 * sends no message and injects nothing.
 */
import { parentDomains } from './domains';
import { matchableOf, type RuleTable, ruleTableOf } from './match';
import type { StorageArea } from './storage-area';

const PREFIX = 'page-index:';
const META_KEY = `${PREFIX}meta`;
/** 2: rule tables (1 held the platforms' URLs, parsed again by every content script). */
const FORMAT = 2;

interface PageIndexMeta {
  /** SHA-256 of the feed the index was built from. */
  feedSha256: string;
  format?: number;
  domains: string[];
}

/** Write the index unless the stored one was built from the same feed; drop domains no longer tracked. */
export async function publishPageIndex(
  area: StorageArea,
  feedSha256: string,
  platforms: Parameters<typeof matchableOf>[0],
): Promise<boolean> {
  const meta = (await area.get(META_KEY))[META_KEY] as PageIndexMeta | undefined;
  if (meta?.feedSha256 === feedSha256 && meta.format === FORMAT) return false;
  const items: Record<string, unknown> = {};
  for (const platform of matchableOf(platforms)) {
    const table = ruleTableOf(platform);
    for (const domain of platform.domains) items[PREFIX + domain] = table;
  }
  const domains = Object.keys(items).map((k) => k.slice(PREFIX.length));
  const stale = (meta?.domains ?? []).filter((d) => !domains.includes(d)).map((d) => PREFIX + d);
  if (stale.length > 0) await area.remove(stale);
  await area.set({ ...items, [META_KEY]: { feedSha256, format: FORMAT, domains } satisfies PageIndexMeta });
  return true;
}

/** The rule tables for a host: one storage read of the keys for the host and its parent domains. */
export async function readPageIndexFor(area: Pick<StorageArea, 'get'>, hostname: string): Promise<RuleTable[]> {
  const keys = parentDomains(hostname).map((d) => PREFIX + d);
  const found = await area.get(keys);
  const tables = new Map<string, RuleTable>();
  for (const key of keys) {
    const value = found[key] as RuleTable | undefined;
    if (value && typeof value.id === 'string' && Array.isArray(value.domains) && Array.isArray(value.pages)) {
      tables.set(value.id, value);
    }
  }
  return [...tables.values()];
}
