import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import {
  DB_NAME,
  DB_VERSION,
  getAgencies,
  getFeedMeta,
  getPlatforms,
  getProgress,
  openStore,
  UPGRADE_STEPS,
} from '../../utils/db';
import { FeedError, ingestFeed, parseFeedBytes, sha256Hex } from '../../utils/feed';
import type { Feed } from '../../utils/schema';

const feed = loadBundledFeed();
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('store upgrades', () => {
  it('upgrades a v1 database with progress rows to the current version, keeping them', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      // biome-ignore lint/suspicious/noExplicitAny: a v1 database, before today's typed schema
      upgrade: (db, _old, _new, tx) => UPGRADE_STEPS[0]?.(db as any, tx as any),
    });
    await v1.put('progress', {
      provisionId: 'linkedin.ai-training',
      actionId: 'ai-improvement-setting',
      doneAt: '2026-10-01T10:00:00.000Z',
      feedVersion: 20261001,
      documentLastUpdated: '2025-11-03',
    });
    v1.close();

    const db = await openStore();
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThan(1);
    expect(await getProgress(db)).toEqual([
      expect.objectContaining({ provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting' }),
    ]);
    expect([...db.objectStoreNames].sort()).toEqual(['agencies', 'meta', 'platforms', 'progress', 'provisions']);
    db.close();
  });
});

describe('feed ingest', () => {
  it('stores platforms, provisions (by platform and severity), agencies and meta', async () => {
    const db = await openStore();
    const parsed = await parseFeedBytes(bytes(feed));
    const outcome = await ingestFeed(db, { ...parsed, source: 'bundled' }, () => new Date('2026-11-29T12:00:00Z'));
    expect(outcome.status).toBe('ingested');
    expect((await getPlatforms(db)).map((p) => p.id).sort()).toEqual(feed.platforms.map((p) => p.id).sort());
    const linkedin = await db.getAllFromIndex('provisions', 'byPlatform', 'linkedin');
    expect(linkedin.map((p) => p.id)).toContain('linkedin.ai-training');
    const high = await db.getAllFromIndex('provisions', 'bySeverity', 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((p) => p.severity === 'high')).toBe(true);
    expect((await getAgencies(db)).length).toBe(feed.agencies.length);
    expect(await getFeedMeta(db)).toMatchObject({ version: feed.version, source: 'bundled', sha256: parsed.sha256 });
    db.close();
  });

  it('skips the same feed and an older one', async () => {
    const db = await openStore();
    const parsed = await parseFeedBytes(bytes(feed));
    await ingestFeed(db, { ...parsed, source: 'bundled' });
    expect((await ingestFeed(db, { ...parsed, source: 'bundled' })).status).toBe('unchanged');
    const older = { ...feed, version: feed.version - 1 };
    expect(
      (await ingestFeed(db, { feed: older, sha256: await sha256Hex(bytes(older)), source: 'remote' })).status,
    ).toBe('unchanged');
    db.close();
  });

  it('is atomic: a failure mid-ingest leaves the old data and progress in place', async () => {
    const db = await openStore();
    const parsed = await parseFeedBytes(bytes(feed));
    await ingestFeed(db, { ...parsed, source: 'bundled' });
    await db.put('progress', {
      provisionId: 'linkedin.ai-training',
      actionId: 'ai-improvement-setting',
      doneAt: '2026-11-29T12:00:00.000Z',
      feedVersion: feed.version,
      documentLastUpdated: '2025-11-03',
    });
    const before = await db.getAll('provisions');

    // A newer feed whose last provision cannot be stored (a function is not cloneable).
    const broken = structuredClone(feed) as Feed;
    broken.version += 1;
    const lastPlatform = broken.platforms[broken.platforms.length - 1];
    const poisoned = {
      ...lastPlatform?.provisions[0],
      poison: () => 0,
    } as unknown as Feed['platforms'][0]['provisions'][0];
    lastPlatform?.provisions.push(poisoned);
    await expect(ingestFeed(db, { feed: broken, sha256: 'f'.repeat(64), source: 'remote' })).rejects.toThrow();

    expect(await db.getAll('provisions')).toEqual(before);
    expect((await getFeedMeta(db))?.version).toBe(feed.version);
    expect(await getProgress(db)).toHaveLength(1);
    db.close();
  });
});

describe('feed validation', () => {
  it('rejects invalid JSON, schema violations and broken cross references with readable reasons', async () => {
    await expect(parseFeedBytes(new TextEncoder().encode('{nope').buffer as ArrayBuffer)).rejects.toThrow(
      /not valid JSON/,
    );
    await expect(parseFeedBytes(bytes({ ...feed, version: -1 }))).rejects.toThrow(FeedError);
    const dangling = structuredClone(feed);
    const first = dangling.platforms[0]?.provisions[0];
    if (first) first.documentId = 'no-such-document';
    await expect(parseFeedBytes(bytes(dangling))).rejects.toThrow(/unknown document "no-such-document"/);
    const offsite = structuredClone(feed);
    const action = offsite.platforms[0]?.provisions[0]?.actions[0];
    if (action) action.url = 'https://evil.example/settings';
    await expect(parseFeedBytes(bytes(offsite))).rejects.toThrow(/not on the platform's domains/);
    // A document may live on a site the platform links to (Threads on help.instagram.com), not anywhere else.
    const offsiteDocument = structuredClone(feed);
    const version = offsiteDocument.platforms[0]?.documents[0]?.versions[0];
    if (version) version.urls = ['https://evil.example/privacy'];
    await expect(parseFeedBytes(bytes(offsiteDocument))).rejects.toThrow(
      /URL https:\/\/evil\.example\/privacy is not on the platform's domains/,
    );
    const agency = structuredClone(feed);
    if (agency.agencies[0]) agency.agencies[0].complaintUrl = 'https://complaints.evil.example/';
    await expect(parseFeedBytes(bytes(agency))).rejects.toThrow(/not on an agency host/);
    for (const archiveUrl of [
      'https://github.com/someone-else/fake/blob/main/policy.md',
      // A prefix check on the raw string would pass this one; the parsed path is /attacker/….
      'https://github.com/OpenTermsArchive/../attacker/blob/main/policy.md',
    ]) {
      const archive = structuredClone(feed);
      const capture = archive.platforms
        .flatMap((p) => p.documents)
        .flatMap((d) => d.versions)
        .find((v) => v.capture)?.capture;
      if (!capture) throw new Error('no captured version in the feed');
      capture.archiveUrl = archiveUrl;
      await expect(parseFeedBytes(bytes(archive))).rejects.toThrow(/not an Open Terms Archive or Wayback Machine link/);
    }
    const unquoted = structuredClone(feed);
    const google = unquoted.platforms.find((p) => p.id === 'google');
    const location = google?.provisions.find((p) => p.id === 'google.location');
    if (!location) throw new Error('google.location missing');
    location.quotes = location.quotes.filter((q) => q.versionId !== 'en-gb-eea');
    await expect(parseFeedBytes(bytes(unquoted))).rejects.toThrow(
      /captured version "en-gb-eea" neither quotes it nor says it is absent/,
    );
    const walk = structuredClone(feed);
    const step = walk.platforms
      .flatMap((p) => p.walkthroughs)
      .flatMap((w) => w.steps)
      .find((s) => s.kind === 'navigate');
    if (step?.kind === 'navigate') step.url = 'https://evil.example/settings';
    await expect(parseFeedBytes(bytes(walk))).rejects.toThrow(/walkthrough .* is not on the platform's domains/);
  });
});
