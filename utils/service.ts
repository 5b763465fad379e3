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
  openStore,
  type PlatformRecord,
  type ProgressRecord,
  type ProvisionRecord,
  type Store,
  setProgress,
} from './db';
import { fetchFeedBytes, ingestFeed, parseFeedBytes, sha256Hex } from './feed';
import { buildMatchIndex, type MatchIndex, matchUrl, type PageMatch } from './match';
import type { CheckupItem, PlatformSummary, PlatformView, UserSettings } from './messages';
import { documentVersion } from './page';
import type { Handlers } from './protocol';
import { REGIONS } from './region';
import type { Agency, Category, Severity } from './schema';
import { compareSeverity } from './severity';
import type { ReadWriteArea } from './storage-area';
import { createWalkthroughHandlers, runsIn, type WalkthroughEnv } from './walkthrough/runs';

/**
 * What the background keeps in memory after start-up: the data is read from the store once
 * (it changes only on ingest), so a request costs at most a read of the user's progress.
 */
export interface ServiceState {
  db: Store;
  index: MatchIndex;
  platforms: PlatformRecord[];
  summaries: PlatformSummary[];
  /** Per platform, sorted most severe first. */
  provisions: Map<string, ProvisionRecord[]>;
  agencies: Agency[];
  checkup: CheckupItem[];
  meta: FeedMeta | null;
  /** The user's progress, kept in step with the store (the background is its only writer). */
  progress: ProgressRecord[];
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
  const [platforms, all, agencies, meta, progress] = await Promise.all([
    getPlatforms(db),
    db.getAll('provisions'),
    getAgencies(db),
    getFeedMeta(db),
    getProgress(db),
  ]);
  platforms.sort((a, b) => a.name.localeCompare(b.name));
  const provisions = new Map<string, ProvisionRecord[]>(platforms.map((p) => [p.id, []]));
  for (const provision of all) provisions.get(provision.platformId)?.push(provision);
  for (const [id, list] of provisions) provisions.set(id, sortProvisions(list));
  const summaries = platforms.map((p) => {
    const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
    for (const provision of provisions.get(p.id) ?? []) counts[provision.severity]++;
    return { id: p.id, name: p.name, domains: p.domains, counts };
  });
  return {
    db,
    index: buildMatchIndex(platforms),
    platforms,
    summaries,
    provisions,
    agencies,
    checkup: checkup(platforms, all),
    meta: meta ?? null,
    progress,
  };
}

export function sortProvisions(list: ProvisionRecord[]): ProvisionRecord[] {
  return [...list].sort((a, b) => compareSeverity(a.severity, b.severity) || a.title.localeCompare(b.title));
}

export function platformView(state: ServiceState, platformId: string): PlatformView | null {
  const platform = state.platforms.find((p) => p.id === platformId);
  if (!platform) return null;
  return { platform, provisions: state.provisions.get(platformId) ?? [] };
}

export function matchFor(state: ServiceState, url: string | undefined): PageMatch | null {
  return url ? (matchUrl(state.index, url) ?? null) : null;
}

/** Which practices the check-up puts first when a platform has several high-severity ones. */
const CHECKUP_PRIORITY: readonly Category[] = [
  'ai-training',
  'data-brokers',
  'sharing',
  'location',
  'biometrics',
  'sensitive-data',
  'advertising',
  'tracking',
  'profiling',
  'children',
];

function checkupRank(p: ProvisionRecord): number {
  const ranks = p.categories.map((c) => CHECKUP_PRIORITY.indexOf(c)).filter((r) => r >= 0);
  // Something the user can act on comes before something they can only read about.
  return (p.actions.length > 0 ? 0 : 100) + (ranks.length > 0 ? Math.min(...ranks) : CHECKUP_PRIORITY.length);
}

/** A short check-up: for each platform, its most pressing high-severity provision. */
function checkup(platforms: readonly PlatformRecord[], provisions: readonly ProvisionRecord[]): CheckupItem[] {
  const names = new Map(platforms.map((p) => [p.id, p.name]));
  const best = new Map<string, ProvisionRecord>();
  for (const p of provisions) {
    if (p.severity !== 'high') continue;
    const current = best.get(p.platformId);
    if (!current || checkupRank(p) < checkupRank(current)) best.set(p.platformId, p);
  }
  return [...best.values()]
    .map((p) => ({
      platformId: p.platformId,
      platformName: names.get(p.platformId) ?? p.platformId,
      provisionId: p.id,
      title: p.title,
      severity: p.severity,
      actionIds: p.actions.map((a) => a.id),
    }))
    .sort((a, b) => a.platformName.localeCompare(b.platformName));
}

/** What a tab shows: its page match and badge, or null when it is not on a tracked platform. */
export function tabStateFor(state: ServiceState, url: string | undefined): TabState | null {
  const match = matchFor(state, url);
  if (!match) return null;
  const summary = state.summaries.find((s) => s.id === match.platformId);
  return { match, badge: summary ? badgeFor(summary.name, summary.counts) : null };
}

/** Where user settings live (storage.local in the extension). */

const SETTINGS_KEY = 'settings';
const dismissKey = (platformId: string, documentId: string, versionId: string) =>
  `dismissed:${platformId}:${documentId}:${versionId}`;

async function readSettings(area: ReadWriteArea): Promise<UserSettings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<UserSettings> | undefined;
  const region = stored?.region;
  return { region: region && (REGIONS as readonly string[]).includes(region) ? region : null };
}

/** Whether the banner was dismissed for the captured text our data now holds for this page's version. */
async function isDismissed(
  state: ServiceState,
  settings: Pick<ReadWriteArea, 'get'>,
  match: PageMatch,
): Promise<boolean> {
  if (match.pageKind !== 'policy' || !match.documentId || !match.versionId) return false;
  const version = state.platforms
    .find((p) => p.id === match.platformId)
    ?.documents.find((d) => d.id === match.documentId)
    ?.versions.find((v) => v.id === match.versionId);
  if (!version) return false;
  const key = dismissKey(match.platformId, match.documentId, match.versionId);
  return (await settings.get(key))[key] === documentVersion(version);
}

export interface HandlerEnv {
  now?: () => Date;
  settings: ReadWriteArea;
  walkthroughs: Omit<WalkthroughEnv, 'now'>;
}

/**
 * Record an action as done, with the date and the feed version and policy date it was done
 * against, and refresh the in-memory progress.
 */
export async function markActionDone(
  state: ServiceState,
  provisionId: string,
  actionId: string,
  at: Date,
): Promise<ProgressRecord[]> {
  const provision = [...state.provisions.values()].flat().find((p) => p.id === provisionId);
  if (!provision?.actions.some((a) => a.id === actionId)) {
    throw new Error(`unknown action "${actionId}" of provision "${provisionId}"`);
  }
  await setProgress(state.db, {
    provisionId,
    actionId,
    doneAt: at.toISOString(),
    feedVersion: state.meta?.version ?? 0,
    documentLastUpdated: documentDate(state, provision),
  });
  state.progress = await getProgress(state.db);
  return state.progress;
}

/** The policy's own date of the newest captured version quoting a provision (what it was done against). */
function documentDate(state: ServiceState, provision: ProvisionRecord): string {
  const document = state.platforms
    .find((p) => p.id === provision.platformId)
    ?.documents.find((d) => d.id === provision.documentId);
  let newest = '';
  for (const quote of provision.quotes) {
    const date = document?.versions.find((v) => v.id === quote.versionId)?.capture?.documentLastUpdated ?? '';
    if (date > newest) newest = date;
  }
  return newest;
}

/** Reads (one key at a time) through a cache: the background is the only writer of these keys. */
function cachedArea(area: ReadWriteArea) {
  const cache = new Map<string, unknown>();
  return {
    async get(key: string): Promise<Record<string, unknown>> {
      if (!cache.has(key)) cache.set(key, (await area.get(key))[key]);
      return { [key]: cache.get(key) };
    },
    async set(items: Record<string, unknown>): Promise<void> {
      await area.set(items);
      for (const [k, v] of Object.entries(items)) cache.set(k, v);
    },
  };
}

export function createHandlers(ready: Promise<ServiceState>, env: HandlerEnv): Handlers {
  const now = env.now ?? (() => new Date());
  const settings = cachedArea(env.settings);
  return {
    ...createWalkthroughHandlers(ready, { ...env.walkthroughs, now }),
    async getPopupData({ tabUrl }) {
      const state = await ready;
      const match = matchFor(state, tabUrl);
      return {
        settings: await readSettings(settings),
        match,
        view: match ? platformView(state, match.platformId) : null,
        platforms: state.summaries,
        agencies: state.agencies,
        progress: state.progress,
        checkup: state.checkup,
        dataStatus: state.meta,
      };
    },
    async getPageInfo({ url }, sender) {
      const state = await ready;
      const match = matchFor(state, url);
      const tabId = sender.tab?.id;
      const walkthroughInTab = tabId !== undefined && (await runsIn(env.walkthroughs.session, tabId));
      if (!match || match.pageKind === 'other') {
        return { match, view: null, progress: [], dismissed: false, walkthroughInTab };
      }
      return {
        match,
        view: platformView(state, match.platformId),
        progress: state.progress,
        dismissed: await isDismissed(state, settings, match),
        walkthroughInTab,
      };
    },
    async dismissBanner({ platformId, documentId, versionId }, sender) {
      const state = await ready;
      // Only for a real document version of the platform the asking page is on.
      const page = matchFor(state, sender.url);
      const platform = state.platforms.find((p) => p.id === platformId);
      const version = platform?.documents.find((d) => d.id === documentId)?.versions.find((v) => v.id === versionId);
      if (page?.platformId !== platformId || !version) {
        throw new Error("dismissBanner: not a document of the page's platform");
      }
      await settings.set({ [dismissKey(platformId, documentId, versionId)]: documentVersion(version) });
      return null;
    },
    async getPlatformView({ platformId }) {
      return platformView(await ready, platformId);
    },
    async setActionDone({ provisionId, actionId, done }) {
      const state = await ready;
      if (done) return markActionDone(state, provisionId, actionId, now());
      await clearProgress(state.db, provisionId, actionId);
      state.progress = await getProgress(state.db);
      return state.progress;
    },
    async getDataStatus() {
      return (await ready).meta;
    },
    async setSettings(next) {
      await settings.set({ [SETTINGS_KEY]: next });
      return next;
    },
  };
}
