/**
 * URL → { platform, page kind, document or settings page }. The index is built once from
 * the platforms; a lookup parses the URL and makes a handful of map probes (one per parent
 * domain of the host, then one for the normalised path), never a scan over platforms.
 */
import { lookupHost } from './domains';
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

interface PageRule {
  kind: 'policy' | 'settings';
  id: string;
  versionId?: string;
  /** Query parameters that must be present with one of these values (keys and values lower-cased). */
  query: ReadonlyArray<readonly [string, readonly string[]]>;
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

function isIgnoredParam(key: string): boolean {
  return IGNORED_PARAMS.has(key) || key.startsWith('utm_');
}

/**
 * Normalise host + path into a lookup key: no www./m., no locale prefix, no trailing or doubled
 * slashes, lower case. (On the hot path: cheap checks before any regex.)
 */
export function pageKey(url: URL): string {
  let host = url.hostname; // already lower-cased by the URL parser
  if (host.endsWith('.')) host = host.slice(0, -1);
  const firstDot = host.indexOf('.');
  if (firstDot > 0 && HOST_PREFIXES.has(host.slice(0, firstDot))) host = host.slice(firstDot + 1);
  let path = url.pathname.toLowerCase();
  if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  if (path.length > 3) path = path.replace(LOCALE_PREFIX, '');
  while (path.endsWith('/')) path = path.slice(0, -1);
  return host + path;
}

function significantQuery(url: URL): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const [key, value] of url.searchParams) {
    const k = key.toLowerCase();
    if (!isIgnoredParam(k)) out.push([k, [value.toLowerCase()]]);
  }
  return out;
}

function addRule(
  index: PlatformIndex,
  rawUrl: string,
  rule: Omit<PageRule, 'query'>,
  select?: Readonly<Record<string, readonly string[]>>,
): void {
  const url = new URL(rawUrl);
  const key = pageKey(url);
  const rules = index.pages.get(key) ?? [];
  const query = significantQuery(url);
  for (const [param, values] of Object.entries(select ?? {})) query.push([param, values.map((v) => v.toLowerCase())]);
  // More specific rules (more required parameters) are tried first.
  rules.push({ ...rule, query });
  rules.sort((a, b) => b.query.length - a.query.length);
  index.pages.set(key, rules);
}

/** Just what URL matching needs of a platform (the content script ships only this). */
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

export function buildMatchIndex(platforms: readonly MatchablePlatform[]): MatchIndex {
  const byDomain = new Map<string, PlatformIndex>();
  for (const platform of platforms) {
    const index: PlatformIndex = { platformId: platform.id, pages: new Map() };
    for (const doc of platform.documents) {
      for (const version of doc.versions) {
        for (const url of version.urls) {
          addRule(index, url, { kind: 'policy', id: doc.id, versionId: version.id }, version.select);
        }
      }
    }
    for (const page of platform.settingsPages) addRule(index, page.url, { kind: 'settings', id: page.id });
    for (const domain of platform.domains) byDomain.set(domain, index);
  }
  return { byDomain };
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

/** Classify a URL; undefined when it is not on a tracked platform (or not a web URL). */
export function matchUrl(index: MatchIndex, rawUrl: string): PageMatch | undefined {
  const url = parseWebUrl(rawUrl);
  if (!url) return undefined;
  const hit = lookupHost(index.byDomain, url.hostname);
  if (!hit) return undefined;
  const { platformId, pages } = hit.value;
  const rules = pages.get(pageKey(url));
  if (rules) {
    const query = new Map<string, string>();
    for (const [k, v] of url.searchParams) query.set(k.toLowerCase(), v.toLowerCase());
    for (const rule of rules) {
      if (rule.query.every(([k, values]) => values.includes(query.get(k) ?? '\0'))) {
        if (rule.kind === 'settings') return { platformId, pageKind: 'settings', settingsPageId: rule.id };
        const match: PageMatch = { platformId, pageKind: 'policy', documentId: rule.id };
        if (rule.versionId !== undefined) match.versionId = rule.versionId;
        return match;
      }
    }
  }
  return { platformId, pageKind: 'other' };
}
