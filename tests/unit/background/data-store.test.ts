import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { summaryOf } from '../../../utils/background/catalog';
import { bundledIsNeeded, openDataStore } from '../../../utils/background/data-store';
import { type FeedMeta, openStore } from '../../../utils/db';
import type { Feed, Platform } from '../../../utils/schema';

const feed = loadBundledFeed();
const NOW = () => new Date('2026-12-01T12:00:00Z');
const SHA = 'b'.repeat(64);

function bundled(f: Feed = feed, sha256 = SHA) {
  return { version: f.version, sha256, load: vi.fn(async () => ({ feed: f, sha256 })) };
}

/** The feed with LinkedIn's AI-training provision changed (severity, quote) and a platform added. */
function newer(): Feed {
  const next = structuredClone(feed);
  next.version = feed.version + 1;
  const linkedin = next.platforms.find((p) => p.id === 'linkedin');
  const ai = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
  if (!linkedin || !ai) throw new Error('linkedin.ai-training missing');
  ai.severity = ai.severity === 'low' ? 'medium' : 'low';
  ai.quotes = ai.quotes.map((q) => ({ ...q, text: `${q.text} (changed)` }));
  return next;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('bundledIsNeeded', () => {
  const meta = (over: Partial<FeedMeta>): FeedMeta => ({
    version: 20261129,
    sha256: SHA,
    source: 'bundled',
    generatedAt: '2026-11-29T00:00:00Z',
    updatedAt: '2026-11-29T00:00:00Z',
    ...over,
  });
  it.each([
    ['nothing stored', undefined, { version: 20261129, sha256: SHA }, true],
    ['the same bundled feed', meta({}), { version: 20261129, sha256: SHA }, false],
    ['a new release (higher version)', meta({}), { version: 20261201, sha256: 'c'.repeat(64) }, true],
    ['a development build (same version, other bytes)', meta({}), { version: 20261129, sha256: 'c'.repeat(64) }, true],
    [
      'an older bundled feed than stored',
      meta({ version: 20261201 }),
      { version: 20261129, sha256: 'c'.repeat(64) },
      false,
    ],
    [
      'a newer remote feed stored',
      meta({ source: 'remote', version: 20261201120000 }),
      { version: 20261201, sha256: SHA },
      false,
    ],
    [
      'an older remote feed than this release',
      meta({ source: 'remote', version: 20261128 }),
      { version: 20261129, sha256: SHA },
      true,
    ],
  ] as const)('%s → %s', (_what, stored, bundledFeed, expected) => {
    expect(bundledIsNeeded(stored, bundledFeed)).toBe(expected);
  });
});

describe('openDataStore', () => {
  it('stores the bundled feed on first start and answers from it', async () => {
    const db = await openStore();
    const b = bundled();
    const data = await openDataStore({ db, now: NOW, bundled: b });
    expect(b.load).toHaveBeenCalledOnce();
    const state = data.current();
    expect(state.meta).toMatchObject({ version: feed.version, sha256: SHA, source: 'bundled' });
    expect(state.changes).toBeNull();
    expect((await data.catalog()).summaries.map((s) => s.id).sort()).toEqual(feed.platforms.map((p) => p.id).sort());
    expect((await data.platform('linkedin'))?.provisions.length).toBeGreaterThan(0);
    expect(await data.platform('no-such-platform')).toBeUndefined();
    // Which platform an address is on, without a read; what the page is, from that platform's record.
    expect(data.platformAt('https://de.linkedin.com/legal/privacy-policy')).toBe('linkedin');
    expect(data.platformAt('http://www.linkedin.com/legal/privacy-policy')).toBeUndefined();
    expect(data.platformAt('https://example.org/')).toBeUndefined();
    expect(await data.match('https://www.linkedin.com/legal/privacy-policy')).toMatchObject({
      platformId: 'linkedin',
      pageKind: 'policy',
      documentId: 'privacy-policy',
    });
    expect(await data.match('https://www.linkedin.com/feed/')).toEqual({ platformId: 'linkedin', pageKind: 'other' });
    expect(await data.match('https://example.org/legal/privacy-policy')).toBeNull();
    expect(await data.match(undefined)).toBeNull();
    db.close();
  });

  it('does not read the bundled feed again on a later start with the same feed stored', async () => {
    const db = await openStore();
    await openDataStore({ db, now: NOW, bundled: bundled() });
    const again = bundled();
    const data = await openDataStore({ db, now: NOW, bundled: again });
    expect(again.load).not.toHaveBeenCalled();
    expect(data.current().meta.version).toBe(feed.version);
    db.close();
  });

  it('keeps a newer remote feed over the bundled one, without reading the bundled one', async () => {
    const db = await openStore();
    const first = await openDataStore({ db, now: NOW, bundled: bundled() });
    await first.replace(newer(), { sha256: 'd'.repeat(64), source: 'remote', etag: '"v2"' });
    const again = bundled();
    const data = await openDataStore({ db, now: NOW, bundled: again });
    expect(again.load).not.toHaveBeenCalled();
    expect(data.current().meta).toMatchObject({ version: feed.version + 1, source: 'remote', etag: '"v2"' });
    db.close();
  });
});

describe('replace', () => {
  it('makes the new data current, says what changed, tells listeners, and serves the new platform record', async () => {
    const db = await openStore();
    const data = await openDataStore({ db, now: NOW, bundled: bundled() });
    expect(
      (await data.platform('linkedin'))?.provisions.find((p) => p.id === 'linkedin.ai-training')?.quotes[0]?.text,
    ).not.toMatch(/\(changed\)$/);
    const heard = vi.fn();
    data.onChange(heard);
    const changes = await data.replace(newer(), { sha256: 'd'.repeat(64), source: 'remote' });

    expect(data.current().meta.version).toBe(feed.version + 1);
    expect(heard).toHaveBeenCalledWith(
      data.current(),
      changes,
      expect.arrayContaining([expect.objectContaining({ id: 'linkedin' })]),
    );
    expect((await data.catalog()).summaries.find((s) => s.id === 'linkedin')?.counts).toEqual(
      summaryOf(newer().platforms.find((p) => p.id === 'linkedin') as Platform).counts,
    );
    const linkedin = changes?.platforms.find((p) => p.platformId === 'linkedin');
    expect(linkedin?.provisions).toEqual([
      expect.objectContaining({ provisionId: 'linkedin.ai-training', kinds: ['severity', 'quote'] }),
    ]);
    expect(changes?.platforms.map((p) => p.platformId)).toEqual(['linkedin']);
    // The cached record of the old data is not served after the replacement.
    const ai = (await data.platform('linkedin'))?.provisions.find((p) => p.id === 'linkedin.ai-training');
    expect(ai?.quotes[0]?.text).toMatch(/\(changed\)$/);
    db.close();
  });

  it('keeps the last changes across a restart', async () => {
    const db = await openStore();
    const data = await openDataStore({ db, now: NOW, bundled: bundled() });
    await data.replace(newer(), { sha256: 'd'.repeat(64), source: 'remote' });
    const restarted = await openDataStore({ db, now: NOW, bundled: bundled() });
    expect(restarted.current().changes?.toVersion).toBe(feed.version + 1);
    db.close();
  });
});
