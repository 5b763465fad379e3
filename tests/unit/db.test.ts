import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { catalogOf } from '../../utils/background/catalog';
import {
  DB_NAME,
  DB_VERSION,
  type FeedMeta,
  getAllPlatforms,
  getCatalog,
  getFeedMeta,
  getProgress,
  openStore,
  replaceData,
  UPGRADE_STEPS,
} from '../../utils/db';
import type { Platform } from '../../utils/schema';

const feed = loadBundledFeed();
const meta = (version: number): FeedMeta => ({
  version,
  sha256: 'a'.repeat(64),
  source: 'bundled',
  generatedAt: feed.generatedAt,
  updatedAt: '2026-12-01T00:00:00.000Z',
});
const progressRow = {
  provisionId: 'linkedin.ai-training',
  actionId: 'ai-improvement-setting',
  doneAt: '2026-10-01T10:00:00.000Z',
  feedVersion: 20261001,
  documentLastUpdated: '2025-11-03',
};

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('store upgrades', () => {
  it('upgrades a v2 database with progress rows to the current version, keeping them and dropping the old data', async () => {
    const v2 = await openDB(DB_NAME, 2, {
      upgrade: (db, old, _new, tx) => {
        // biome-ignore lint/suspicious/noExplicitAny: a v2 database, before today's typed schema
        for (const step of UPGRADE_STEPS.slice(old, 2)) step(db as any, tx as any);
      },
    });
    await v2.put('progress', progressRow);
    await v2.put('provisions', { id: 'linkedin.ai-training', platformId: 'linkedin' });
    await v2.put('meta', meta(20261129), 'feed');
    v2.close();

    const db = await openStore();
    expect(db.version).toBe(DB_VERSION);
    expect(await getProgress(db)).toEqual([progressRow]);
    expect([...db.objectStoreNames].sort()).toEqual(['catalog', 'changes', 'kv', 'meta', 'platforms', 'progress']);
    // The old-format data is gone, so the next start ingests the feed again.
    expect(await getFeedMeta(db)).toBeUndefined();
    db.close();
  });
});

describe('replaceData', () => {
  it('stores one record per platform, the catalog and the meta', async () => {
    const db = await openStore();
    await replaceData(db, { platforms: feed.platforms, catalog: catalogOf(feed), meta: meta(feed.version) });
    expect((await getAllPlatforms(db)).map((p) => p.id).sort()).toEqual(feed.platforms.map((p) => p.id).sort());
    expect((await getCatalog(db))?.summaries.length).toBe(feed.platforms.length);
    expect((await getFeedMeta(db))?.version).toBe(feed.version);
    db.close();
  });

  it('is atomic: a failure mid-write leaves the old data, catalog, meta and progress in place', async () => {
    const db = await openStore();
    await replaceData(db, { platforms: feed.platforms, catalog: catalogOf(feed), meta: meta(feed.version) });
    await db.put('progress', progressRow);
    const before = await getAllPlatforms(db);

    // The last platform cannot be stored (a function is not cloneable): the transaction aborts.
    const broken = structuredClone(feed.platforms) as Platform[];
    (broken[broken.length - 1] as unknown as { poison: () => number }).poison = () => 0;
    await expect(
      replaceData(db, {
        platforms: broken,
        catalog: catalogOf({ ...feed, platforms: [] }),
        meta: meta(feed.version + 1),
      }),
    ).rejects.toThrow();

    expect(await getAllPlatforms(db)).toEqual(before);
    expect((await getCatalog(db))?.summaries.length).toBe(feed.platforms.length);
    expect((await getFeedMeta(db))?.version).toBe(feed.version);
    expect(await getProgress(db)).toEqual([progressRow]);
    db.close();
  });
});
