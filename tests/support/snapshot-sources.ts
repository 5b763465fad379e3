/**
 * Where each raw HTML snapshot of the corpus was fetched from, read from the corpus only: its row
 * in SOURCES.md names the Open Terms Archive repository and path (`<Service>/<Terms type>[ #<page
 * id>].html`); the declaration of that service in that collection (declarations/by-collection)
 * names the URL it fetches for that terms type, or for a document combined from several pages the
 * one whose page id the file name carries. Nothing here guesses a URL: when the corpus does not
 * give one, `url` is null and `reason` says why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, readCorpus, sourceRows } from './corpus';

export interface SnapshotSource {
  /** Corpus path of the HTML snapshot. */
  file: string;
  /** policies/<dir>/html/… */
  corpusDir: string;
  /** OTA collection of the snapshot repository (genai-eu, india, demo, contrib…). */
  collection: string;
  service: string;
  termsType: string;
  /** The page id after "#" in the snapshot's name (a document combined from several pages). */
  pageId?: string;
  /** The snapshot's date as SOURCES.md gives it (not always a date). */
  date: string;
  /** The text version extracted from the snapshot, when SOURCES.md names one. */
  companion?: string;
  /** A verbatim excerpt of the page rather than the whole snapshot (SOURCES.md says so). */
  excerpt: boolean;
  /** The URL it was fetched from, or null. */
  url: string | null;
  /**
   * How Open Terms Archive extracted the text from this page (its declaration's CSS selectors):
   * what its quotes were copied from. Range selectors are left out (then `select` is empty: all).
   */
  extract: { select: string[]; remove: string[] };
  /** Where `url` comes from, or why there is none. */
  reason: string;
}

type Selectors = string | Array<string | object> | object;
interface Page {
  fetch?: string;
  select?: Selectors;
  remove?: Selectors;
}
type Terms = Record<string, Page & { combine?: Page[] }>;
/** OTA declarations: `terms` since OTA 1.0, `documents` in older copies (tosdr). */
interface Declaration {
  name: string;
  terms?: Terms;
  documents?: Terms;
}

function declaration(collection: string, service: string): Declaration | null {
  const path = join('declarations', 'by-collection', collection, `${service}.json`);
  return existsSync(join(CORPUS_DIR, path)) ? (JSON.parse(readCorpus(path)) as Declaration) : null;
}

const strings = (s: Selectors | undefined): string[] | null => {
  if (s === undefined) return [];
  const list = Array.isArray(s) ? s : [s];
  return list.every((x) => typeof x === 'string') ? (list as string[]) : null;
};

/** The pages a declaration fetches for one terms type (one, or one per combined page), with their selectors. */
function fetchedPages(
  decl: Declaration,
  termsType: string,
): Array<{ url: string; select: string[]; remove: string[] }> {
  const terms = (decl.terms ?? decl.documents)?.[termsType];
  if (!terms) return [];
  const pages = terms.fetch ? [terms] : (terms.combine ?? []);
  return pages.flatMap((p) => {
    if (!p.fetch) return [];
    // A combined page's own selectors replace the document's.
    const select = strings(p.select ?? terms.select) ?? [];
    const remove = strings(p.remove ?? terms.remove) ?? [];
    return [{ url: p.fetch, select, remove }];
  });
}

/**
 * OTA names the snapshot of one page of a combined document after the page's path, its slashes as
 * dashes ("/policies/eu-privacy-policy/" → "policies-eu-privacy-policy").
 */
export function pageIdOf(url: string): string {
  return new URL(url).pathname.replace(/^\/+|\/+$/g, '').replaceAll('/', '-');
}

/** The page's own canonical link and og:url (the raw snapshot, before scripts are stripped). */
export function declaredByPage(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/i.exec(tag)?.[1];
    if (/\brel="?canonical"?/i.test(tag) && href?.startsWith('https://')) out.push(href);
  }
  for (const m of html.matchAll(/<meta\b[^>]*property="og:url"[^>]*>/gi)) {
    const content = /\bcontent="([^"]+)"/i.exec(m[0])?.[1];
    if (content?.startsWith('https://')) out.push(content);
  }
  return out;
}

/** Every HTML snapshot listed in SOURCES.md, with the URL the corpus says it was fetched from. */
export function snapshotSources(): SnapshotSource[] {
  return sourceRows()
    .filter((r) => /^policies\/[^/]+\/html\/[^/]+\.html$/.test(r.file))
    .map((row) => {
      const corpusDir = row.file.split('/')[1] ?? '';
      const collection = /^OpenTermsArchive\/(.+)-snapshots$/.exec(row.repository)?.[1] ?? '';
      const m = /^([^/]+)\/(.+?)(?: #([^/]+))?\.html$/.exec(row.path);
      const service = m?.[1] ?? '';
      const termsType = m?.[2] ?? '';
      const pageId = m?.[3];
      const companion = /`(policies\/[^`]+\.md)`/.exec(row.url)?.[1];
      const excerpt = /\bexcerpt\b/i.test(row.url);
      const base = { file: row.file, corpusDir, collection, service, termsType, date: row.date, excerpt };
      const source: Omit<SnapshotSource, 'url' | 'reason' | 'extract'> = {
        ...base,
        ...(pageId ? { pageId } : {}),
        ...(companion ? { companion } : {}),
      };
      return { ...source, ...resolveUrl(source) };
    });
}

type Resolved = Pick<SnapshotSource, 'url' | 'reason' | 'extract'>;
const ALL = { select: [], remove: [] };

function resolveUrl(s: Omit<SnapshotSource, 'url' | 'reason' | 'extract'>): Resolved {
  const own = declaration(s.collection, s.service);
  if (own) {
    const pages = fetchedPages(own, s.termsType);
    const picked = s.pageId ? pages.filter((p) => pageIdOf(p.url) === s.pageId) : pages;
    if (picked.length === 1 && picked[0])
      return {
        url: picked[0].url,
        reason: `declared by ${s.collection} (${s.service} / ${s.termsType})`,
        extract: { select: picked[0].select, remove: picked[0].remove },
      };
    return {
      extract: ALL,
      url: null,
      reason: `${s.collection}'s ${s.service} declaration gives ${picked.length} URLs for ${s.termsType}${s.pageId ? ` #${s.pageId}` : ''}`,
    };
  }
  // The snapshot's own collection's declaration is not in the corpus. Another collection may declare
  // the same document; its URL is taken only where the page itself names it as its address.
  const others = ['pga', 'contrib', 'genai-eu', 'genai-contrib', 'dating', 'p2b-compliance', 'tosdr'].flatMap((c) => {
    const d = declaration(c, s.service);
    return d ? fetchedPages(d, s.termsType).map((p) => ({ c, ...p })) : [];
  });
  const onPage = new Set(declaredByPage(readCorpus(s.file)));
  const confirmed = others.filter((o) => onPage.has(o.url));
  if (confirmed[0] && new Set(confirmed.map((o) => o.url)).size === 1)
    return {
      url: confirmed[0].url,
      // Another collection's selectors need not fit this snapshot: its whole text is compared.
      extract: ALL,
      reason: `${s.collection}'s declaration is not in the corpus; ${confirmed[0].c} declares it for ${s.service} / ${s.termsType} and the page names it as its canonical address`,
    };
  return {
    url: null,
    extract: ALL,
    reason:
      `${s.collection}'s declaration is not in the corpus; other collections declare ` +
      `${others.map((o) => `${o.url} (${o.c})`).join(', ') || 'nothing'} for ${s.service} / ${s.termsType}, ` +
      `the page names ${[...onPage].join(', ') || 'no address'}: which one was fetched is not recorded`,
  };
}
