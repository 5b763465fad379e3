/** Storing a verified feed: one-transaction swap into the store, unless it holds this feed or a newer one. */
import { type FeedMeta, getFeedMeta, replaceData, type Store } from '../db';
import type { Feed } from '../schema';

export type IngestOutcome = { status: 'ingested'; meta: FeedMeta } | { status: 'unchanged'; meta: FeedMeta };

/**
 * Store the feed unless the store already holds this exact feed or a newer one. A bundled
 * feed replaces an older bundled or remote one only when its version is higher.
 */
export async function ingestFeed(
  db: Store,
  input: { feed: Feed; sha256: string; source: FeedMeta['source'] },
  now: () => Date = () => new Date(),
): Promise<IngestOutcome> {
  const current = await getFeedMeta(db);
  if (current && (current.version > input.feed.version || current.sha256 === input.sha256)) {
    return { status: 'unchanged', meta: current };
  }
  const meta: FeedMeta = {
    version: input.feed.version,
    sha256: input.sha256,
    source: input.source,
    generatedAt: input.feed.generatedAt,
    updatedAt: now().toISOString(),
  };
  await replaceData(db, input.feed, meta);
  return { status: 'ingested', meta };
}
