/** Link allow-listing for everything the UI renders as a link: https only, and only to known hosts. */
import { hostIsUnder } from './domains';

export function isSafeLink(url: string, allowedDomains: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname, username, password } = new URL(url);
  if (protocol !== 'https:' || username || password) return false;
  return allowedDomains.some((d) => hostIsUnder(hostname, d));
}

/** Hosts a platform's own links may point to: its domains and the other domains its settings live on. */
export function linkHosts(platform: { domains: readonly string[]; linkDomains?: readonly string[] }): string[] {
  return [...platform.domains, ...(platform.linkDomains ?? [])];
}

/** Where evidence links may point: the Open Terms Archive repositories and the Wayback Machine (host + path prefix). */
export const ARCHIVE_LOCATIONS = [
  { host: 'github.com', path: '/OpenTermsArchive/' },
  { host: 'web.archive.org', path: '/web/' },
] as const;
export const ARCHIVE_DOMAINS = ARCHIVE_LOCATIONS.map((l) => l.host);

/**
 * Whether a URL is an archive link, judged on the parsed URL: the parser resolves "..", so
 * "https://github.com/OpenTermsArchive/../attacker/x" is seen as "/attacker/x" and refused.
 */
export function isArchiveUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return ARCHIVE_LOCATIONS.some((l) => url.hostname === l.host && url.pathname.startsWith(l.path));
}

/** Where complaint links may point: the agencies' own sites. */
export const AGENCY_DOMAINS = [
  'ftc.gov',
  'ca.gov',
  'dataprotection.ie',
  'public.lu',
  'europa.eu',
  'ico.org.uk',
  'autoriteitpersoonsgegevens.nl',
] as const;
