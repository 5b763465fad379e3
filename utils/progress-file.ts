/**
 * Progress export and import: the file, and how an imported file merges into the progress the
 * user has. Merging never overwrites: an action already marked done here keeps its date; an
 * action the current data does not know is skipped; each skip says why, so the settings page can
 * tell the user exactly what was merged and what was not.
 */
import type { ProgressRecord } from './db';
import { type ProgressFile as File, parseWith, progressFileSchema } from './schema';

export const PROGRESS_FILE_FORMAT = 'policy-lens-progress';
/** Larger files are refused before parsing (a real export of every action is a few dozen KB). */
export const MAX_PROGRESS_FILE_CHARS = 2_000_000;

export function progressFile(records: readonly ProgressRecord[], now: Date): File {
  return {
    format: PROGRESS_FILE_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    records: records.map(({ provisionId, actionId, doneAt, feedVersion, documentLastUpdated }) => ({
      provisionId,
      actionId,
      doneAt,
      feedVersion,
      documentLastUpdated,
    })),
  };
}

/** Why a file was refused as a whole. */
export type ImportRefusal = 'too-large' | 'not-json' | 'not-progress' | 'invalid';

export type ReadResult = { ok: true; file: File } | { ok: false; refusal: ImportRefusal; detail: string };

/** Parse and validate an import's text (zod at the boundary: the file comes from anywhere). */
export function readProgressFile(text: string): ReadResult {
  if (text.length > MAX_PROGRESS_FILE_CHARS) {
    return { ok: false, refusal: 'too-large', detail: `${text.length} characters` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, refusal: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== PROGRESS_FILE_FORMAT) {
    return { ok: false, refusal: 'not-progress', detail: 'no "format": "policy-lens-progress"' };
  }
  const parsed = parseWith(progressFileSchema(), raw);
  return parsed.ok ? { ok: true, file: parsed.value } : { ok: false, refusal: 'invalid', detail: parsed.error };
}

export type SkipReason = 'already-done' | 'unknown-action' | 'repeated';

export interface Skipped {
  provisionId: string;
  actionId: string;
  reason: SkipReason;
  /** For `already-done`: the date kept (the one already here). */
  keptDoneAt?: string;
}

export interface MergePlan {
  added: ProgressRecord[];
  skipped: Skipped[];
}

/** What importing `incoming` into `existing` adds and skips; `knows` says whether the current data has the action. */
export function planMerge(
  existing: readonly ProgressRecord[],
  incoming: readonly ProgressRecord[],
  knows: (provisionId: string, actionId: string) => boolean,
): MergePlan {
  const key = (r: { provisionId: string; actionId: string }) => `${r.provisionId}\u0000${r.actionId}`;
  const here = new Map(existing.map((r) => [key(r), r]));
  const seen = new Set<string>();
  const plan: MergePlan = { added: [], skipped: [] };
  for (const record of incoming) {
    const k = key(record);
    const { provisionId, actionId } = record;
    const kept = here.get(k);
    if (seen.has(k)) plan.skipped.push({ provisionId, actionId, reason: 'repeated' });
    else if (kept) plan.skipped.push({ provisionId, actionId, reason: 'already-done', keptDoneAt: kept.doneAt });
    else if (!knows(provisionId, actionId)) plan.skipped.push({ provisionId, actionId, reason: 'unknown-action' });
    else plan.added.push(record);
    seen.add(k);
  }
  return plan;
}
