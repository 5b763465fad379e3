/**
 * Opening the store when things go wrong. IndexedDB can fail to open (a corrupted profile, a
 * database from a newer version of the extension, a browser that refuses storage), open with a
 * store missing, or wait forever on `blocked` while another copy of the background holds it open.
 * Then the data is rebuilt from the bundled snapshot (utils/background/data-store.ts does that for
 * any empty store), the user's progress and settings are carried over where they can still be read,
 * and the problem is kept in plain words for the popup and the settings page. When no database can
 * be had at all, the background runs on a store in memory (utils/memory-store.ts).
 */
import { deleteDB, openDB } from 'idb';
import { DB_NAME, getProgress, openStore, type ProgressRecord, STORE_NAMES, type Store } from '../db';
import { memoryStore } from '../memory-store';
import { type BundledFeed, type DataStore, openDataStore } from './data-store';

/** What went wrong with the user's saved data, if anything. */
export type StorageProblem = 'rebuilt' | 'memory' | 'write-failed';

export interface StorageHealth {
  problem: StorageProblem | null;
  /** False when progress could not be read back (after a rebuild, or in memory from the start). */
  progressKept: boolean;
  /** The browser's reason, for bug reports (not shown as the message). */
  detail: string | null;
}

export const HEALTHY: StorageHealth = { problem: null, progressKept: true, detail: null };

/** How long to wait for another copy of the background to let go of the database (ms). */
const BLOCKED_MS = 4_000;
let blockedMs = BLOCKED_MS;

interface Salvage {
  progress: ProgressRecord[];
  kv: Array<[string, unknown]>;
  ok: boolean;
}

const reason = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** `promise`, or a rejection after `ms` (the operation itself may still finish later). */
const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);

/** Another copy of the background keeps the database open at its version and does not let go. */
class BlockedError extends Error {
  override name = 'BlockedError';
  constructor() {
    super('another copy of Policy Lens keeps the database open (versionchange blocked)');
  }
}

/** Open at the current version; fails when a store is missing or another copy blocks the upgrade. */
async function openChecked(name: string): Promise<Store> {
  let blocked = false;
  const opening = openStore(name, () => {
    blocked = true;
  });
  // An open that stays blocked answers later: close it then, so that it does not block the next copy.
  const db = await withTimeout(opening, blockedMs, 'opening the database').catch((error: unknown) => {
    void opening.then((late) => late.close()).catch(() => undefined);
    throw blocked ? new BlockedError() : error;
  });
  const missing = STORE_NAMES.filter((s) => !db.objectStoreNames.contains(s));
  if (missing.length > 0) {
    db.close();
    throw new Error(`the database lacks ${missing.join(', ')}`);
  }
  return db;
}

/** What can still be read of a damaged database: progress and the small items, store by store. */
async function salvage(name: string): Promise<Salvage> {
  const out: Salvage = { progress: [], kv: [], ok: false };
  try {
    // No version: open whatever is there, as it is, without upgrading.
    const db = await withTimeout(openDB(name), blockedMs, 'reading the old database');
    try {
      const names = db.objectStoreNames;
      if (names.contains('progress')) out.progress = (await db.getAll('progress')) as ProgressRecord[];
      if (names.contains('kv')) {
        const keys = (await db.getAllKeys('kv')) as string[];
        for (const key of keys) out.kv.push([key, await db.get('kv', key)]);
      }
      out.ok = names.contains('progress');
    } finally {
      db.close();
    }
  } catch {
    // Unreadable: nothing carried over.
  }
  return out;
}

async function restore(db: Store, saved: Salvage): Promise<void> {
  for (const record of saved.progress) await db.put('progress', record);
  for (const [key, value] of saved.kv) await db.put('kv', value, key);
}

/**
 * The store, whatever state the user's database is in: as it is; else rebuilt (deleted and made
 * again, keeping what progress could be read); else in memory for this run of the background.
 */
export async function openStoreSafely(
  name = DB_NAME,
  options: { blockedMs?: number } = {},
): Promise<{ db: Store; health: StorageHealth }> {
  blockedMs = options.blockedMs ?? BLOCKED_MS;
  let firstError: unknown;
  try {
    return { db: await openChecked(name), health: HEALTHY };
  } catch (error) {
    firstError = error;
  }
  // Blocked: every other request on the database would wait behind ours (a read, and a delete that
  // would go through later and lose the data), so touch nothing: memory for now, all there next time.
  if (firstError instanceof BlockedError) {
    return { db: memoryStore(), health: { problem: 'memory', progressKept: false, detail: reason(firstError) } };
  }
  const saved = await salvage(name);
  try {
    await withTimeout(deleteDB(name), blockedMs, 'deleting the damaged database');
    const db = await openChecked(name);
    await restore(db, saved);
    return { db, health: { problem: 'rebuilt', progressKept: saved.ok, detail: reason(firstError) } };
  } catch (error) {
    const db = memoryStore();
    await restore(db, saved);
    return {
      db,
      health: { problem: 'memory', progressKept: saved.ok, detail: `${reason(firstError)}; then ${reason(error)}` },
    };
  }
}

/**
 * The store and the data layer on it. When the database opens but will not take the data (the
 * first ingest fails: quota, a write error), the background runs on memory instead, with the
 * progress the database holds.
 */
export async function openStoreAndData(env: {
  name?: string;
  now: () => Date;
  bundled: BundledFeed;
  blockedMs?: number;
}): Promise<{ db: Store; data: DataStore; health: StorageHealth }> {
  const opened = await openStoreSafely(env.name, { blockedMs: env.blockedMs });
  try {
    return { ...opened, data: await openDataStore({ db: opened.db, now: env.now, bundled: env.bundled }) };
  } catch (error) {
    const db = memoryStore();
    let progressKept = true;
    try {
      for (const record of await getProgress(opened.db)) await db.put('progress', record);
    } catch {
      progressKept = false;
    }
    opened.db.close();
    const data = await openDataStore({ db, now: env.now, bundled: env.bundled });
    return { db, data, health: { problem: 'memory', progressKept, detail: reason(error) } };
  }
}
