/** The user's region decides which agencies and region-specific actions come first. */
export const REGIONS = ['US', 'US-CA', 'EU', 'UK', 'OTHER'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABEL: Record<Region, string> = {
  US: 'United States',
  'US-CA': 'California (US)',
  EU: 'EU / EEA',
  UK: 'United Kingdom',
  OTHER: 'Elsewhere',
};

const EU_EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/** A first guess from the browser's language tag (e.g. "en-GB" → UK, "de-DE" → EU). */
export function guessRegion(languageTag: string | undefined): Region {
  const country = (languageTag ?? '').split(/[-_]/)[1]?.toUpperCase() ?? '';
  if (country === 'US') return 'US';
  if (country === 'GB') return 'UK';
  if (EU_EEA.has(country)) return 'EU';
  return 'OTHER';
}

/** Does something tagged with these jurisdictions apply to a user in `region`? */
export function appliesTo(jurisdictions: readonly string[], region: Region): boolean {
  return jurisdictions.some((j) => {
    if (j === '*') return true;
    if (region === 'US-CA') return j === 'US' || j === 'US-CA';
    if (region === 'EU') return j === 'EU' || j === 'EEA';
    return j === region;
  });
}
