/**
 * Site access: which tracked platforms the extension may read, and asking for the ones it may not.
 * Firefox lets the user turn host access off per site (and, with
 * `extensions.originControls.grantByDefault` off, grants none at install); a platform that arrives
 * with a feed update is not in the manifest's host permissions at all (Chrome: covered by the
 * optional `https://*\/*`). The permissions API is passed in, so this runs against a fake in tests.
 */
import { domainPatterns } from './host-patterns';

/** The part of `browser.permissions` used here. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SiteAccessPlatform {
  id: string;
  name: string;
  domains: readonly string[];
}

/**
 * The origins one platform needs: each domain and its subdomains, https only. That is inside
 * the manifest's `*://*.<domain>/*` for the bundled platforms and inside Chrome's optional
 * `https://*\/*` for any later one, so the same request works for both.
 */
export function accessOrigins(platform: SiteAccessPlatform): string[] {
  return domainPatterns(platform.domains);
}

/** The platforms whose origins are not all granted, in the given order. */
export async function missingAccess<P extends SiteAccessPlatform>(
  permissions: Pick<PermissionsApi, 'contains'>,
  platforms: readonly P[],
): Promise<P[]> {
  const granted = await Promise.all(platforms.map((p) => permissions.contains({ origins: accessOrigins(p) })));
  return platforms.filter((_, i) => !granted[i]);
}

/**
 * Ask the browser for one platform's origins. Call it straight from a click handler: browsers
 * accept `permissions.request` only during a user gesture, so nothing may be awaited before it.
 */
export function requestAccess(
  permissions: Pick<PermissionsApi, 'request'>,
  platform: SiteAccessPlatform,
): Promise<boolean> {
  return permissions.request({ origins: accessOrigins(platform) });
}

/** "a.com", "a.com and b.com", "a.com, b.com and c.com" (`and` in the user's language). */
export function listInWords(items: readonly string[], and = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

const PATTERN = /^(\*|https?|wss?|ftp|file):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/;

/** The words `originInWords` uses (the settings page passes them in the user's language). */
export interface OriginWords {
  everySite: string;
  everyWebsite: string;
  /** "$1 and its subdomains". */
  withSubdomains: (domain: string) => string;
  /** " (secure connections only)", appended. */
  secureOnly: string;
}

export const ENGLISH_ORIGIN_WORDS: OriginWords = {
  everySite: 'every site',
  everyWebsite: 'every website',
  withSubdomains: (domain) => `${domain} and its subdomains`,
  secureOnly: ' (secure connections only)',
};

/** One host permission the extension holds, said in plain words. */
export function originInWords(origin: string, words: OriginWords = ENGLISH_ORIGIN_WORDS): string {
  if (origin === '<all_urls>') return words.everySite;
  const m = PATTERN.exec(origin);
  if (!m) return origin;
  const [, scheme, host = ''] = m;
  const secure = scheme === 'https' || scheme === 'wss' ? words.secureOnly : '';
  if (host === '*') return `${words.everyWebsite}${secure}`;
  if (host.startsWith('*.')) return `${words.withSubdomains(host.slice(2))}${secure}`;
  return `${host}${secure}`;
}

export interface AccessSummary {
  /** Tracked platforms with at least one of their domains covered, and which. */
  platforms: { platform: SiteAccessPlatform; domains: string[] }[];
  /** Everything else held, in plain words (e.g. a site allowed for a platform no longer tracked). */
  other: string[];
}

/** What `permissions.getAll().origins` means in terms of the tracked platforms. */
export function summarizeAccess(
  origins: readonly string[],
  platforms: readonly SiteAccessPlatform[],
  words: OriginWords = ENGLISH_ORIGIN_WORDS,
): AccessSummary {
  const covered = new Map<string, Set<string>>();
  const other: string[] = [];
  for (const origin of origins) {
    const host = PATTERN.exec(origin)?.[2] ?? '';
    // Only `*.d` covers a platform's domain d (and its subdomains); a single host does not.
    const domain = host.startsWith('*.') ? host.slice(2) : '';
    const owner = domain ? platforms.find((p) => p.domains.includes(domain)) : undefined;
    if (owner) {
      const set = covered.get(owner.id) ?? new Set<string>();
      set.add(domain);
      covered.set(owner.id, set);
    } else if (!other.includes(originInWords(origin, words))) {
      other.push(originInWords(origin, words));
    }
  }
  return {
    platforms: platforms
      .filter((p) => covered.has(p.id))
      .map((p) => ({ platform: p, domains: p.domains.filter((d) => covered.get(p.id)?.has(d)) })),
    other,
  };
}
