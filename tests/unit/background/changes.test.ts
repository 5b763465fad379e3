import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { diffPlatforms } from '../../../utils/background/changes';
import type { Platform } from '../../../utils/schema';

const feed = loadBundledFeed();
const meta = { fromVersion: 1, toVersion: 2, at: '2026-12-01T00:00:00.000Z' };
const find = (platforms: Platform[], id: string) => {
  const p = platforms.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing`);
  return p;
};

describe('diffPlatforms', () => {
  it('reports nothing for the same data', () => {
    expect(diffPlatforms(feed.platforms, structuredClone(feed.platforms), meta)).toEqual({ ...meta, platforms: [] });
  });

  it('names each kind of provision change, an added and a removed provision, and a document whose capture changed', () => {
    const after = structuredClone(feed.platforms);
    const linkedin = find(after, 'linkedin');
    const [first, second, third, fourth] = linkedin.provisions;
    if (!first || !second || !third || !fourth) throw new Error('LinkedIn needs four provisions');
    const before = first.severity;
    first.severity = before === 'high' ? 'low' : 'high';
    second.actions = [];
    third.whyItMatters = `${third.whyItMatters} Also this.`;
    linkedin.provisions = [first, second, third, { ...third, id: 'linkedin.something-new' }];
    const doc = linkedin.documents.find((d) => d.versions.some((v) => v.capture));
    const version = doc?.versions.find((v) => v.capture);
    if (!doc || !version?.capture) throw new Error('no captured LinkedIn document');
    version.capture = { ...version.capture, sha256: 'f'.repeat(64) };

    const changes = diffPlatforms(feed.platforms, after, meta);
    expect(changes.platforms.map((p) => p.platformId)).toEqual(['linkedin']);
    const p = changes.platforms[0];
    expect(p?.documents).toEqual([doc.title]);
    expect(p?.provisions).toContainEqual(
      expect.objectContaining({
        provisionId: first.id,
        kinds: ['severity'],
        severityBefore: before,
        severityAfter: first.severity,
      }),
    );
    expect(p?.provisions).toContainEqual(expect.objectContaining({ provisionId: second.id, kinds: ['actions'] }));
    expect(p?.provisions).toContainEqual(expect.objectContaining({ provisionId: third.id, kinds: ['wording'] }));
    expect(p?.provisions).toContainEqual(
      expect.objectContaining({ provisionId: 'linkedin.something-new', kinds: ['added'] }),
    );
  });

  it('reports a platform the feed adds, and one it drops', () => {
    const added = {
      ...structuredClone(find(feed.platforms, 'apple')),
      id: 'newcomer',
      name: 'Newcomer',
      domains: ['newcomer.example'],
    };
    const after = [...structuredClone(feed.platforms).filter((p) => p.id !== 'apple'), added];
    const changes = diffPlatforms(feed.platforms, after, meta);
    expect(changes.platforms.find((p) => p.platformId === 'newcomer')).toMatchObject({ added: true, documents: [] });
    const dropped = changes.platforms.find((p) => p.platformId === 'apple');
    expect(dropped?.provisions.every((c) => c.kinds.join() === 'removed')).toBe(true);
    expect(dropped?.provisions.length).toBe(find(feed.platforms, 'apple').provisions.length);
  });
});
