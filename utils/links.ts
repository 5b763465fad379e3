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
