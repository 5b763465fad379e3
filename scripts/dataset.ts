/**
 * Build-time compilation of the dataset sources (public/data/platforms/*.json and
 * public/data/agencies.json) into the bundled feed. Used by wxt.config.ts and the tests;
 * never bundled into the extension (it pulls in tldts).
 */
import { getDomain } from 'tldts';
import * as z from 'zod/mini';
import { domainPatterns } from '../utils/host-patterns';
import { feedIntegrityErrors } from '../utils/integrity';
import { linkHosts } from '../utils/links';
import {
  type AgencyRef,
  datasetSchemas,
  type Feed,
  type Platform,
  type PolicyDocument,
  type ProvisionRef,
  parseWith,
  SCHEMA_VERSION,
  type SourceAgency,
  type SourcePlatform,
  type SourceProvision,
} from '../utils/schema';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** A platform of the dataset with its references expanded: full records, with what only the sources hold. */
export type DatasetPlatform = Omit<SourcePlatform, 'provisions'> & { provisions: SourceProvision[] };

/**
 * The dataset as the sources hold it, references expanded: what the dataset test checks (the
 * rubric's inputs, practices, URL sources). The feed is made from it by leaving out what the
 * extension never reads (feedOf).
 */
export interface Dataset {
  agencies: SourceAgency[];
  /** Sorted by id. */
  platforms: DatasetPlatform[];
}

/** A deterministic, monotonic version: the newest verification or first-tracked date as YYYYMMDD. */
function versionOf(platforms: readonly DatasetPlatform[]): { version: number; generatedAt: string } {
  let newest = '2026-01-01';
  for (const p of platforms) {
    for (const prov of p.provisions) if (prov.firstTracked > newest) newest = prov.firstTracked;
    for (const doc of p.documents)
      for (const v of doc.versions) if (v.capture && v.capture.verifiedAt > newest) newest = v.capture.verifiedAt;
  }
  return { version: Number(newest.replaceAll('-', '')), generatedAt: `${newest}T00:00:00Z` };
}

type Parsed = { platform: Omit<SourcePlatform, 'provisions'>; entries: Array<SourceProvision | ProvisionRef> };

/** A source file: the platform, and each provision entry as a full record or (no title) a reference. */
function parseSource(raw: unknown, where: string, problems: string[]): Parsed | null {
  const parsed = parseWith(datasetSchemas().SourcePlatform, raw);
  if (!parsed.ok) {
    problems.push(`${where}: ${parsed.error}`);
    return null;
  }
  const { provisions, ...platform } = parsed.value;
  const entries: Array<SourceProvision | ProvisionRef> = [];
  provisions.forEach((entry, i) => {
    const isRef = typeof entry === 'object' && entry !== null && !('title' in entry);
    const result = isRef
      ? parseWith(datasetSchemas().ProvisionRef, entry)
      : parseWith(datasetSchemas().SourceProvision, entry);
    if (result.ok) entries.push(result.value);
    else problems.push(`${where} provisions[${i}]${isRef ? ' (a reference: it has no title)' : ''}: ${result.error}`);
  });
  return { platform, entries };
}

const sameAgencies = (a: readonly AgencyRef[], b: readonly AgencyRef[] | undefined) =>
  b !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Expand references: a ProvisionRef takes the referenced record's assessment (title, severity and
 * its inputs, categories, why it matters, impact) and brings its own quotes, document and date, and
 * its platform's agencies unless it lists its own. A reference without a document of its own uses
 * the referenced record's document and quotes: that document is copied into this platform, marked
 * with the platform it comes from.
 */
function expand(parsed: Parsed[], problems: string[]): DatasetPlatform[] {
  const full = new Map<string, { provision: SourceProvision; platform: Parsed['platform'] }>();
  for (const p of parsed)
    for (const e of p.entries) if ('title' in e) full.set(e.id, { provision: e, platform: p.platform });
  return parsed.map(({ platform, entries }) => {
    const shared: PolicyDocument[] = [];
    const provisions = entries.flatMap((entry): SourceProvision[] => {
      // A list equal to the platform's says nothing: it is left out, so that a change of the platform's reaches it.
      if (entry.agencies && sameAgencies(entry.agencies, platform.agencies))
        problems.push(`provision "${entry.id}": lists the same agencies as its platform; leave them out`);
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
      const expanded: SourceProvision = {
        ...base,
        id,
        sameAs,
        documentId: documentId ?? base.documentId,
        quotes: quotes ?? base.quotes,
        actions: actions ?? [],
        firstTracked,
      };
      delete expanded.agencies;
      delete expanded.absentFrom;
      delete expanded.differences;
      delete expanded.caveat;
      if (agencies) expanded.agencies = agencies;
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

/** The dataset sources, parsed and with references expanded; throws a DatasetError listing every problem. */
export function compileDataset(sources: { platforms: unknown[]; agencies: unknown }): Dataset {
  const problems: string[] = [];
  const parsed = sources.platforms.flatMap((raw, i) => parseSource(raw, `platform file #${i + 1}`, problems) ?? []);
  const platforms = expand(parsed, problems);
  const agencies = parseWith(z.array(datasetSchemas().SourceAgency), sources.agencies);
  if (!agencies.ok) problems.push(`agencies: ${agencies.error}`);
  for (const p of platforms) {
    for (const domain of linkHosts(p)) {
      if (getDomain(domain) !== domain) problems.push(`platform "${p.id}": ${domain} is not a registrable domain`);
    }
  }
  if (problems.length > 0 || !agencies.ok) throw new DatasetError(problems.join('\n'));
  return { agencies: agencies.value, platforms: [...platforms].sort((a, b) => a.id.localeCompare(b.id)) };
}

/**
 * The feed made from the dataset: everything the extension shows or matches on, without what only
 * the dataset's checks read (the rubric's inputs and practice, where action and complaint URLs come
 * from, walkthrough provenance: 45 KB of the 552 KB feed before schema v3). Checked by the feed
 * schema and the integrity checks, as any feed is before the extension stores it.
 */
export function feedOf(dataset: Dataset, stamp?: { version: number; generatedAt: string }): Feed {
  const platforms = dataset.platforms.map(
    (p): Platform => ({
      ...p,
      provisions: p.provisions.map(({ severityInputs: _inputs, practice: _practice, actions, ...provision }) => ({
        ...provision,
        actions: actions.map(({ source: _source, ...action }) => action),
      })),
      walkthroughs: p.walkthroughs.map(({ provenance: _provenance, ...walkthrough }) => walkthrough),
    }),
  );
  const feed: Feed = {
    schemaVersion: SCHEMA_VERSION,
    ...(stamp ?? versionOf(dataset.platforms)),
    agencies: dataset.agencies.map(({ source: _source, ...agency }) => agency),
    platforms,
  };
  const checked = parseWith(datasetSchemas().Feed, feed);
  if (!checked.ok) throw new DatasetError(checked.error);
  const errors = feedIntegrityErrors(feed);
  if (errors.length > 0) throw new DatasetError(errors.join('\n'));
  return feed;
}

/**
 * `stamp` sets version and generatedAt (the feed CLI stamps its build time); without it both
 * derive from the data (the bundled snapshot: YYYYMMDD, reproducible across builds).
 */
export function compileFeed(
  sources: { platforms: unknown[]; agencies: unknown },
  stamp?: { version: number; generatedAt: string },
): Feed {
  return feedOf(compileDataset(sources), stamp);
}

/** Match patterns for host permissions and content-script matches: every platform domain and its subdomains. */
export function hostMatchPatterns(platforms: readonly Platform[]): string[] {
  return domainPatterns(platforms.flatMap((p) => p.domains));
}
