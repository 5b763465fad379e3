/**
 * The IndexedDB store (idb). Versioned schema with explicit upgrade steps, so a user's
 * progress survives every upgrade. Only the background opens it.
 *
 * Records are shaped for the queries we make: one record per platform (the popup and a page
 * ask for one platform at a time), and one catalog record with what start-up and the lists need
 * (summaries, matching, check-up, agencies), so a worker start reads two small records and never
 * the whole data. Writing 10,000 provisions as 100 platform records measured ~0.1 s in Chromium,
 * against 2.8 s as 10,000 provision records with two indexes.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Agency, Category, Platform, Provision, Severity } from './schema';
import type { StorageArea } from './storage-item';

export const DB_NAME = 'policy-lens';

/** A platform without its provisions (what a view of it carries besides its sorted provisions). */
export type PlatformRecord = Omit<Platform, 'provisions'>;
export type ProvisionRecord = Provision & { platformId: string };

export interface ProgressRecord {
  provisionId: string;
  actionId: string;
  /** ISO date-time when the user marked or we observed it done. */
  doneAt: string;
  /** The feed version and the policy's last-updated date it was done against. */
  feedVersion: number;
  documentLastUpdated: string;
  /**
   * The page (origin and path) a walkthrough saw the setting in its wanted state on. What a page
   * shows is its own word: the UI says "seen … on <page>, <date>", not that the platform obeys it.
   */
  seenOn?: string;
}

export interface FeedMeta {
  version: number;
  sha256: string;
  source: 'bundled' | 'remote';
  generatedAt: string;
  /** When this feed was stored. */
  updatedAt: string;
  /** The feed server's ETag, for conditional requests (remote feeds only). */
  etag?: string;
}

export interface PlatformSummary {
  id: string;
  name: string;
  domains: string[];
  counts: Record<Severity, number>;
  /** Hosts of its documents on another platform's site (Meta AI's terms on www.facebook.com). */
  hostsElsewhere?: string[];
}

export interface CheckupItem {
  platformId: string;
  platformName: string;
  provisionId: string;
  title: string;
  severity: Severity;
  categories: Category[];
  actionIds: string[];
}

/** What start-up, matching and the lists need, computed once per feed (utils/background/catalog.ts). */
export interface Catalog {
  summaries: PlatformSummary[];
  /** Walkthrough id → the platform that has it. */
  walkthroughs: Record<string, string>;
  checkup: CheckupItem[];
  agencies: Agency[];
}

/** What changed between two feeds, per platform (utils/background/changes.ts). */
export interface ChangeSet {
  fromVersion: number;
  toVersion: number;
  at: string;
  platforms: PlatformChanges[];
}

export interface ProvisionChange {
  provisionId: string;
  title: string;
  /** What changed: severity, quote, actions, or the provision was added or removed. */
  kinds: Array<'added' | 'removed' | 'severity' | 'quote' | 'actions' | 'wording'>;
  severityBefore?: Severity;
  severityAfter?: Severity;
}

export interface PlatformChanges {
  platformId: string;
  platformName: string;
  added: boolean;
  /** Documents whose captured text (hash or capture date) changed, by title. */
  documents: string[];
  provisions: ProvisionChange[];
}

export interface PolicyLensDB extends DBSchema {
  platforms: { key: string; value: Platform };
  catalog: { key: 'current'; value: Catalog };
  meta: { key: 'feed'; value: FeedMeta };
  changes: { key: 'last'; value: ChangeSet };
  progress: { key: [string, string]; value: ProgressRecord; indexes: { byProvision: string } };
  /**
   * The background's own small items (settings, dismissals, update status), as storage.local held
   * them before: here no content script can write them (a content script can write storage.local).
   */
  kv: { key: string; value: unknown };
}

/** Every store of the current schema (a database missing one is damaged: utils/background/store-open.ts). */
export const STORE_NAMES = ['platforms', 'catalog', 'meta', 'changes', 'progress', 'kv'] as const;

type AnyStore = StoreNames<PolicyLensDB> | 'provisions' | 'agencies';
// biome-ignore lint/suspicious/noExplicitAny: upgrade steps also create and delete stores of older versions
type UpgradeDb = IDBPDatabase<any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
type UpgradeTx = IDBPTransaction<any, AnyStore[], 'versionchange'>;
type UpgradeStep = (db: UpgradeDb, tx: UpgradeTx) => void;

/**
 * Upgrade steps: index i takes the database from version i to i + 1. Append only; never edit
 * a released step.
 */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  // v1: the data stores, progress and meta.
  (db) => {
    db.createObjectStore('platforms', { keyPath: 'id' });
    const provisions = db.createObjectStore('provisions', { keyPath: 'id' });
    provisions.createIndex('byPlatform', 'platformId');
    db.createObjectStore('progress', { keyPath: ['provisionId', 'actionId'] });
    db.createObjectStore('meta');
  },
  // v2: agencies get their own table; provisions are indexed by severity; progress by provision.
  (db, tx) => {
    db.createObjectStore('agencies', { keyPath: 'id' });
    tx.objectStore('provisions').createIndex('bySeverity', 'severity');
    tx.objectStore('progress').createIndex('byProvision', 'provisionId');
  },
  // v3: one record per platform (provisions inside) and a catalog record; no per-provision store.
  // The data is dropped and ingested again from the bundled feed on the next start; progress stays.
  (db, tx) => {
    db.deleteObjectStore('provisions');
    db.deleteObjectStore('agencies');
    tx.objectStore('platforms').clear();
    tx.objectStore('meta').clear();
    db.createObjectStore('catalog');
    db.createObjectStore('changes');
  },
  // v4: the background's small items, moved out of storage.local (see `kv` above).
  (db) => {
    db.createObjectStore('kv');
  },
];

export const DB_VERSION = UPGRADE_STEPS.length;

export type Store = IDBPDatabase<PolicyLensDB>;

export function openStore(name = DB_NAME, onBlocked?: () => void): Promise<Store> {
  const opened: Promise<Store> = openDB<PolicyLensDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) UPGRADE_STEPS[v]?.(db as UpgradeDb, tx as unknown as UpgradeTx);
    },
    // An older copy of the background still holds the database open at its version.
    blocked: () => onBlocked?.(),
    // A newer copy wants to upgrade it: let it (this connection is then closed).
    blocking: () => void opened.then((db) => db.close()),
  });
  return opened;
}

/** A storage area over the `kv` store, for the items of utils/storage.ts the background alone uses. */
export function kvArea(db: Store): StorageArea {
  const list = (keys: string | string[]) => (Array.isArray(keys) ? keys : [keys]);
  return {
    async get(keys) {
      const wanted = keys === null ? ((await db.getAllKeys('kv')) as string[]) : list(keys);
      const out: Record<string, unknown> = {};
      for (const key of wanted) {
        const value = await db.get('kv', key);
        if (value !== undefined) out[key] = value;
      }
      return out;
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) await db.put('kv', value, key);
    },
    async remove(keys) {
      for (const key of list(keys)) await db.delete('kv', key);
    },
  };
}

/**
 * Replace all data in one transaction: either everything is swapped or, on any failure, the
 * previous data stays. Progress is never touched.
 */
export async function replaceData(
  db: Store,
  data: { platforms: readonly Platform[]; catalog: Catalog; meta: FeedMeta; changes?: ChangeSet },
): Promise<void> {
  // Relaxed durability: the OS may buffer the write (a crash could lose it, and the next start
  // ingests the bundled feed again, or the updater fetches the remote one again).
  const tx = db.transaction(['platforms', 'catalog', 'meta', 'changes'], 'readwrite', { durability: 'relaxed' });
  const done = tx.done;
  const writes: Promise<unknown>[] = [];
  try {
    const platforms = tx.objectStore('platforms');
    writes.push(platforms.clear());
    for (const platform of data.platforms) writes.push(platforms.put(platform));
    writes.push(tx.objectStore('catalog').put(data.catalog, 'current'));
    writes.push(tx.objectStore('meta').put(data.meta, 'feed'));
    if (data.changes) writes.push(tx.objectStore('changes').put(data.changes, 'last'));
    await Promise.all(writes);
  } catch (error) {
    // A put can throw synchronously (e.g. DataCloneError): abort, and settle the queued requests.
    for (const write of writes) write.catch(() => undefined);
    tx.abort();
    await done.catch(() => undefined);
    throw error;
  }
  await done;
}

export function getFeedMeta(db: Store): Promise<FeedMeta | undefined> {
  return db.get('meta', 'feed');
}

export function getCatalog(db: Store): Promise<Catalog | undefined> {
  return db.get('catalog', 'current');
}

export function getPlatform(db: Store, id: string): Promise<Platform | undefined> {
  return db.get('platforms', id);
}

export function getAllPlatforms(db: Store): Promise<Platform[]> {
  return db.getAll('platforms');
}

export function getChanges(db: Store): Promise<ChangeSet | undefined> {
  return db.get('changes', 'last');
}

export async function getProgress(db: Store): Promise<ProgressRecord[]> {
  return db.getAll('progress');
}

export async function setProgress(db: Store, record: ProgressRecord): Promise<void> {
  await db.put('progress', record);
}

export async function clearProgress(db: Store, provisionId: string, actionId: string): Promise<void> {
  await db.delete('progress', [provisionId, actionId]);
}

/** Add records in one transaction (an import); all or none. */
export async function addProgress(db: Store, records: readonly ProgressRecord[]): Promise<void> {
  const tx = db.transaction('progress', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
}

export async function clearAllProgress(db: Store): Promise<void> {
  await db.clear('progress');
}
