import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  effectiveRegion,
  guessRegion,
  regional,
  regionInUrl,
  regionOfCountry,
  resolveAgencies,
} from '../../utils/region';

describe('regions', () => {
  it('guesses a region from the language tag and matches jurisdictions', () => {
    expect(guessRegion('en-US')).toBe('US');
    expect(guessRegion('en-GB')).toBe('UK');
    expect(guessRegion('de-DE')).toBe('EU');
    expect(guessRegion('ja')).toBe('OTHER');
    expect(appliesTo(['US'], 'US-CA')).toBe(true);
    expect(appliesTo(['US-CA'], 'US')).toBe(false);
    expect(appliesTo(['EEA'], 'EU')).toBe(true);
    expect(appliesTo(['*'], 'OTHER')).toBe(true);
  });

  it('reads the country an address pins, and nothing from an address that leaves it to the visitor', () => {
    expect(regionInUrl('https://policies.google.com/privacy?hl=en-GB&gl=IE')).toBe('EU');
    expect(regionInUrl('https://policies.google.com/privacy?gl=gb')).toBe('UK');
    expect(regionInUrl('https://policies.google.com/privacy?gl=JP')).toBe('OTHER');
    expect(regionInUrl('https://policies.google.com/privacy?hl=en-GB')).toBeUndefined();
    expect(regionInUrl('https://policies.google.com/privacy?gl=europe')).toBeUndefined();
    expect(regionInUrl('not a url')).toBeUndefined();
    expect(regionOfCountry('us')).toBe('US');
  });

  it('uses the user’s choice, else the first language tag that names a country', () => {
    expect(effectiveRegion('UK', ['en-US'])).toBe('UK');
    expect(effectiveRegion(null, ['de', 'de-DE', 'en-US'])).toBe('EU');
    expect(effectiveRegion(null, ['fr'])).toBe('OTHER');
    expect(effectiveRegion(undefined, [])).toBe('OTHER');
  });
});

describe('regional: the one rule for actions and agencies', () => {
  const actions = [
    { id: 'everywhere', jurisdictions: ['*'] },
    { id: 'eu-form', jurisdictions: ['EU', 'EEA', 'UK'] },
    { id: 'us-setting', jurisdictions: ['US'] },
  ];
  const agencies = [
    { id: 'ftc', jurisdiction: 'US' },
    { id: 'dpc', jurisdiction: 'EU' },
  ];

  it('splits actions into the region’s (and everyone’s) and the others, in data order', () => {
    const eu = regional(actions, agencies, 'EU');
    expect(eu.actions.map((a) => a.id)).toEqual(['everywhere', 'eu-form']);
    expect(eu.otherActions.map((a) => a.id)).toEqual(['us-setting']);
    expect(regional(actions, agencies, 'US-CA').actions.map((a) => a.id)).toEqual(['everywhere', 'us-setting']);
  });

  it('keeps the region’s agencies, or all of them (said so) when none is for the region', () => {
    expect(regional([], agencies, 'US')).toMatchObject({ agencies: [{ id: 'ftc' }], agenciesElsewhere: false });
    expect(regional([], agencies, 'OTHER')).toMatchObject({ agencies, agenciesElsewhere: true });
    expect(regional([], [], 'OTHER')).toMatchObject({ agencies: [], agenciesElsewhere: false });
  });

  it('resolves agency references with their notes, leaving out unknown ids', () => {
    expect(
      resolveAgencies(
        [{ agencyId: 'dpc', note: 'lead authority' }, { agencyId: 'nobody' }, { agencyId: 'ftc' }],
        agencies,
      ),
    ).toEqual([
      { id: 'dpc', jurisdiction: 'EU', note: 'lead authority' },
      { id: 'ftc', jurisdiction: 'US' },
    ]);
  });
});
