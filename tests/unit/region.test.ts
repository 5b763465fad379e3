import { describe, expect, it } from 'vitest';
import { appliesTo, guessRegion } from '../../utils/region';

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
});
