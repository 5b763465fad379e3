/**
 * The background's logic, free of browser globals: open the store, make sure it holds the
 * bundled feed, and answer the protocol's requests. entrypoints/background.ts wires it.
 */

import { badgeFor, type TabState } from './badge';
import {
  clearProgress,
  type FeedMeta,
  getAgencies,
  getFeedMeta,
  getPlatforms,
  getProgress,
  getProvisionsBySeverity,
  getProvisionsFor,
  openStore,
  type PlatformRecord,
  type ProvisionRecord,
  type Store,
  setProgress,
} from './db';
import { fetchFeedBytes, ingestFeed, parseFeedBytes, sha256Hex } from './feed';
import { buildMatchIndex, type MatchIndex, matchUrl, type PageMatch } from './match';
import type { CheckupItem, PlatformSummary, PlatformView } from './messages';
import type { Handlers } from './protocol';
import type { Severity } from './schema';
import { compareSeverity } from './severity';

export interface ServiceState {
  db: Store;
  index: MatchIndex;
  platforms: PlatformRecord[];
  summaries: PlatformSummary[];
  meta: FeedMeta | null;
}

export interface ServiceEnv {
  fetchFn: typeof fetch;
  /** URL of the feed bundled with the extension. */
  bundledFeedUrl: string;
  now?: () => Date;
}

/** Open the store and ingest the bundled feed when the store does not already hold it (or newer). */
export async function initService(env: ServiceEnv): Promise<ServiceState> {
  const db = await openStore();
  const bytes = await fetchFeedBytes(env.fetchFn, env.bundledFeedUrl);
  const current = await getFeedMeta(db);
  // Cheap path on every service-worker start: same bytes as stored → no parse, no write.
  if (!current || current.sha256 !== (await sha256Hex(bytes))) {
    const parsed = await parseFeedBytes(bytes);
    await ingestFeed(db, { ...parsed, source: 'bundled' }, env.now);
  }
  return loadState(db);
}

export async function loadState(db: Store): Promise<ServiceState> {
  const [platforms, meta] = await Promise.all([getPlatforms(db), getFeedMeta(db)]);
  const counts = new Map<string, Record<Severity, number>>();
  for (const p of platforms) counts.set(p.id, { high: 0, medium: 0, low: 0 });
  const all = await db.getAll('provisions');
  for (const provision of all) {
    const c = counts.get(provision.platformId);
    if (c) c[provision.severity]++;
  }
  platforms.sort((a, b) => a.name.localeCompare(b.name));
  const summaries = platforms.map((p) => ({
    id: p.id,
    name: p.name,
    domains: p.domains,
    counts: counts.get(p.id) ?? { high: 0, medium: 0, low: 0 },
  }));
  return { db, index: buildMatchIndex(platforms), platforms, summaries, meta: meta ?? null };
}

export function sortProvisions(list: ProvisionRecord[]): ProvisionRecord[] {
  return [...list].sort((a, b) => compareSeverity(a.severity, b.severity) || a.title.localeCompare(b.title));
}

export async function platformView(state: ServiceState, platformId: string): Promise<PlatformView | null> {
  const platform = state.platforms.find((p) => p.id === platformId);
  if (!platform) return null;
  return { platform, provisions: sortProvisions(await getProvisionsFor(state.db, platformId)) };
}

export function matchFor(state: ServiceState, url: string | undefined): PageMatch | null {
  return url ? (matchUrl(state.index, url) ?? null) : null;
}

async function checkup(state: ServiceState): Promise<CheckupItem[]> {
  const names = new Map(state.platforms.map((p) => [p.id, p.name]));
  const high = await getProvisionsBySeverity(state.db, 'high');
  return high
    .map((p) => ({
      platformId: p.platformId,
      platformName: names.get(p.platformId) ?? p.platformId,
      provisionId: p.id,
      title: p.title,
      severity: p.severity,
      actionIds: p.actions.map((a) => a.id),
    }))
    .sort((a, b) => a.platformName.localeCompare(b.platformName) || a.title.localeCompare(b.title));
}

/** What a tab shows: its page match and badge, or null when it is not on a tracked platform. */
export function tabStateFor(state: ServiceState, url: string | undefined): TabState | null {
  const match = matchFor(state, url);
  if (!match) return null;
  const summary = state.summaries.find((s) => s.id === match.platformId);
  return { match, badge: summary ? badgeFor(summary.name, summary.counts) : null };
}

export function createHandlers(ready: Promise<ServiceState>, now: () => Date = () => new Date()): Handlers {
  return {
    async getPopupData({ tabUrl }) {
      const state = await ready;
      const match = matchFor(state, tabUrl);
      const [view, agencies, progress, items] = await Promise.all([
        match ? platformView(state, match.platformId) : Promise.resolve(null),
        getAgencies(state.db),
        getProgress(state.db),
        checkup(state),
      ]);
      return { match, view, platforms: state.summaries, agencies, progress, checkup: items, dataStatus: state.meta };
    },
    async getPageInfo({ url }) {
      const state = await ready;
      const match = matchFor(state, url);
      if (!match || match.pageKind === 'other') return { match, view: null, progress: [] };
      const [view, progress] = await Promise.all([platformView(state, match.platformId), getProgress(state.db)]);
      return { match, view, progress };
    },
    async getPlatformView({ platformId }) {
      return platformView(await ready, platformId);
    },
    async setActionDone({ provisionId, actionId, done }) {
      const state = await ready;
      const provision = await state.db.get('provisions', provisionId);
      if (!provision?.actions.some((a) => a.id === actionId)) {
        throw new Error(`unknown action "${actionId}" of provision "${provisionId}"`);
      }
      if (done) {
        await setProgress(state.db, {
          provisionId,
          actionId,
          doneAt: now().toISOString(),
          feedVersion: state.meta?.version ?? 0,
          documentLastUpdated: provision.evidence.documentLastUpdated,
        });
      } else {
        await clearProgress(state.db, provisionId, actionId);
      }
      return getProgress(state.db);
    },
    async getDataStatus() {
      return (await ready).meta;
    },
  };
}
