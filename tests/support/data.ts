/** Test helpers over the compiled dataset: a provision's quote and evidence in a version of its document. */
import type { Platform, Provision } from '../../utils/schema';
import { evidenceIn, type VersionEvidence } from '../../utils/versions';

/** The provision's evidence in `versionId` (default: its first quoted version); throws when there is none. */
export function evidenceOf(platform: Platform, provision: Provision, versionId?: string): VersionEvidence {
  const document = platform.documents.find((d) => d.id === provision.documentId);
  const id = versionId ?? provision.quotes[0]?.versionId ?? '';
  const evidence = document && evidenceIn(document, provision, id);
  if (!evidence) throw new Error(`${provision.id} has no quote in version "${id}"`);
  return evidence;
}

/** The provision's quote in `versionId` (default: its first quoted version). */
export function quoteOf(platform: Platform, provision: Provision, versionId?: string): string {
  return evidenceOf(platform, provision, versionId).quote;
}

export interface QuoteCase {
  /** "<provision id>/<version id>" */
  key: string;
  platform: Platform;
  provision: Provision;
  evidence: VersionEvidence;
}

/** Every quote of every provision, one case per document version quoted. */
export function allQuotes(platforms: readonly Platform[]): QuoteCase[] {
  return platforms.flatMap((platform) =>
    platform.provisions.flatMap((provision) =>
      provision.quotes.map((q) => ({
        key: `${provision.id}/${q.versionId}`,
        platform,
        provision,
        evidence: evidenceOf(platform, provision, q.versionId),
      })),
    ),
  );
}

/** LinkedIn as the UI gets it: the platform record and its provisions sorted as the background sends them. */
export function linkedinView(platforms: readonly Platform[]) {
  const full = platforms.find((p) => p.id === 'linkedin');
  if (!full) throw new Error('LinkedIn missing from the dataset');
  const { provisions, ...platform } = full;
  const records = provisions.map((p) => ({ ...p, platformId: 'linkedin' }));
  const ai = records.find((p) => p.id === 'linkedin.ai-training');
  if (!ai) throw new Error('linkedin.ai-training missing');
  return { full, platform, records, ai, aiEvidence: evidenceOf(full, ai) };
}
