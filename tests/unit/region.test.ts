import { describe, expect, it } from 'vitest';
import { appliesTo, guessRegion, regionInUrl, regionOfCountry } from '../../utils/region';

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
});
