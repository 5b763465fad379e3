/**
 * The store in memory (when IndexedDB cannot be used): the same answers as the idb database for
 * what utils/db.ts does with it, copies in and out, and a replacement that fails leaves the data.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { catalogOf } from '../../utils/background/catalog';
import { clearProgress, getCatalog, getPlatform, getProgress, kvArea, replaceData, setProgress } from '../../utils/db';
import { memoryStore } from '../../utils/memory-store';

const feed = loadBundledFeed();
const meta = {
  version: 1,
  sha256: 'a'.repeat(64),
  source: 'bundled' as const,
  generatedAt: feed.generatedAt,
  updatedAt: feed.generatedAt,
};

describe('memoryStore', () => {
  it('stores the data and progress by their keys, and returns copies', async () => {
    const db = memoryStore();
    await replaceData(db, { platforms: feed.platforms, catalog: catalogOf(feed), meta });
    const linkedin = await getPlatform(db, 'linkedin');
    expect(linkedin?.name).toBe('LinkedIn');
    if (linkedin) linkedin.name = 'changed';
    expect((await getPlatform(db, 'linkedin'))?.name).toBe('LinkedIn');
    expect((await getCatalog(db))?.summaries.length).toBe(feed.platforms.length);
    const record = {
      provisionId: 'linkedin.ai-training',
      actionId: 'a',
      doneAt: 'x',
      feedVersion: 1,
      documentLastUpdated: 'y',
    };
    await setProgress(db, record);
    await setProgress(db, { ...record, doneAt: 'z' });
    expect(await getProgress(db)).toEqual([{ ...record, doneAt: 'z' }]);
    await clearProgress(db, record.provisionId, record.actionId);
    expect(await getProgress(db)).toEqual([]);
  });

  it('keeps the previous data when a replacement fails part-way', async () => {
    const db = memoryStore();
    await replaceData(db, { platforms: feed.platforms, catalog: catalogOf(feed), meta });
    const bad = { ...feed.platforms[0], notCloneable: () => undefined } as unknown as (typeof feed.platforms)[number];
    await expect(replaceData(db, { platforms: [bad], catalog: catalogOf(feed), meta })).rejects.toThrow();
    expect((await getPlatform(db, 'linkedin'))?.name).toBe('LinkedIn');
  });

  it('serves as the kv area for the background’s items', async () => {
    const kv = kvArea(memoryStore());
    await kv.set({ settings: { v: 2, value: { region: 'UK' } }, dismissals: { v: 1, value: {} } });
    expect(await kv.get('settings')).toEqual({ settings: { v: 2, value: { region: 'UK' } } });
    await kv.remove('settings');
    expect(Object.keys(await kv.get(null))).toEqual(['dismissals']);
  });
});
