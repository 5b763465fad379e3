import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { buildCheckupReport, checkupPlatformIds } from '../../utils/checkup-report';
import type { ProgressRecord } from '../../utils/db';
import { compareSeverity } from '../../utils/severity';

const feed = loadBundledFeed();
const done = (provisionId: string, actionId: string): ProgressRecord => ({
  provisionId,
  actionId,
  doneAt: '2026-11-30T09:00:00.000Z',
  feedVersion: feed.version,
  documentLastUpdated: '2025-11-03',
});
const input = (over: Partial<Parameters<typeof buildCheckupReport>[0]> = {}) => ({
  platforms: feed.platforms,
  agencies: feed.agencies,
  progress: [done('linkedin.ai-training', 'ai-improvement-setting')],
  chosen: ['tiktok'],
  region: 'US' as const,
  dataVersion: feed.version,
  now: new Date('2026-12-01T12:00:00Z'),
  ...over,
});

describe('buildCheckupReport', () => {
  it('covers the platforms with progress and the chosen ones, by name, saying why each is in', () => {
    const report = buildCheckupReport(input({ chosen: ['tiktok', 'linkedin'] }));
    expect(report.platforms.map((p) => [p.id, p.reasons])).toEqual([
      ['linkedin', ['progress', 'chosen']],
      ['tiktok', ['chosen']],
    ]);
    expect(report).toMatchObject({ generatedAt: '2026-12-01T12:00:00.000Z', region: 'US', dataVersion: feed.version });
  });

  it('never lists a platform the user neither acted on nor chose', () => {
    expect(buildCheckupReport(input({ progress: [], chosen: [] })).platforms).toEqual([]);
    expect(checkupPlatformIds([done('x.y', 'z')], ['x', 'w'])).toEqual(['x', 'w']);
  });

  it('splits open from acted-on provisions, most severe first, with what was done and when', () => {
    const linkedin = buildCheckupReport(input()).platforms.find((p) => p.id === 'linkedin');
    if (!linkedin) throw new Error('LinkedIn missing from the report');
    const source = feed.platforms.find((p) => p.id === 'linkedin');
    expect(linkedin.open.length + linkedin.acted.length).toBe(source?.provisions.length);
    expect(linkedin.acted.map((p) => p.id)).toEqual(['linkedin.ai-training']);
    expect(linkedin.acted[0]?.actions.find((a) => a.id === 'ai-improvement-setting')?.done).toEqual({
      doneAt: '2026-11-30T09:00:00.000Z',
      documentLastUpdated: '2025-11-03',
    });
    const severities = linkedin.open.map((p) => p.severity);
    expect([...severities].sort(compareSeverity)).toEqual(severities);
  });

  it('lists the region’s opt-outs only (plus any the user did), and the region’s agencies', () => {
    const adTargeting = (region: 'US' | 'EU') =>
      buildCheckupReport(input({ region }))
        .platforms.find((p) => p.id === 'linkedin')
        ?.open.find((p) => p.id === 'linkedin.ad-targeting');
    expect(adTargeting('US')?.actions.map((a) => a.id)).toContain('share-data-with-trusted-partners');
    expect(adTargeting('EU')?.actions.map((a) => a.id)).not.toContain('share-data-with-trusted-partners');
    const jurisdictions = (region: 'US' | 'EU') => new Set(adTargeting(region)?.agencies.map((a) => a.jurisdiction));
    expect([...jurisdictions('US')].every((j) => j.startsWith('US'))).toBe(true);
    expect([...jurisdictions('EU')].every((j) => !j.startsWith('US'))).toBe(true);
  });

  it('carries the evidence and a plain citation of the region’s version', () => {
    const ai = buildCheckupReport(input())
      .platforms.find((p) => p.id === 'linkedin')
      ?.acted.find((p) => p.id === 'linkedin.ai-training');
    expect(ai?.evidence).toMatchObject({
      sourceUrl: expect.stringMatching(/^https:\/\/www\.linkedin\.com\//),
      archiveUrl: expect.stringMatching(/^https:\/\/github\.com\/OpenTermsArchive\//),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ai?.evidence?.citation).toContain(ai?.evidence?.quote ?? 'no quote');
    expect(ai?.evidence?.citation).toContain(`Source: ${ai?.evidence?.sourceUrl}`);
  });
});
