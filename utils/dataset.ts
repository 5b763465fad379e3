/**
 * Build-time compilation of the dataset sources (public/data/platforms/*.json and
 * public/data/agencies.json) into the bundled feed. Used by wxt.config.ts and the tests;
 * never bundled into the extension (it pulls in tldts).
 */
import { getDomain } from 'tldts';
import * as z from 'zod/mini';
import { domainPatterns } from './host-patterns';
import { feedIntegrityErrors } from './integrity';
import { linkHosts } from './links';
import {
  Agency,
  type Feed,
  Feed as FeedSchema,
  type Platform,
  type PolicyDocument,
  Provision,
  ProvisionRef,
  parseWith,
  SCHEMA_VERSION,
  SourcePlatform,
} from './schema';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** A deterministic, monotonic version: the newest verification or first-tracked date as YYYYMMDD. */
function versionOf(platforms: Platform[]): { version: number; generatedAt: string } {
  let newest = '2026-01-01';
  for (const p of platforms) {
    for (const prov of p.provisions) if (prov.firstTracked > newest) newest = prov.firstTracked;
    for (const doc of p.documents)
      for (const v of doc.versions) if (v.capture && v.capture.verifiedAt > newest) newest = v.capture.verifiedAt;
  }
  return { version: Number(newest.replaceAll('-', '')), generatedAt: `${newest}T00:00:00Z` };
}

type Parsed = { platform: Omit<Platform, 'provisions'>; entries: Array<Provision | ProvisionRef> };

/** A source file: the platform, and each provision entry as a full record or (no title) a reference. */
function parseSource(raw: unknown, where: string, problems: string[]): Parsed | null {
  const parsed = parseWith(SourcePlatform, raw);
  if (!parsed.ok) {
    problems.push(`${where}: ${parsed.error}`);
    return null;
  }
  const { provisions, ...platform } = parsed.value;
  const entries: Array<Provision | ProvisionRef> = [];
  provisions.forEach((entry, i) => {
    const isRef = typeof entry === 'object' && entry !== null && !('title' in entry);
    const result = isRef ? parseWith(ProvisionRef, entry) : parseWith(Provision, entry);
    if (result.ok) entries.push(result.value);
    else problems.push(`${where} provisions[${i}]${isRef ? ' (a reference: it has no title)' : ''}: ${result.error}`);
  });
  return { platform, entries };
}

/**
 * Expand references: a ProvisionRef takes the referenced record's assessment (title, severity and
 * its inputs, categories, why it matters, impact) and brings its own quotes, document and date. A
 * reference without a document of its own uses the referenced record's document and quotes: that
 * document is copied into this platform, marked with the platform it comes from.
 */
function expand(parsed: Parsed[], problems: string[]): Platform[] {
  const full = new Map<string, { provision: Provision; platform: Parsed['platform'] }>();
  for (const p of parsed)
    for (const e of p.entries) if ('title' in e) full.set(e.id, { provision: e, platform: p.platform });
  return parsed.map(({ platform, entries }) => {
    const shared: PolicyDocument[] = [];
    const provisions = entries.flatMap((entry): Provision[] => {
      if ('title' in entry) return [entry];
      const found = full.get(entry.sameAs);
      if (!found) {
        problems.push(`provision "${entry.id}": sameAs "${entry.sameAs}" is not a full record in the dataset`);
        return [];
      }
      const { provision: base, platform: owner } = found;
      const { id, sameAs, documentId, quotes, absentFrom, actions, agencies, differences, caveat, firstTracked } =
        entry;
      if ((documentId === undefined) !== (quotes === undefined)) {
        problems.push(`provision "${id}": give both documentId and quotes, or neither (to use ${owner.id}'s document)`);
        return [];
      }
      const expanded: Provision = {
        ...base,
        id,
        sameAs,
        documentId: documentId ?? base.documentId,
        quotes: quotes ?? base.quotes,
        actions: actions ?? [],
        agencies: agencies ?? base.agencies,
        firstTracked,
      };
      delete expanded.absentFrom;
      delete expanded.differences;
      delete expanded.caveat;
      const absences = documentId === undefined ? base.absentFrom : absentFrom;
      if (absences) expanded.absentFrom = absences;
      if (differences) expanded.differences = differences;
      if (caveat) expanded.caveat = caveat;
      if (documentId === undefined && !shared.some((d) => d.id === base.documentId)) {
        const document = owner.documents.find((d) => d.id === base.documentId);
        if (document) shared.push({ ...structuredClone(document), sharedFrom: owner.id });
      }
      return [expanded];
    });
    for (const doc of shared) {
      if (platform.documents.some((d) => d.id === doc.id))
        problems.push(`platform "${platform.id}": document "${doc.id}" of "${doc.sharedFrom}" clashes with its own`);
    }
    return { ...platform, documents: [...platform.documents, ...shared], provisions };
  });
}

/**
 * `stamp` sets version and generatedAt (the feed CLI stamps its build time); without it both
 * derive from the data (the bundled snapshot: YYYYMMDD, reproducible across builds).
 */
export function compileFeed(
  sources: { platforms: unknown[]; agencies: unknown },
  stamp?: { version: number; generatedAt: string },
): Feed {
  const problems: string[] = [];
  const parsed = sources.platforms.flatMap((raw, i) => parseSource(raw, `platform file #${i + 1}`, problems) ?? []);
  const platforms = expand(parsed, problems);
  const agencies = parseWith(z.array(Agency), sources.agencies);
  if (!agencies.ok) problems.push(`agencies: ${agencies.error}`);
  for (const p of platforms) {
    for (const domain of linkHosts(p)) {
      if (getDomain(domain) !== domain) problems.push(`platform "${p.id}": ${domain} is not a registrable domain`);
    }
  }
  if (problems.length > 0 || !agencies.ok) throw new DatasetError(problems.join('\n'));
  const feed: Feed = {
    schemaVersion: SCHEMA_VERSION,
    ...(stamp ?? versionOf(platforms)),
    agencies: agencies.value,
    platforms: [...platforms].sort((a, b) => a.id.localeCompare(b.id)),
  };
  const checked = parseWith(FeedSchema, feed);
  if (!checked.ok) throw new DatasetError(checked.error);
  const errors = feedIntegrityErrors(feed);
  if (errors.length > 0) throw new DatasetError(errors.join('\n'));
  return feed;
}

/** Match patterns for host permissions and content-script matches: every platform domain and its subdomains. */
export function hostMatchPatterns(platforms: readonly Platform[]): string[] {
  return domainPatterns(platforms.flatMap((p) => p.domains));
}
