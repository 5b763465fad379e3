/**
 * The user's progress: which opt-out actions they did, when, and against which data. Kept in
 * the store (it survives every data update and upgrade) and mirrored in memory; the background
 * is its only writer.
 */
import {
  addProgress,
  clearAllProgress,
  clearProgress,
  getProgress,
  type ProgressRecord,
  type Store,
  setProgress,
} from '../db';
import { type MergePlan, planMerge } from '../progress-file';
import type { Platform, Provision } from '../schema';
import type { DataStore } from './data-store';

export interface ProgressStore {
  list(): readonly ProgressRecord[];
  /**
   * Record an action as done, after checking it exists in the current data; `seenOn` is the page a
   * walkthrough saw the setting in its wanted state on (absent when the user marked it by hand).
   */
  markDone(provisionId: string, actionId: string, at: Date, seenOn?: string): Promise<readonly ProgressRecord[]>;
  clear(provisionId: string, actionId: string): Promise<readonly ProgressRecord[]>;
  /** Merge imported records: only actions the current data has and the user has not marked already. */
  merge(incoming: readonly ProgressRecord[]): Promise<MergePlan & { records: readonly ProgressRecord[] }>;
  /** Forget every record ("Reset progress", after the user confirmed). */
  reset(): Promise<readonly ProgressRecord[]>;
}

/** The platform a provision id belongs to ("linkedin.ai-training" → "linkedin"). */
export function platformIdOf(provisionId: string): string {
  return provisionId.slice(0, Math.max(0, provisionId.indexOf('.')));
}

/** The policy's own date of the newest captured version quoting a provision (what it was done against). */
export function documentDate(platform: Platform, provision: Provision): string {
  const document = platform.documents.find((d) => d.id === provision.documentId);
  let newest = '';
  for (const quote of provision.quotes) {
    const date = document?.versions.find((v) => v.id === quote.versionId)?.capture?.documentLastUpdated ?? '';
    if (date > newest) newest = date;
  }
  return newest;
}

/**
 * `onWriteFailed`: the store refused a write (quota, a database gone bad under us). The change is
 * kept in memory for this run of the background and the failure reported, rather than lost.
 */
export async function openProgress(
  db: Store,
  data: DataStore,
  onWriteFailed: (error: unknown) => void = () => undefined,
): Promise<ProgressStore> {
  let records = await getProgress(db).catch((error: unknown) => {
    onWriteFailed(error);
    return [] as ProgressRecord[];
  });
  const key = (r: { provisionId: string; actionId: string }) => `${r.provisionId} ${r.actionId}`;
  return {
    list: () => records,
    async markDone(provisionId, actionId, at, seenOn) {
      const platform = await data.platform(platformIdOf(provisionId));
      const provision = platform?.provisions.find((p) => p.id === provisionId);
      if (!platform || !provision?.actions.some((a) => a.id === actionId)) {
        throw new Error(`unknown action "${actionId}" of provision "${provisionId}"`);
      }
      const record: ProgressRecord = {
        provisionId,
        actionId,
        doneAt: at.toISOString(),
        feedVersion: data.current().meta.version,
        documentLastUpdated: documentDate(platform, provision),
        ...(seenOn ? { seenOn } : {}),
      };
      try {
        await setProgress(db, record);
        records = await getProgress(db);
      } catch (error) {
        onWriteFailed(error);
        records = [...records.filter((r) => key(r) !== key(record)), record];
      }
      return records;
    },
    async clear(provisionId, actionId) {
      try {
        await clearProgress(db, provisionId, actionId);
        records = await getProgress(db);
      } catch (error) {
        onWriteFailed(error);
        records = records.filter((r) => key(r) !== key({ provisionId, actionId }));
      }
      return records;
    },
    async merge(incoming) {
      const platforms = new Map<string, Platform | undefined>();
      for (const id of new Set(incoming.map((r) => platformIdOf(r.provisionId)))) {
        platforms.set(id, await data.platform(id));
      }
      const plan = planMerge(records, incoming, (provisionId, actionId) =>
        Boolean(
          platforms
            .get(platformIdOf(provisionId))
            ?.provisions.find((p) => p.id === provisionId)
            ?.actions.some((a) => a.id === actionId),
        ),
      );
      if (plan.added.length > 0) await addProgress(db, plan.added);
      records = await getProgress(db);
      return { ...plan, records };
    },
    async reset() {
      await clearAllProgress(db);
      records = await getProgress(db);
      return records;
    },
  };
}
