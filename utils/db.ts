/**
 * The IndexedDB store (idb). Versioned schema with explicit upgrade steps, so a user's
 * progress survives every upgrade. Only the background opens it.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Agency, Feed, Platform, Provision, Severity } from './schema';

export const DB_NAME = 'policy-lens';

/** A platform without its provisions (those live in their own store). */
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
}

export interface FeedMeta {
  version: number;
  sha256: string;
  source: 'bundled' | 'remote';
  generatedAt: string;
  updatedAt: string;
}

export interface PolicyLensDB extends DBSchema {
  platforms: { key: string; value: PlatformRecord };
  provisions: {
    key: string;
    value: ProvisionRecord;
    indexes: { byPlatform: string; bySeverity: Severity };
  };
  agencies: { key: string; value: Agency };
  progress: { key: [string, string]; value: ProgressRecord; indexes: { byProvision: string } };
  meta: { key: string; value: FeedMeta };
}

type UpgradeTx = IDBPTransaction<PolicyLensDB, StoreNames<PolicyLensDB>[], 'versionchange'>;
type UpgradeStep = (db: IDBPDatabase<PolicyLensDB>, tx: UpgradeTx) => void;

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
];

export const DB_VERSION = UPGRADE_STEPS.length;

export function openStore(name = DB_NAME): Promise<IDBPDatabase<PolicyLensDB>> {
  return openDB<PolicyLensDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) UPGRADE_STEPS[v]?.(db, tx);
    },
  });
}

export type Store = IDBPDatabase<PolicyLensDB>;

/**
 * Replace all data with the feed's in one transaction: either everything is swapped or,
 * on any failure, the previous data stays. Progress is never touched.
 */
export async function replaceData(db: Store, feed: Feed, meta: FeedMeta): Promise<void> {
  // Relaxed durability: the OS may buffer the write (a crash could lose it, and the next start
  // re-ingests the bundled feed). Several times faster for a large feed.
  const tx = db.transaction(['platforms', 'provisions', 'agencies', 'meta'], 'readwrite', { durability: 'relaxed' });
  const done = tx.done;
  const writes: Promise<unknown>[] = [];
  try {
    const platforms = tx.objectStore('platforms');
    const provisions = tx.objectStore('provisions');
    const agencies = tx.objectStore('agencies');
    writes.push(platforms.clear(), provisions.clear(), agencies.clear());
    for (const agency of feed.agencies) writes.push(agencies.put(agency));
    for (const { provisions: list, ...platform } of feed.platforms) {
      writes.push(platforms.put(platform));
      for (const provision of list) writes.push(provisions.put({ ...provision, platformId: platform.id }));
    }
    writes.push(tx.objectStore('meta').put(meta, 'feed'));
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

export async function getPlatforms(db: Store): Promise<PlatformRecord[]> {
  return db.getAll('platforms');
}

export async function getAgencies(db: Store): Promise<Agency[]> {
  return db.getAll('agencies');
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
