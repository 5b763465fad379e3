/**
 * Document versions: which version of a document a user or a page gets, and a provision's quote
 * and evidence in that version. Pure functions of the data.
 */
import { appliesTo, type Region } from './region';
import type { Capture, DocumentVersion, PolicyDocument, Provision } from './schema';

type Doc = Pick<PolicyDocument, 'id' | 'title' | 'versions'>;
type QuotedProvision = Pick<Provision, 'id' | 'quotes' | 'absentFrom'>;

export function findVersion(document: Doc, versionId: string | undefined): DocumentVersion | undefined {
  return versionId === undefined ? undefined : document.versions.find((v) => v.id === versionId);
}

/**
 * The version meant for a user in `region`: one made for that region, else one for everyone, else
 * the document's first (default) version.
 */
export function versionForRegion(document: Doc, region: Region): DocumentVersion {
  const specific = document.versions.find((v) => !v.regions.includes('*') && appliesTo(v.regions, region));
  const everyone = document.versions.find((v) => v.regions.includes('*'));
  // versions has at least one element (schema).
  return specific ?? everyone ?? (document.versions[0] as DocumentVersion);
}

/**
 * The version a visitor gets at `url`: where several versions of the document are served at the
 * same address (Meta's printable policy, the EU and global texts by the visitor's location), the
 * one for the user's region among them; otherwise the one the URL matched.
 */
export function versionAtUrl(
  document: Doc,
  matched: string | undefined,
  url: string,
  region: Region,
  serves: (version: DocumentVersion, url: string) => boolean,
): string | undefined {
  const here = document.versions.filter((v) => serves(v, url));
  if (here.length < 2) return matched;
  return versionForRegion({ ...document, versions: here }, region).id;
}

/** What a provision says in one captured version of its document. */
export interface VersionEvidence {
  version: DocumentVersion;
  capture: Capture;
  quote: string;
  /** Stable id of this record: "<provision>/<version>@<capture date>". */
  recordId: string;
}

export function recordId(provisionId: string, versionId: string, capturedAt: string): string {
  return `${provisionId}/${versionId}@${capturedAt}`;
}

/** The provision's quote and capture in `versionId`, or null when that version has no quote of it. */
export function evidenceIn(document: Doc, provision: QuotedProvision, versionId: string): VersionEvidence | null {
  const version = findVersion(document, versionId);
  const quote = provision.quotes.find((q) => q.versionId === versionId);
  if (!version?.capture || !quote) return null;
  return {
    version,
    capture: version.capture,
    quote: quote.text,
    recordId: recordId(provision.id, version.id, version.capture.capturedAt),
  };
}

/** Why a version does not contain the provision, when the data says so. */
export function absenceIn(provision: QuotedProvision, versionId: string): string | null {
  return provision.absentFrom?.find((a) => a.versionId === versionId)?.note ?? null;
}

export type ProvisionInVersion =
  /** The version quotes it. */
  | { kind: 'quoted'; evidence: VersionEvidence }
  /** The version is known not to contain it. */
  | { kind: 'absent'; version: DocumentVersion; note: string }
  /** We hold no checked text of this version; `evidence` is from the version we did check (the first quoted). */
  | { kind: 'unchecked'; version: DocumentVersion; evidence: VersionEvidence | null };

/** A provision as it stands in `version`: quoted there, known absent, or not checked (with the nearest evidence). */
export function provisionIn(document: Doc, provision: QuotedProvision, version: DocumentVersion): ProvisionInVersion {
  const here = evidenceIn(document, provision, version.id);
  if (here) return { kind: 'quoted', evidence: here };
  const note = absenceIn(provision, version.id);
  if (note) return { kind: 'absent', version, note };
  const fallback = provision.quotes.map((q) => evidenceIn(document, provision, q.versionId)).find((e) => e !== null);
  return { kind: 'unchecked', version, evidence: fallback ?? null };
}

/** The evidence to show for a provision to a user in `region` (their version's, else the first quoted one). */
export function evidenceForRegion(
  document: Doc,
  provision: QuotedProvision,
  region: Region,
): { state: ProvisionInVersion; evidence: VersionEvidence | null } {
  const state = provisionIn(document, provision, versionForRegion(document, region));
  return { state, evidence: state.kind === 'absent' ? null : state.evidence };
}

/** The newest capture date among the versions of a document that a set of provisions quote. */
export function newestCapture(documents: readonly Doc[]): string {
  let newest = '';
  for (const d of documents)
    for (const v of d.versions) if (v.capture && v.capture.capturedAt > newest) newest = v.capture.capturedAt;
  return newest;
}
