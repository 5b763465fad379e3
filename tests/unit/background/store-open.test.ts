/**
 * Storage faults, on fake-indexeddb with faults injected: a database that will not open, one with a
 * store missing, one from a newer release, an upgrade blocked by another connection, IndexedDB not
 * there at all, and a database that refuses the first ingest (quota). Each time the data comes back
 * from the bundled snapshot, the progress that could be read is kept, and the health says what
 * happened (the popup and the settings page show it in plain words).
 */
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { openProgress } from '../../../utils/background/progress';
import { openStoreAndData, openStoreSafely } from '../../../utils/background/store-open';
import { DB_NAME, DB_VERSION, getProgress, kvArea, type ProgressRecord, UPGRADE_STEPS } from '../../../utils/db';
import { settingsItem } from '../../../utils/storage';

const feed = loadBundledFeed();
const bundled = { version: feed.version, sha256: 'a'.repeat(64), load: async () => ({ feed, sha256: 'a'.repeat(64) }) };
const now = () => new Date('2026-12-01T12:00:00Z');
const done: ProgressRecord = {
  provisionId: 'linkedin.ai-training',
  actionId: 'ai-improvement-setting',
  doneAt: '2026-11-01T10:00:00.000Z',
  feedVersion: feed.version,
  documentLastUpdated: '2025-11-03',
};

let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
  globalThis.indexedDB = factory;
  vi.restoreAllMocks();
});

/** A database at `version` made by the given steps, holding the user's progress. */
async function existing(version: number, steps = UPGRADE_STEPS.slice(0, version)) {
  const db = await openDB(DB_NAME, version, {
    upgrade: (d, old, _new, tx) => {
      // biome-ignore lint/suspicious/noExplicitAny: databases of other releases than today's typed schema
      for (const step of steps.slice(old)) step(d as any, tx as any);
    },
  });
  await db.put('progress', done);
  return db;
}

describe('openStoreSafely', () => {
  it('opens a healthy database as it is', async () => {
    (await existing(DB_VERSION)).close();
    const { db, health } = await openStoreSafely();
    expect(health.problem).toBeNull();
    expect(await getProgress(db)).toEqual([done]);
  });

  it('rebuilds a database with a store missing, keeping the progress', async () => {
    // Today's version number, but the catalog store never made (a half-applied upgrade).
    const damaged = await existing(DB_VERSION, [...UPGRADE_STEPS.slice(0, 2), (d) => d.createObjectStore('kv')]);
    damaged.close();
    const { db, health } = await openStoreSafely();
    expect(health).toMatchObject({ problem: 'rebuilt', progressKept: true, detail: expect.stringMatching(/lacks/) });
    expect([...db.objectStoreNames]).toContain('catalog');
    expect(await getProgress(db)).toEqual([done]);
  });

  it('rebuilds a database left by a newer release (VersionError), keeping the progress', async () => {
    (await existing(DB_VERSION + 5, [...UPGRADE_STEPS, () => undefined, () => undefined])).close();
    const { db, health } = await openStoreSafely();
    expect(health).toMatchObject({ problem: 'rebuilt', progressKept: true, detail: expect.stringMatching(/Version/) });
    expect(db.version).toBe(DB_VERSION);
    expect(await getProgress(db)).toEqual([done]);
  });

  it('rebuilds when the open fails (a corrupted profile), and keeps what it could read', async () => {
    (await existing(DB_VERSION)).close();
    const open = factory.open.bind(factory);
    let failures = 1;
    vi.spyOn(factory, 'open').mockImplementation((name: string, version?: number) => {
      if (version !== undefined && failures-- > 0)
        throw new DOMException('the database file is corrupted', 'UnknownError');
      return open(name, version);
    });
    const { db, health } = await openStoreSafely();
    expect(health).toMatchObject({
      problem: 'rebuilt',
      progressKept: true,
      detail: expect.stringMatching(/UnknownError/),
    });
    expect(await getProgress(db)).toEqual([done]);
  });

  it('runs in memory while another connection blocks the upgrade, and finds everything again once it lets go', async () => {
    // An older copy holds version 3 open and ignores "versionchange": nothing can be read meanwhile
    // (every open waits behind the blocked one), and nothing is deleted either.
    const old = await existing(3);
    const { db, health } = await openStoreSafely(DB_NAME, { blockedMs: 200 });
    expect(health).toMatchObject({ problem: 'memory', progressKept: false, detail: expect.stringMatching(/blocked/) });
    expect(await getProgress(db)).toEqual([]);
    old.close();
    const later = await openStoreSafely(DB_NAME, { blockedMs: 200 });
    expect(later.health.problem).toBeNull();
    expect(await getProgress(later.db)).toEqual([done]);
  });

  it('runs in memory when IndexedDB cannot be used at all', async () => {
    vi.spyOn(factory, 'open').mockImplementation(() => {
      throw new DOMException('IndexedDB is disabled in this profile', 'InvalidStateError');
    });
    const { db, health } = await openStoreSafely(DB_NAME, { blockedMs: 200 });
    expect(health).toMatchObject({ problem: 'memory', progressKept: false });
    // It still works as a store for this run.
    await db.put('progress', done);
    expect(await getProgress(db)).toEqual([done]);
    await kvArea(db).set({ settings: { v: 2, value: {} } });
    expect(Object.keys(await kvArea(db).get(null))).toEqual(['settings']);
  });
});

describe('openStoreAndData', () => {
  it('loads the bundled snapshot into a rebuilt database', async () => {
    (await existing(DB_VERSION, [...UPGRADE_STEPS.slice(0, 2), (d) => d.createObjectStore('kv')])).close();
    const { data, health } = await openStoreAndData({ now, bundled });
    expect(health.problem).toBe('rebuilt');
    expect((await data.catalog()).summaries.length).toBe(feed.platforms.length);
  });

  it('runs on memory when the database refuses the first ingest (quota), with the progress it holds', async () => {
    (await existing(DB_VERSION)).close();
    const { IDBObjectStore } = globalThis as unknown as { IDBObjectStore: { prototype: { put: unknown } } };
    const put = vi.spyOn(IDBObjectStore.prototype as { put: (...a: unknown[]) => unknown }, 'put');
    put.mockImplementation(() => {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    });
    const { db, data, health } = await openStoreAndData({ now, bundled });
    put.mockRestore();
    expect(health).toMatchObject({ problem: 'memory', progressKept: true, detail: expect.stringMatching(/Quota/) });
    expect((await data.catalog()).summaries.length).toBe(feed.platforms.length);
    expect(await getProgress(db)).toEqual([done]);
    expect((await data.platform('linkedin'))?.name).toBe('LinkedIn');
  });
});

describe('writes that fail later', () => {
  it('progress: a refused write is kept in memory and reported', async () => {
    const { db, data } = await openStoreAndData({ now, bundled });
    const failures: unknown[] = [];
    const progress = await openProgress(db, data, (e) => failures.push(e));
    vi.spyOn(db, 'put').mockRejectedValue(new DOMException('quota exceeded', 'QuotaExceededError'));
    const records = await progress.markDone(done.provisionId, done.actionId, now());
    expect(records).toEqual([expect.objectContaining({ provisionId: done.provisionId })]);
    expect(failures).toHaveLength(1);
  });

  it('settings live in the database’s kv store and read back', async () => {
    const { db } = await openStoreSafely();
    const settings = settingsItem(kvArea(db));
    await settings.set({ ...(await settings.get()), region: 'UK' });
    expect((await settingsItem(kvArea(db)).get()).region).toBe('UK');
  });
});
