/**
 * The background's data layer: the one owner of the current data. The worker keeps only what every
 * event needs in memory: the feed's identity, what the last update changed, and which platform
 * each tracked domain belongs to. The catalog (lists, check-up) and each platform's full record
 * are read from the store when asked for and held only weakly, so that an idle worker gives them
 * back to the garbage collector: holding the catalog and a match index of all platforms cost
 * ~185 KiB of the worker's 1.33 MiB heap after GC (npm run bench; budget 800 KiB), and a request
 * reads them again in a few milliseconds. `replace(feed)` stores a new feed in one transaction,
 * works out what changed and tells its listeners (which republish the page index and notify open
 * popups and pages).
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
import {
  buildMatchIndex,
  guestIds,
  type MatchIndex,
  matchableOf,
  matchUrl,
  type PageMatch,
  platformIdAt,
} from '../match';
import type { Feed, Platform } from '../schema';
import { catalogOf } from './catalog';
import { diffPlatforms } from './changes';

export interface DataState {
  meta: FeedMeta;
  /** What the last replacement changed (null on a first install). */
  changes: ChangeSet | null;
}

export interface FeedInfo {
  sha256: string;
  source: FeedMeta['source'];
  etag?: string;
}

/** Told after each replacement, with the platforms the new data holds. */
export type ChangeListener = (state: DataState, changes: ChangeSet | null, platforms: readonly Platform[]) => void;

export interface DataStore {
  /** The data in use now: its identity and what the last update changed. */
  current(): DataState;
  /** The platform a tracked domain's https address belongs to (no read; undefined elsewhere). */
  platformAt(url: string | undefined): string | undefined;
  /** What the address is on its platform: a policy page, a settings page, or another page. */
  match(url: string | undefined): Promise<PageMatch | null>;
  /** The lists and the check-up of the current data. */
  catalog(): Promise<Catalog>;
  /** One platform in full, or undefined when the data has no such platform. */
  platform(id: string): Promise<Platform | undefined>;
  /** Every platform in full (publishing the page index when it is missing). */
  allPlatforms(): Promise<Platform[]>;
  /**
   * `read` run against one data generation: after any replacement under way, and again (twice at most)
   * when a replacement began while it read. A replacement's records are readable from the moment its
   * transaction commits, a little before `current()` moves on to its change state: without this, a
   * popup opened in that gap paired the new records with the old "what changed".
   */
  consistent<T>(read: () => Promise<T>): Promise<T>;
  /** Store a verified feed and make it current; returns what changed (null when there was no data before). */
  replace(feed: Feed, info: FeedInfo): Promise<ChangeSet | null>;
  onChange(listener: ChangeListener): () => void;
}

/** Registrable domain → platform id, the last platform naming a domain winning (as buildMatchIndex). */
function domainsOf(catalog: Catalog): Map<string, string> {
  const domains = new Map<string, string>();
  for (const summary of catalog.summaries) for (const domain of summary.domains) domains.set(domain, summary.id);
  return domains;
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
  let state: DataState | null = null;
  let domains = new Map<string, string>();
  let platformIds = new Set<string>();
  let guests = new Map<string, string[]>();
  // Held weakly: kept while in use, given back when the worker idles (see above).
  let catalogRef: WeakRef<Catalog> | undefined;
  const platformRefs = new Map<string, WeakRef<Platform>>();
  const indexes = new WeakMap<Platform, MatchIndex>();
  /** Bumped by each replacement, so that a read begun before it is not cached after it. */
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();
  /** Replacements begun so far (consistent() reads again when one began while it read). */
  let begun = 0;

  const remember = (catalog: Catalog) => {
    catalogRef = new WeakRef(catalog);
    domains = domainsOf(catalog);
    guests = guestIds(catalog.summaries);
    platformIds = new Set(catalog.summaries.map((s) => s.id));
  };

  const replaceNow = async (feed: Feed, info: FeedInfo): Promise<ChangeSet | null> => {
    begun++;
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
    platformRefs.clear();
    remember(catalog);
    state = { meta, changes: changes ?? (await getChanges(db)) ?? null };
    for (const listener of listeners) listener(state, changes, feed.platforms);
    return changes;
  };
  // One replacement at a time (the bundled feed at start-up and a remote update may meet).
  const replace = (feed: Feed, info: FeedInfo): Promise<ChangeSet | null> => {
    const result = queue.then(() => replaceNow(feed, info));
    queue = result.catch(() => undefined);
    return result;
  };

  const [meta, stored] = await Promise.all([getFeedMeta(db), getCatalog(db)]);
  if (!stored || bundledIsNeeded(meta, env.bundled)) {
    const { feed, sha256 } = await env.bundled.load();
    await replace(feed, { sha256, source: 'bundled' });
  } else if (meta) {
    remember(stored);
    state = { meta, changes: (await getChanges(db)) ?? null };
  }

  const platform = async (id: string): Promise<Platform | undefined> => {
    const held = platformRefs.get(id)?.deref();
    if (held) return held;
    if (!platformIds.has(id)) return undefined;
    const readIn = generation;
    const found = await getPlatform(db, id);
    if (found && readIn === generation) platformRefs.set(id, new WeakRef(found));
    return found;
  };

  return {
    current() {
      if (!state) throw new Error('the data store holds no data');
      return state;
    },
    platformAt: (url) => (url ? platformIdAt(domains, url) : undefined),
    async match(url) {
      const id = url ? platformIdAt(domains, url) : undefined;
      const found = id === undefined ? undefined : await platform(id);
      if (!url || !found) return null;
      let index = indexes.get(found);
      if (!index) {
        // The site's platform's rules and those of the documents others keep there (a few dozen URLs,
        // well under a millisecond), kept as long as its record.
        const visitors = await Promise.all((guests.get(found.id) ?? []).map(platform));
        index = buildMatchIndex(matchableOf([found, ...visitors.filter((p) => p !== undefined)]));
        indexes.set(found, index);
      }
      return matchUrl(index, url) ?? null;
    },
    async catalog() {
      const held = catalogRef?.deref();
      if (held) return held;
      const readIn = generation;
      const catalog = await getCatalog(db);
      if (!catalog) throw new Error('the data store holds no data');
      if (readIn === generation) catalogRef = new WeakRef(catalog);
      return catalog;
    },
    platform,
    allPlatforms: () => getAllPlatforms(db),
    async consistent(read) {
      for (let attempt = 1; ; attempt++) {
        await queue;
        const seen = begun;
        const value = await read();
        if (begun === seen || attempt === 3) return value;
      }
    },
    replace,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
