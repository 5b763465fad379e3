/**
 * The background's data layer: the one owner of the current data. `current()` answers from
 * memory (the catalog and the match index, a few hundred KB at most); a platform's full record is
 * read from the store when asked for, through a small cache. `replace(feed)` stores a new feed in
 * one transaction, works out what changed, rebuilds the indexes and tells its listeners (which
 * republish the page index and notify open popups and pages).
 */
import {
  type Catalog,
  type ChangeSet,
  type FeedMeta,
  getAllPlatforms,
  getCatalog,
  getChanges,
  getFeedMeta,
  getPlatform,
  replaceData,
  type Store,
} from '../db';
import { buildMatchIndex, type MatchIndex } from '../match';
import type { Feed, Platform } from '../schema';
import { catalogOf } from './catalog';
import { diffPlatforms } from './changes';

export interface DataState {
  meta: FeedMeta;
  catalog: Catalog;
  index: MatchIndex;
  /** What the last replacement changed (null on a first install). */
  changes: ChangeSet | null;
}

export interface FeedInfo {
  sha256: string;
  source: FeedMeta['source'];
  etag?: string;
}

export type ChangeListener = (state: DataState, changes: ChangeSet | null) => void;

export interface DataStore {
  /** The data in use now. */
  current(): DataState;
  /** One platform in full, or undefined when the data has no such platform. */
  platform(id: string): Promise<Platform | undefined>;
  /** Store a verified feed and make it current; returns what changed (null when there was no data before). */
  replace(feed: Feed, info: FeedInfo): Promise<ChangeSet | null>;
  onChange(listener: ChangeListener): () => void;
}

/** Platforms kept in memory after a read: the popup and a page usually ask for the same one or two. */
const CACHE_SIZE = 4;

function stateOf(meta: FeedMeta, catalog: Catalog, changes: ChangeSet | null): DataState {
  return { meta, catalog, index: buildMatchIndex(catalog.matchable), changes };
}

export interface BundledFeed {
  /** Version and SHA-256 of the bundled feed (known at build time, so checking them needs no read). */
  version: number;
  sha256: string;
  /** Read and verify the bundled feed (only when it must be stored). */
  load(): Promise<{ feed: Feed; sha256: string }>;
}

/**
 * Whether the bundled feed must replace what is stored: nothing stored yet; an older bundled
 * feed (a new release), or the same version with other bytes (a development build); or a remote
 * feed older than this release's data. A newer remote feed is kept, and the bundled one is not read.
 */
export function bundledIsNeeded(meta: FeedMeta | undefined, bundled: Pick<BundledFeed, 'version' | 'sha256'>): boolean {
  if (!meta) return true;
  if (meta.source === 'bundled') return meta.sha256 !== bundled.sha256 && bundled.version >= meta.version;
  return bundled.version > meta.version;
}

export async function openDataStore(env: { db: Store; now: () => Date; bundled: BundledFeed }): Promise<DataStore> {
  const { db, now } = env;
  const listeners = new Set<ChangeListener>();
  const cache = new Map<string, Platform>();
  let state: DataState | null = null;
  /** Bumped by each replacement, so that a read begun before it is not cached after it. */
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const replaceNow = async (feed: Feed, info: FeedInfo): Promise<ChangeSet | null> => {
    const previous = await getFeedMeta(db);
    const before = previous ? await getAllPlatforms(db) : [];
    const at = now().toISOString();
    const changes = previous
      ? diffPlatforms(before, feed.platforms, { fromVersion: previous.version, toVersion: feed.version, at })
      : null;
    const meta: FeedMeta = {
      version: feed.version,
      sha256: info.sha256,
      source: info.source,
      generatedAt: feed.generatedAt,
      updatedAt: at,
      ...(info.etag ? { etag: info.etag } : {}),
    };
    const catalog = catalogOf(feed);
    await replaceData(db, { platforms: feed.platforms, catalog, meta, ...(changes ? { changes } : {}) });
    generation++;
    cache.clear();
    state = stateOf(meta, catalog, changes ?? (await getChanges(db)) ?? null);
    for (const listener of listeners) listener(state, changes);
    return changes;
  };
  // One replacement at a time (the bundled feed at start-up and a remote update may meet).
  const replace = (feed: Feed, info: FeedInfo): Promise<ChangeSet | null> => {
    const result = queue.then(() => replaceNow(feed, info));
    queue = result.catch(() => undefined);
    return result;
  };

  const [meta, catalog] = await Promise.all([getFeedMeta(db), getCatalog(db)]);
  if (!catalog || bundledIsNeeded(meta, env.bundled)) {
    const { feed, sha256 } = await env.bundled.load();
    await replace(feed, { sha256, source: 'bundled' });
  } else if (meta) {
    state = stateOf(meta, catalog, (await getChanges(db)) ?? null);
  }

  return {
    current() {
      if (!state) throw new Error('the data store holds no data');
      return state;
    },
    async platform(id) {
      const hit = cache.get(id);
      if (hit) return hit;
      if (!state?.catalog.summaries.some((s) => s.id === id)) return undefined;
      const readIn = generation;
      const platform = await getPlatform(db, id);
      if (!platform || readIn !== generation) return platform;
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(id, platform);
      return platform;
    },
    replace,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
