/**
 * The background put together: the store, the data layer, progress, walkthroughs and the
 * request handlers, and the browser events they answer. Everything the browser provides comes in
 * as `env` (entrypoints/background.ts passes the real APIs; tests pass fakes). The message
 * listener is registered synchronously, as MV3 needs for events that wake the worker; handlers
 * wait for the data.
 */
import { applyBadge } from '../badge';
import { openStore } from '../db';
import { parseFeedBytes } from '../feed';
import { publishPageIndex } from '../page-index';
import { createMessageListener, type SenderPolicy } from '../protocol';
import { removeLegacyKeys, type StorageArea } from '../storage';
import { type BundledFeed, type DataStore, openDataStore } from './data-store';
import { createHandlers, matchFor } from './handlers';
import { openProgress } from './progress';
import { createWalkthroughs, type Walkthroughs } from './walkthroughs';

/** The parts of the extension APIs the background uses. */
export interface BackgroundEnv {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: { addListener(listener: ReturnType<typeof createMessageListener>): void };
    onInstalled: { addListener(listener: (details: { reason: string }) => void): void };
  };
  storage: { local: StorageArea; session: StorageArea };
  tabs: {
    get(tabId: number): Promise<{ url?: string }>;
    update(tabId: number, details: { url: string }): Promise<unknown>;
    onUpdated: {
      addListener(
        listener: (tabId: number, change: { url?: string; status?: string }, tab: { url?: string }) => void,
      ): void;
    };
    onActivated: { addListener(listener: (info: { tabId: number }) => void): void };
    onRemoved: { addListener(listener: (tabId: number) => void): void };
  };
  action: Parameters<typeof applyBadge>[0];
  /** Put the walkthrough overlay script into a tab. */
  injectWalkthrough(tabId: number): Promise<unknown>;
  /** Read a file shipped with the extension. */
  fetchPackaged(url: string): Promise<ArrayBuffer>;
  /** Version and SHA-256 of the bundled feed, fixed at build time. */
  bundled: Pick<BundledFeed, 'version' | 'sha256'>;
  now?: () => Date;
}

export interface Background {
  /** Resolves when the data is loaded (or rejects when it cannot be). */
  ready: Promise<{ data: DataStore; walkthroughs: Walkthroughs }>;
}

export const BUNDLED_FEED_PATH = '/data/feed.json';

export function startBackground(env: BackgroundEnv): Background {
  const now = env.now ?? (() => new Date());
  const report = (what: string) => (error: unknown) => console.warn(`Policy Lens: ${what}`, error);

  const ready = (async () => {
    const db = await openStore();
    const data = await openDataStore({
      db,
      now,
      bundled: {
        ...env.bundled,
        // The bundled feed ships inside the package: same checks as any feed, except its signature.
        load: async () => parseFeedBytes(await env.fetchPackaged(env.runtime.getURL(BUNDLED_FEED_PATH))),
      },
    });
    const publish = () => {
      const { meta, catalog } = data.current();
      return publishPageIndex(env.storage.local, meta.sha256, catalog.matchable);
    };
    data.onChange(() => void publish().catch(report('could not publish the page index')));
    await publish();
    const progress = await openProgress(db, data);
    const walkthroughs = createWalkthroughs({
      session: env.storage.session,
      data,
      progress,
      tabs: env.tabs,
      inject: env.injectWalkthrough,
      now,
    });
    return { data, progress, walkthroughs };
  })();
  ready.catch((error: unknown) => console.error('Policy Lens: could not load data', error));

  const policy: Promise<SenderPolicy> = ready.then(({ data }) => ({
    extensionId: env.runtime.id,
    extensionOrigin: env.runtime.getURL('/'),
    isTrackedUrl: (url: string) => matchFor(data, url) !== null,
  }));
  const handlers = ready.then((r) => createHandlers({ ...r, local: env.storage.local, now }));
  env.runtime.onMessage.addListener(createMessageListener(handlers, policy));

  env.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'update') removeLegacyKeys(env.storage).catch(report('could not remove old storage keys'));
  });

  // Badge each tab. Its URL is visible to us only on tracked platforms (host permissions):
  // elsewhere `tab.url` is undefined and the badge is cleared.
  const refresh = async (tabId: number, url: string | undefined) => {
    const { data } = await ready;
    const match = matchFor(data, url);
    const summary = match ? data.current().catalog.summaries.find((s) => s.id === match.platformId) : undefined;
    await applyBadge(env.action, tabId, summary);
  };
  env.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') refresh(tabId, tab.url).catch(report('badge'));
    // A walkthrough the user started in this tab: bring its overlay to each page that loads.
    if (change.status === 'complete') {
      ready
        .then(async ({ walkthroughs }) =>
          (await walkthroughs.runsIn(tabId)) ? env.injectWalkthrough(tabId) : undefined,
        )
        .catch(report('walkthrough overlay'));
    }
  });
  env.tabs.onActivated.addListener(({ tabId }) => {
    env.tabs
      .get(tabId)
      .then((tab) => refresh(tabId, tab.url))
      .catch(report('badge'));
  });
  env.tabs.onRemoved.addListener((tabId) => {
    ready.then(({ walkthroughs }) => walkthroughs.forgetTab(tabId)).catch(report('walkthrough cleanup'));
  });

  return { ready: ready.then(({ data, walkthroughs }) => ({ data, walkthroughs })) };
}
