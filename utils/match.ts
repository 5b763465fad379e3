/**
 * URL → { platform, page kind, document or settings page }. The index is built once from
 * the platforms; a lookup parses the URL and makes a handful of map probes (one per parent
 * domain of the host, then one for the normalised path), never a scan over platforms.
 */
import { hostIsUnder, lookupHost } from './domains';
import type { Platform } from './schema';

export type PageKind = 'policy' | 'settings' | 'other';

export interface PageMatch {
  platformId: string;
  pageKind: PageKind;
  /** The policy document, when pageKind is 'policy'. */
  documentId?: string;
  /** Which version of that document this URL serves. */
  versionId?: string;
  /** The settings page, when pageKind is 'settings'. */
  settingsPageId?: string;
}

export interface PageRule {
  kind: 'policy' | 'settings';
  id: string;
  versionId?: string;
  /** Query parameters that must be present with one of these values (keys and values lower-cased). */
  query: ReadonlyArray<readonly [string, readonly string[]]>;
  /** The platform whose document this is, when it is not the site's own (Meta AI's terms on facebook.com). */
  platformId?: string;
}

interface PlatformIndex {
  platformId: string;
  pages: Map<string, PageRule[]>;
}

export interface MatchIndex {
  byDomain: ReadonlyMap<string, PlatformIndex>;
}

/** Query parameters that never change which document a URL shows (language, tracking, theme). */
const IGNORED_PARAMS = new Set([
  'hl',
  'gl',
  'lang',
  'language',
  'locale',
  'locale2',
  'ref',
  'ref_',
  'ie',
  'trk',
  'li_theme',
  'src',
  'source',
  'entry_point',
  'from',
  'fbclid',
  'gclid',
  'cc',
  'redirect',
]);

/** Host prefixes that serve the same pages as the bare site. */
const HOST_PREFIXES = new Set(['www', 'm', 'mobile', 'mbasic', 'touch']);
/** Language codes (ISO 639-1) that sites put first in a path; not "in", which is LinkedIn's /in/ profiles. */
const LANGUAGES =
  'af|ar|az|be|bg|bn|bs|ca|cs|cy|da|de|el|en|es|et|eu|fa|fi|fr|ga|gl|gu|he|hi|hr|hu|hy|id|is|it|ja|ka|kk|km|kn|ko|' +
  'lt|lv|mk|ml|mn|mr|ms|my|nb|ne|nl|no|pa|pl|pt|ro|ru|si|sk|sl|sq|sr|sv|sw|ta|te|th|tl|tr|uk|ur|uz|vi|zh';
/**
 * A leading "/intl/<locale>" (Google: en_US, ALL_en) or a language segment with an optional region
 * or script (en, en-us, en_GB, zh-hans, es-419), when more path follows it.
 */
const LOCALE_PREFIX = new RegExp(`^/(?:intl/[^/]+|(?:${LANGUAGES})(?:[-_](?:[a-z]{2}|[a-z]{4}|\\d{3}))?)(?=/[^/])`);
/**
 * A last path segment that is a language with a region (Apple's /legal/privacy/en-ww/). A bare
 * language there is left alone: "/privacy/eu" or "/uk" name a region's own version as often.
 */
const LOCALE_SUFFIX = new RegExp(`/(?:${LANGUAGES})[-_][a-z]{2}$`);
/** A first host label that is a language with a region (Facebook's fr-fr.facebook.com). */
const LOCALE_HOST = /^[a-z]{2}[-_][a-z]{2}$/;
/** Amazon puts its link tracking in the path: /gp/help/customer/display.html/ref=hp_left_v4_sib. */
const TRACKING_SEGMENT = /\/ref=[^/]*/g;

function isIgnoredParam(key: string): boolean {
  return IGNORED_PARAMS.has(key) || key.startsWith('utm_');
}

/**
 * Normalise host + path into a lookup key: no www./m. or locale host label, no locale prefix or
 * suffix, no /ref=… tracking segment, no trailing or doubled slashes, lower case. (On the hot path:
 * cheap checks before any regex.)
 */
export function pageKey(url: URL): string {
  let host = url.hostname; // already lower-cased by the URL parser
  if (host.endsWith('.')) host = host.slice(0, -1);
  const firstDot = host.indexOf('.');
  if (firstDot > 0) {
    const label = host.slice(0, firstDot);
    if (HOST_PREFIXES.has(label) || (firstDot === 5 && LOCALE_HOST.test(label))) host = host.slice(firstDot + 1);
  }
  let path = url.pathname.toLowerCase();
  if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  if (path.includes('/ref=')) path = path.replace(TRACKING_SEGMENT, '');
  if (path.length > 3) path = path.replace(LOCALE_PREFIX, '');
  while (path.endsWith('/')) path = path.slice(0, -1);
  const n = path.length;
  if (
    n > 6 &&
    path.charCodeAt(n - 6) === 0x2f &&
    (path.charCodeAt(n - 3) === 0x2d || path.charCodeAt(n - 3) === 0x5f)
  ) {
    path = path.replace(LOCALE_SUFFIX, '');
  }
  return host + path;
}

/**
 * The pseudo query parameter a version's `select` names to be chosen by the locale a URL carries in
 * its path or host (the one pageKey leaves out of the key): Microsoft serves /en-gb/ and /en-us/
 * versions of its statement at the same key. The value is the locale, lower case, "-" for "_".
 */
export const LOCALE_PARAM = '_locale';

const LOCALE_IN_PREFIX = new RegExp(`^/(?:intl/)?((?:${LANGUAGES}|all)(?:[-_](?:[a-z]{2}|[a-z]{4}|\\d{3}))?)(?=/)`);

/** The locale a URL carries in its first path segment, its first host label or its last segment, if any. */
export function localeOf(url: URL): string | undefined {
  const path = url.pathname.toLowerCase();
  const found =
    LOCALE_IN_PREFIX.exec(path)?.[1] ??
    (LOCALE_HOST.test(url.hostname.split('.')[0] ?? '') ? url.hostname.split('.')[0] : undefined) ??
    LOCALE_SUFFIX.exec(path.replace(/\/+$/, ''))?.[0].slice(1);
  return found === undefined ? undefined : queryValue(found);
}

/** Query values compared as sites write locales either way: lower case, "_" as "-" (hl=en_GB is hl=en-gb). */
function queryValue(value: string): string {
  const v = value.toLowerCase();
  return v.includes('_') ? v.replaceAll('_', '-') : v;
}

function significantQuery(url: URL): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const [key, value] of url.searchParams) {
    const k = key.toLowerCase();
    if (!isIgnoredParam(k)) out.push([k, [queryValue(value)]]);
  }
  return out;
}

/** The lookup key and the query parameters (with their accepted values) a declared URL requires. */
function ruleFor(
  rawUrl: string,
  select?: Readonly<Record<string, readonly string[]>>,
): { key: string; query: Array<[string, string[]]> } {
  const url = new URL(rawUrl);
  const query = significantQuery(url);
  for (const [param, values] of Object.entries(select ?? {})) query.push([param, values.map(queryValue)]);
  return { key: pageKey(url), query };
}

function addRule(
  index: PlatformIndex,
  rawUrl: string,
  rule: Omit<PageRule, 'query'>,
  select?: Readonly<Record<string, readonly string[]>>,
): void {
  const { key, query } = ruleFor(rawUrl, select);
  const rules = index.pages.get(key) ?? [];
  // More specific rules (more required parameters) are tried first.
  rules.push({ ...rule, query });
  rules.sort((a, b) => b.query.length - a.query.length);
  index.pages.set(key, rules);
}

/** Just what URL matching needs of a platform. */
export interface MatchablePlatform {
  id: string;
  domains: readonly string[];
  documents: ReadonlyArray<{
    id: string;
    versions: ReadonlyArray<{
      id: string;
      urls: readonly string[];
      select?: Readonly<Record<string, readonly string[]>>;
    }>;
  }>;
  settingsPages: ReadonlyArray<{ id: string; url: string }>;
}

/** Reduce platforms to what matching needs. */
export function matchableOf(
  platforms: ReadonlyArray<Pick<Platform, 'id' | 'domains' | 'documents' | 'settingsPages'>>,
): MatchablePlatform[] {
  return platforms.map((p) => ({
    id: p.id,
    domains: p.domains,
    // A shared copy of another platform's document: its pages are matched as that platform's.
    documents: p.documents
      .filter((d) => d.sharedFrom === undefined)
      .map((d) => ({
        id: d.id,
        versions: d.versions.map((v) =>
          v.select ? { id: v.id, urls: v.urls, select: v.select } : { id: v.id, urls: v.urls },
        ),
      })),
    settingsPages: p.settingsPages.map((s) => ({ id: s.id, url: s.url })),
  }));
}

/**
 * A platform's lookup rules, worked out once: what the page index publishes for the content script,
 * which then builds its index without parsing a single declared URL (JSON: the map as entries).
 */
export interface RuleTable {
  id: string;
  domains: readonly string[];
  pages: ReadonlyArray<readonly [key: string, rules: readonly PageRule[]]>;
}

/**
 * A site's rules: its platform's documents and settings pages, and the documents other platforms
 * keep on it (`guests`: Meta AI's terms on facebook.com, Threads' on help.instagram.com), each of
 * those rules naming its own platform.
 */
function platformIndex(platform: MatchablePlatform, guests: readonly MatchablePlatform[] = []): PlatformIndex {
  const index: PlatformIndex = { platformId: platform.id, pages: new Map() };
  for (const doc of platform.documents) {
    for (const version of doc.versions) {
      for (const url of version.urls) {
        addRule(index, url, { kind: 'policy', id: doc.id, versionId: version.id }, version.select);
      }
    }
  }
  for (const page of platform.settingsPages) addRule(index, page.url, { kind: 'settings', id: page.id });
  for (const guest of guests) {
    for (const doc of guest.documents) {
      for (const version of doc.versions) {
        for (const url of version.urls) {
          if (!onDomains(url, platform.domains)) continue;
          addRule(
            index,
            url,
            { kind: 'policy', id: doc.id, versionId: version.id, platformId: guest.id },
            version.select,
          );
        }
      }
    }
  }
  return index;
}

const onDomains = (url: string, domains: readonly string[]) => {
  const host = new URL(url).hostname;
  return domains.some((d) => hostIsUnder(host, d));
};

/** The hosts of a platform's documents that are not on its own domains (on a site it links to). */
export function hostsElsewhere(platform: MatchablePlatform): string[] {
  const hosts = new Set<string>();
  for (const doc of platform.documents) {
    for (const version of doc.versions) {
      for (const url of version.urls) if (!onDomains(url, platform.domains)) hosts.add(new URL(url).hostname);
    }
  }
  return [...hosts];
}

/**
 * Platform id → the ids of the others that keep a document on its domains: each foreign host's
 * domain owner (the last platform naming a domain, as buildMatchIndex). From full platforms or from
 * the catalog's summaries, which carry their `hostsElsewhere`.
 */
export function guestIds(
  platforms: ReadonlyArray<{ id: string; domains: readonly string[]; hostsElsewhere?: readonly string[] }>,
): Map<string, string[]> {
  const owners = new Map<string, string>();
  for (const platform of platforms) for (const domain of platform.domains) owners.set(domain, platform.id);
  const guests = new Map<string, string[]>();
  for (const platform of platforms) {
    for (const owner of new Set((platform.hostsElsewhere ?? []).map((h) => lookupHost(owners, h)?.value))) {
      if (owner === undefined || owner === platform.id) continue;
      guests.set(owner, [...(guests.get(owner) ?? []), platform.id]);
    }
  }
  return guests;
}

/** For each platform, the others that keep a document on its domains. */
export function guestsByPlatform(platforms: readonly MatchablePlatform[]): Map<string, MatchablePlatform[]> {
  const byId = new Map(platforms.map((p) => [p.id, p]));
  const ids = guestIds(platforms.map((p) => ({ id: p.id, domains: p.domains, hostsElsewhere: hostsElsewhere(p) })));
  return new Map([...ids].map(([owner, guests]) => [owner, guests.flatMap((id) => byId.get(id) ?? [])] as const));
}

/** A platform's rule table, with the documents `guests` keep on its domains. */
export function ruleTableOf(platform: MatchablePlatform, guests: readonly MatchablePlatform[] = []): RuleTable {
  return { id: platform.id, domains: platform.domains, pages: [...platformIndex(platform, guests).pages] };
}

/** The index from rule tables (the content script's side of the page index). */
export function indexOfTables(tables: readonly RuleTable[]): MatchIndex {
  const byDomain = new Map<string, PlatformIndex>();
  for (const table of tables) {
    const index: PlatformIndex = { platformId: table.id, pages: new Map(table.pages as Array<[string, PageRule[]]>) };
    for (const domain of table.domains) byDomain.set(domain, index);
  }
  return { byDomain };
}

export function buildMatchIndex(platforms: readonly MatchablePlatform[]): MatchIndex {
  const byDomain = new Map<string, PlatformIndex>();
  const guests = guestsByPlatform(platforms);
  for (const platform of platforms) {
    const index = platformIndex(platform, guests.get(platform.id));
    for (const domain of platform.domains) byDomain.set(domain, index);
  }
  return { byDomain };
}

/** One lookup rule of a platform, as data: the URL it was declared with, and what it leads to. */
export interface RuleEntry {
  url: string;
  key: string;
  /** The required query parameters, e.g. "hl=en-gb&nodeid=…" (sorted; "" for none). */
  requires: string;
  /** "policy:<document>/<version>" or "settings:<page>". */
  target: string;
}

/** Every rule a platform's documents and settings pages make (to check the data for collisions). */
export function platformRules(platform: MatchablePlatform): RuleEntry[] {
  const entry = (url: string, target: string, select?: Readonly<Record<string, readonly string[]>>): RuleEntry => {
    const { key, query } = ruleFor(url, select);
    const requires = query
      .map(([k, values]) => `${k}=${[...values].sort().join('|')}`)
      .sort()
      .join('&');
    return { url, key, requires, target };
  };
  return [
    ...platform.documents.flatMap((d) =>
      d.versions.flatMap((v) => v.urls.map((url) => entry(url, `policy:${d.id}/${v.id}`, v.select))),
    ),
    ...platform.settingsPages.map((s) => entry(s.url, `settings:${s.id}`)),
  ];
}

function parseWebUrl(raw: string): URL | undefined {
  // One parse (URL.canParse + new URL would parse twice); invalid input throws.
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  // https only, like the host permissions: a plain-http page may be anyone's.
  return url.protocol === 'https:' ? url : undefined;
}

/**
 * Whether a document version is served at the page `rawUrl`, to tell apart the versions one
 * address serves by the visitor's region (Google's ?hl=en-GB, Meta's printable policy). A version
 * with `select` is served wherever its parameters are. One without is "the version served
 * otherwise" (see DocumentVersion.select): it is served only at the addresses it declares, with
 * their own query values and locale. So www.microsoft.com/en-gb/… is the en-GB text only, not also
 * the en-US text declared at the locale-less address.
 */
export function servesUrl(
  urls: readonly string[],
  select: Readonly<Record<string, readonly string[]>> | undefined,
  rawUrl: string,
): boolean {
  const url = parseWebUrl(rawUrl);
  if (!url) return false;
  const key = pageKey(url);
  const query = new Map<string, string>();
  for (const [k, v] of url.searchParams) query.set(k.toLowerCase(), queryValue(v));
  const locale = localeOf(url);
  if (select === undefined) {
    return urls.some((u) => {
      const declared = new URL(u);
      if (pageKey(declared) !== key || localeOf(declared) !== locale) return false;
      return [...declared.searchParams].every(([k, v]) => query.get(k.toLowerCase()) === queryValue(v));
    });
  }
  if (locale !== undefined) query.set(LOCALE_PARAM, locale);
  return urls.some((u) => {
    const rule = ruleFor(u, select);
    return rule.key === key && rule.query.every(([k, values]) => values.includes(query.get(k) ?? '\0'));
  });
}

/**
 * The https address of a plain-http one (`http://www.linkedin.com/…` → `https://www.linkedin.com/…`),
 * else undefined. Only for saying where a plain-http page would be ours: nothing is matched or shown
 * on the page itself, which anyone on the network path may have written.
 */
export function httpsCounterpart(rawUrl: string | undefined): string | undefined {
  if (!rawUrl?.startsWith('http:')) return undefined;
  try {
    const url = new URL(rawUrl);
    url.protocol = 'https:';
    return url.href;
  } catch {
    return undefined;
  }
}

/** The platform whose domains hold the https address `rawUrl`, from registrable domain → platform id. */
export function platformIdAt(domains: ReadonlyMap<string, string>, rawUrl: string): string | undefined {
  const url = parseWebUrl(rawUrl);
  return url ? lookupHost(domains, url.hostname)?.value : undefined;
}

export function matchUrl(index: MatchIndex, rawUrl: string): PageMatch | undefined {
  const url = parseWebUrl(rawUrl);
  if (!url) return undefined;
  const hit = lookupHost(index.byDomain, url.hostname);
  if (!hit) return undefined;
  const { platformId, pages } = hit.value;
  const rules = pages.get(pageKey(url));
  if (rules) {
    const query = new Map<string, string>();
    for (const [k, v] of url.searchParams) query.set(k.toLowerCase(), queryValue(v));
    // The path's locale only when a rule here asks for it (a regex per lookup otherwise).
    if (rules.some((r) => r.query.some(([k]) => k === LOCALE_PARAM))) {
      const locale = localeOf(url);
      if (locale !== undefined) query.set(LOCALE_PARAM, locale);
    }
    for (const rule of rules) {
      if (rule.query.every(([k, values]) => values.includes(query.get(k) ?? '\0'))) {
        if (rule.kind === 'settings') return { platformId, pageKind: 'settings', settingsPageId: rule.id };
        const match: PageMatch = { platformId: rule.platformId ?? platformId, pageKind: 'policy', documentId: rule.id };
        if (rule.versionId !== undefined) match.versionId = rule.versionId;
        return match;
      }
    }
  }
  return { platformId, pageKind: 'other' };
}
