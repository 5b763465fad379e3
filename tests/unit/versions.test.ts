import { describe, expect, it } from 'vitest';
import type { PolicyDocument, Provision } from '../../utils/schema';
import { evidenceForRegion, findVersion, provisionIn, recordId, versionForRegion } from '../../utils/versions';

const capture = (date: string) => ({
  sourceUrl: 'https://www.example.com/privacy',
  archiveUrl: 'https://github.com/OpenTermsArchive/x-versions/blob/main/X/Privacy%20Policy.md',
  waybackUrl: `https://web.archive.org/web/${date.replaceAll('-', '')}/https://www.example.com/privacy`,
  sha256: 'a'.repeat(64),
  capturedAt: date,
  documentLastUpdated: date,
  verifiedAt: '2026-12-01',
});
const document: PolicyDocument = {
  id: 'privacy-policy',
  kind: 'privacy-policy',
  title: 'Example Privacy Policy',
  versions: [
    { id: 'global', regions: ['*'], urls: ['https://www.example.com/privacy'], capture: capture('2026-06-01') },
    {
      id: 'eu',
      label: 'EU version',
      regions: ['EU', 'EEA'],
      urls: ['https://www.example.com/privacy/eu'],
      capture: capture('2026-07-01'),
    },
    { id: 'us', label: 'US version', regions: ['US'], urls: ['https://www.example.com/privacy/us'] },
  ],
};
const provision = {
  id: 'example.ads',
  quotes: [
    { versionId: 'global', text: 'We show ads.' },
    { versionId: 'eu', text: 'With your consent, we show ads.' },
  ],
  absentFrom: undefined,
} satisfies Pick<Provision, 'id' | 'quotes' | 'absentFrom'>;

describe('versionForRegion', () => {
  it('picks the version made for the region, else the one for everyone', () => {
    expect(versionForRegion(document, 'EU').id).toBe('eu');
    expect(versionForRegion(document, 'US-CA').id).toBe('us');
    expect(versionForRegion(document, 'UK').id).toBe('global');
    expect(versionForRegion(document, 'OTHER').id).toBe('global');
  });
});

describe('provisionIn', () => {
  it('quotes the version that has it, with a record id naming provision, version and capture date', () => {
    const eu = findVersion(document, 'eu');
    if (!eu) throw new Error('no eu version');
    expect(provisionIn(document, provision, eu)).toMatchObject({
      kind: 'quoted',
      evidence: { quote: 'With your consent, we show ads.', recordId: 'example.ads/eu@2026-07-01' },
    });
    expect(recordId('a.b', 'v', '2026-01-02')).toBe('a.b/v@2026-01-02');
  });

  it('says when a version was not checked, with the nearest quoted evidence', () => {
    expect(evidenceForRegion(document, provision, 'US')).toMatchObject({
      state: { kind: 'unchecked', version: { id: 'us' } },
      evidence: { version: { id: 'global' } },
    });
  });

  it('says when a version does not contain it, and then shows no evidence', () => {
    const absent = {
      ...provision,
      quotes: [provision.quotes[0] as (typeof provision.quotes)[0]],
      absentFrom: [{ versionId: 'eu', note: 'The EU text asks for consent.' }],
    };
    expect(evidenceForRegion(document, absent, 'EU')).toEqual({
      state: { kind: 'absent', version: findVersion(document, 'eu'), note: 'The EU text asks for consent.' },
      evidence: null,
    });
  });
});
