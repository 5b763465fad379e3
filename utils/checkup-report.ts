/**
 * "Export my check-up": for each platform in the user's check-up (those they have progress on,
 * and those they chose in the settings; Policy Lens records no browsing history), its provisions
 * by severity, split into still open and acted on, with what was done and when, the opt-outs and
 * agencies of the user's region (utils/region.ts, as everywhere), the evidence and a citation.
 * Pure: the background passes the data, the progress and the date; the page renders it (printable
 * page, Markdown). Nothing here leaves the device.
 */

import { agenciesOf } from './agencies';
import { plainCitation } from './citation';
import type { ProgressRecord } from './db';
import { type Region, regional, resolveAgencies } from './region';
import type { Agency, Platform, Provision, Severity } from './schema';
import { compareSeverity } from './severity';
import { evidenceForRegion } from './versions';

export interface ReportEvidence {
  documentTitle: string;
  versionLabel: string | null;
  quote: string;
  sourceUrl: string;
  archiveUrl: string;
  waybackUrl: string;
  sha256: string;
  capturedAt: string;
  documentLastUpdated: string;
  verifiedAt: string;
  recordId: string;
  citation: string;
}

export interface ReportAction {
  id: string;
  label: string;
  url: string;
  verified: boolean;
  /** When the user marked it done, and the policy date it was done against. */
  done: { doneAt: string; documentLastUpdated: string } | null;
}

export interface ReportProvision {
  id: string;
  title: string;
  severity: Severity;
  whyItMatters: string;
  /** The region's opt-outs, plus any other the user did. */
  actions: ReportAction[];
  agencies: Array<Pick<Agency, 'id' | 'name' | 'jurisdiction' | 'complaintUrl' | 'basis'>>;
  /** No agency is listed for the region; these are the others. */
  agenciesElsewhere: boolean;
  /** Null when the region's version of the policy does not contain it (then `absentNote`). */
  evidence: ReportEvidence | null;
  absentNote: string | null;
}

export type ReportReason = 'progress' | 'chosen';

export interface ReportPlatform {
  id: string;
  name: string;
  reasons: ReportReason[];
  /** Nothing done yet, most severe first. */
  open: ReportProvision[];
  /** At least one action done, most severe first. */
  acted: ReportProvision[];
}

export interface CheckupReport {
  generatedAt: string;
  region: Region;
  dataVersion: number;
  platforms: ReportPlatform[];
}

/** What the background sends for a check-up (the page builds the report: this code stays out of the background). */
export type CheckupData = Omit<ReportInput, 'now'>;

export interface ReportInput {
  platforms: readonly Platform[];
  agencies: readonly Agency[];
  progress: readonly ProgressRecord[];
  /** Platform ids the user put in their check-up. */
  chosen: readonly string[];
  region: Region;
  dataVersion: number;
  now: Date;
}

/** The platforms a check-up covers, in order of name: those with progress and those chosen. */
export function checkupPlatformIds(progress: readonly ProgressRecord[], chosen: readonly string[]): string[] {
  const withProgress = progress.map((p) => p.provisionId.slice(0, Math.max(0, p.provisionId.indexOf('.'))));
  return [...new Set([...withProgress, ...chosen])].filter((id) => id !== '');
}

function provisionOf(
  platform: Platform,
  provision: Provision,
  input: Pick<ReportInput, 'agencies' | 'progress' | 'region'>,
): ReportProvision {
  const done = new Map(input.progress.filter((p) => p.provisionId === provision.id).map((p) => [p.actionId, p]));
  const r = regional(provision.actions, resolveAgencies(agenciesOf(platform, provision), input.agencies), input.region);
  const actions = provision.actions
    .filter((a) => r.actions.includes(a) || done.has(a.id))
    .map((a) => {
      const record = done.get(a.id);
      return {
        id: a.id,
        label: a.label,
        url: a.url,
        verified: a.verified,
        done: record ? { doneAt: record.doneAt, documentLastUpdated: record.documentLastUpdated } : null,
      };
    });
  const document = platform.documents.find((d) => d.id === provision.documentId);
  const shown = document ? evidenceForRegion(document, provision, input.region) : null;
  const e = shown?.evidence;
  return {
    id: provision.id,
    title: provision.title,
    severity: provision.severity,
    whyItMatters: provision.whyItMatters,
    actions,
    agencies: r.agencies.map(({ id, name, jurisdiction, complaintUrl, basis }) => ({
      id,
      name,
      jurisdiction,
      complaintUrl,
      basis,
    })),
    agenciesElsewhere: r.agenciesElsewhere,
    absentNote: shown?.state.kind === 'absent' ? shown.state.note : null,
    evidence:
      e && document
        ? {
            documentTitle: document.title,
            versionLabel: e.version.label ?? null,
            quote: e.quote,
            sourceUrl: e.capture.sourceUrl,
            archiveUrl: e.capture.archiveUrl,
            waybackUrl: e.capture.waybackUrl,
            sha256: e.capture.sha256,
            capturedAt: e.capture.capturedAt,
            documentLastUpdated: e.capture.documentLastUpdated,
            verifiedAt: e.capture.verifiedAt,
            recordId: e.recordId,
            citation: plainCitation({ platformName: platform.name, provision, document, evidence: e }),
          }
        : null,
  };
}

const bySeverity = (a: ReportProvision, b: ReportProvision) =>
  compareSeverity(a.severity, b.severity) || a.title.localeCompare(b.title);

export function buildCheckupReport(input: ReportInput): CheckupReport {
  const withProgress = new Set(checkupPlatformIds(input.progress, []));
  const ids = new Set(checkupPlatformIds(input.progress, input.chosen));
  const platforms = input.platforms
    .filter((p) => ids.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((platform): ReportPlatform => {
      const provisions = platform.provisions.map((p) => provisionOf(platform, p, input)).sort(bySeverity);
      const reasons: ReportReason[] = [];
      if (withProgress.has(platform.id)) reasons.push('progress');
      if (input.chosen.includes(platform.id)) reasons.push('chosen');
      return {
        id: platform.id,
        name: platform.name,
        reasons,
        open: provisions.filter((p) => !p.actions.some((a) => a.done)),
        acted: provisions.filter((p) => p.actions.some((a) => a.done)),
      };
    });
  return { generatedAt: input.now.toISOString(), region: input.region, dataVersion: input.dataVersion, platforms };
}
