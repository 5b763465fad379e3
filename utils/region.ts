import { type MessageKey, t } from './i18n';

/** The user's region decides which agencies and region-specific actions come first. */
export const REGIONS = ['US', 'US-CA', 'EU', 'UK', 'OTHER'] as const;
export type Region = (typeof REGIONS)[number];

/** Each region's name in the user's language (public/_locales). */
const REGION_KEY: Record<Region, MessageKey> = {
  US: 'region_us',
  'US-CA': 'region_us_ca',
  EU: 'region_eu',
  UK: 'region_uk',
  OTHER: 'region_other',
};

export function regionLabel(region: Region): string {
  return t(REGION_KEY[region]);
}

const EU_EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/** The region of a country (ISO 3166-1 alpha-2, any case). */
export function regionOfCountry(country: string): Region {
  const c = country.toUpperCase();
  if (c === 'US') return 'US';
  if (c === 'GB' || c === 'UK') return 'UK';
  if (EU_EEA.has(c)) return 'EU';
  return 'OTHER';
}

/** A first guess from the browser's language tag (e.g. "en-GB" → UK, "de-DE" → EU). */
export function guessRegion(languageTag: string | undefined): Region {
  return regionOfCountry((languageTag ?? '').split(/[-_]/)[1] ?? '');
}

/**
 * The region an address itself asks for, whoever visits it: Google serves the version of the
 * country in `gl` (policies.google.com/privacy?hl=en-GB&gl=IE is the EEA text, also for a visitor
 * in the US). Undefined when the address leaves it to the visitor's location.
 */
export function regionInUrl(rawUrl: string): Region | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  const country = url.searchParams.get('gl');
  return country && /^[a-z]{2}$/i.test(country) ? regionOfCountry(country) : undefined;
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

/**
 * The region to use: the user's choice, else a guess from the browser's languages (the first tag
 * that names a country: Chrome's `navigator.language` is often just "de", its `languages` list
 * then has "de-DE" further on).
 */
export function effectiveRegion(chosen: Region | null | undefined, languages: readonly string[]): Region {
  if (chosen) return chosen;
  const tagged = languages.find((tag) => /^[a-z]{2,3}[-_][a-z]{2}\b/i.test(tag));
  return guessRegion(tagged ?? languages[0]);
}

/** What one provision offers a user in `region`: the one rule every surface (popup, banner, check-up) applies. */
export interface Regional<A, G> {
  /** Actions available in the region (or everywhere), in their data order. */
  actions: A[];
  /** Actions for other regions only: the popup lists them after, marked; the banner and the check-up leave them out. */
  otherActions: A[];
  /** The agencies for the region; every listed agency when none is (then `agenciesElsewhere`). */
  agencies: G[];
  agenciesElsewhere: boolean;
}

export function regional<A extends { jurisdictions: readonly string[] }, G extends { jurisdiction: string }>(
  actions: readonly A[],
  agencies: readonly G[],
  region: Region,
): Regional<A, G> {
  const mine = agencies.filter((g) => appliesTo([g.jurisdiction], region));
  return {
    actions: actions.filter((a) => appliesTo(a.jurisdictions, region)),
    otherActions: actions.filter((a) => !appliesTo(a.jurisdictions, region)),
    agencies: mine.length > 0 ? mine : [...agencies],
    agenciesElsewhere: mine.length === 0 && agencies.length > 0,
  };
}

/** A provision's agency references resolved against the feed's agencies (unknown ids left out), with their notes. */
export function resolveAgencies<G extends { id: string }>(
  refs: readonly { agencyId: string; note?: string }[],
  all: readonly G[],
): Array<G & { note?: string }> {
  return refs.flatMap((ref) => {
    const agency = all.find((a) => a.id === ref.agencyId);
    return agency ? [ref.note ? { ...agency, note: ref.note } : agency] : [];
  });
}
