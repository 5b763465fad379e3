/**
 * The background put together: the store, the data layer, progress, walkthroughs and the
 * request handlers, and the browser events they answer. Everything the browser provides comes in
 * as `env` (entrypoints/background.ts passes the real APIs; tests pass fakes). The message
 * listener is registered synchronously, as MV3 needs for events that wake the worker; handlers
 * wait for the data.
 */
import { applyBadge } from '../badge';
import { type ChangeSet, kvArea } from '../db';
import type { FeedConfig } from '../feed/config';
import { parseFeedBytes } from '../feed/verify';
import { t } from '../i18n';
import { matchableOf } from '../match';
import { CHANNEL, type DataChangedNotice } from '../messages';
import { createMessageListener, type SenderPolicy } from '../protocol';
import type { Platform } from '../schema';
import {
  BACKGROUND_ITEM_KEYS,
  moveItems,
  notifiedItem,
  removeLegacyKeys,
  type StorageArea,
  settingsItem,
} from '../storage';
import type { BundledFeed, DataStore } from './data-store';
import { type DynamicScriptsEnv, syncDynamicScripts } from './dynamic-scripts';
import { welcomeOnInstall } from './first-run';
import { type GpcEnv, syncGpc } from './gpc';
import { createHandlers } from './handlers';
import { guardPageIndex, pageIndexRecords, publishPageIndex, touchesPageIndex } from './page-index-publisher';
import { openProgress } from './progress';
import { HEALTHY, openStoreAndData, type StorageHealth } from './store-open';
import { createUpdates, UPDATE_ALARM, type Updates } from './updates';
import { createWalkthroughs, type Walkthroughs } from './walkthroughs';

/** The parts of the extension APIs the background uses. */
export interface BackgroundEnv {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: { addListener(listener: ReturnType<typeof createMessageListener>): void };
    onInstalled: { addListener(listener: (details: { reason: string }) => void): void };
    onStartup: { addListener(listener: () => void): void };
    /** Tell open extension pages (popup, settings). */
    sendMessage(message: unknown): Promise<unknown>;
  };
  storage: {
    local: StorageArea;
    session: StorageArea;
    onChanged: {
      addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    };
  };
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
    query(query: Record<string, never>): Promise<Array<{ id?: number; url?: string }>>;
    create(properties: { url: string }): Promise<unknown>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  /** Only in a build with a feed (the `alarms` permission comes with it). */
  alarms?: {
    create(name: string, info: { when: number }): Promise<void> | void;
    onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
  };
  scripting: DynamicScriptsEnv['scripting'] & GpcEnv['scripting'];
  /** declarativeNetRequest: the Global Privacy Control header rule. */
  dnr: GpcEnv['dnr'];
  permissions: DynamicScriptsEnv['permissions'] & {
    onAdded: { addListener(listener: () => void): void };
    onRemoved: { addListener(listener: () => void): void };
  };
  /** Present when the optional `notifications` permission is granted (checked before each use). */
  notifications?: {
    create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
  };
  /** The manifest content script's matches (the bundled platforms' domains). */
  manifestMatches: readonly string[];
  feedConfig: FeedConfig;
  fetchFn: typeof fetch;
  action: Parameters<typeof applyBadge>[0];
  /** Put the walkthrough overlay script into a tab. */
  injectWalkthrough(tabId: number): Promise<unknown>;
  /** Put the banner and chip UI script into one frame of a tab. */
  injectPageUi(tabId: number, frameId: number): Promise<unknown>;
  /** Read a file shipped with the extension. */
  fetchPackaged(url: string): Promise<ArrayBuffer>;
  /** Version and SHA-256 of the bundled feed, fixed at build time. */
  bundled: Pick<BundledFeed, 'version' | 'sha256'>;
  now?: () => Date;
}

export interface Background {
  /** Resolves when the data is loaded (or rejects when it cannot be). */
  ready: Promise<{ data: DataStore; walkthroughs: Walkthroughs; updates: Updates }>;
}

/** "LinkedIn: 2 changes; TikTok: a new platform." (in the user's language) */
export function changesInWords(changes: ChangeSet): string {
  return changes.platforms
    .map((p) => {
      if (p.added) return t('notify_new_platform', p.platformName);
      const n = p.provisions.length + p.documents.length;
      return n === 1 ? t('notify_one_change', p.platformName) : t('notify_changes', p.platformName, n);
    })
    .join('; ');
}

export const BUNDLED_FEED_PATH = '/data/feed.json';

export function startBackground(env: BackgroundEnv): Background {
  const now = env.now ?? (() => new Date());
  const report = (what: string) => (error: unknown) => console.warn(`Policy Lens: ${what}`, error);

  /** What went wrong with the saved data, for the popup and the settings page (utils/background/store-open.ts). */
  let health: StorageHealth = HEALTHY;
  const ready = (async () => {
    const opened = await openStoreAndData({
      now,
      bundled: {
        ...env.bundled,
        // The bundled feed ships inside the package: same checks as any feed, except its signature.
        load: async () => parseFeedBytes(await env.fetchPackaged(env.runtime.getURL(BUNDLED_FEED_PATH))),
      },
    });
    const { db, data } = opened;
    health = opened.health;
    // The background's own items live in the database, where no content script can write them.
    const user = kvArea(db);
    await moveItems(env.storage.local, user, BACKGROUND_ITEM_KEYS).catch(report('could not move old settings'));
    const matchable = async (platforms?: readonly Platform[]) => matchableOf(platforms ?? (await data.allPlatforms()));
    /** The page index for the current data; the platforms are read only when it must be written. */
    const publish = (platforms?: readonly Platform[]) =>
      publishPageIndex(env.storage.local, data.current().meta.sha256, () => matchable(platforms));
    /**
     * A change to a page-index key: compared with the index the data gives (built only then: our own
     * publish and a misbehaving writer are the only causes, never a page load).
     */
    const guard = async (changes: Record<string, { newValue?: unknown }>) =>
      touchesPageIndex(changes)
        ? guardPageIndex(env.storage.local, pageIndexRecords(data.current().meta.sha256, await matchable()), changes)
        : 0;
    const syncScripts = async () =>
      syncDynamicScripts(
        { scripting: env.scripting, permissions: env.permissions, manifestMatches: env.manifestMatches },
        await data.catalog(),
      );
    const settings = settingsItem(env.storage.local);
    /** Global Privacy Control as the setting says, on the current data's domains (utils/background/gpc.ts). */
    const syncPrivacyControl = async (on?: boolean) =>
      syncGpc(
        { dnr: env.dnr, scripting: env.scripting, permissions: env.permissions },
        on ?? (await settings.get()).gpc,
        await data.catalog(),
      );
    data.onChange((state, changes, platforms) => {
      publish(platforms).catch(report('could not publish the page index'));
      syncScripts().catch(report('could not register the content script for new platforms'));
      syncPrivacyControl().catch(report('could not apply Global Privacy Control'));
      announce(state.meta.version).catch(report('could not tell open pages'));
      if (changes && changes.platforms.length > 0) notify(changes).catch(report('could not notify'));
    });
    const onGrants = () => {
      syncScripts().catch(report('content script registration'));
      syncPrivacyControl().catch(report('could not apply Global Privacy Control'));
    };
    env.permissions.onAdded.addListener(onGrants);
    env.permissions.onRemoved.addListener(onGrants);
    const progress = await openProgress(db, data, (error) => {
      health = { problem: 'write-failed', progressKept: true, detail: String(error) };
    });
    const walkthroughs = createWalkthroughs({
      session: env.storage.session,
      data,
      progress,
      tabs: env.tabs,
      inject: env.injectWalkthrough,
      now,
    });
    const updates = createUpdates({
      data,
      config: env.feedConfig,
      fetchFn: env.fetchFn,
      local: user,
      schedule: (delayMs) => void env.alarms?.create(UPDATE_ALARM, { when: now().getTime() + delayMs }),
      now,
    });
    return { data, progress, walkthroughs, updates, user, guard, publish, syncScripts, syncPrivacyControl };
  })();
  /**
   * On every worker start, after the data is loaded and without holding up the first answer (a popup
   * that woke the worker waited for all of it: ~5 browser calls): the page index checked against the
   * data (content scripts read it; rewritten only when it differs), and the content-script
   * registration for feed platforms and the Global Privacy Control rule made whole (they persist, and
   * change with the data and the grants through the listeners above; this repairs a start that was
   * cut short between two calls, an update or a re-enabled extension).
   */
  const woken = ready
    .then(({ publish, syncScripts, syncPrivacyControl }) =>
      Promise.all([
        publish().catch(report('could not publish the page index')),
        // One after the other, as before: both change registered content scripts.
        syncScripts()
          .catch(report('could not register the content script for new platforms'))
          .then(() => syncPrivacyControl())
          .catch(report('could not apply Global Privacy Control')),
      ]),
    )
    .catch(() => undefined); // `ready` failing is reported once, below

  /** Open popups and settings pages re-read; pages of tracked platforms redraw their banner or chip. */
  const announce = async (version: number) => {
    const notice: DataChangedNotice = { channel: CHANNEL, notice: 'data-changed', version };
    await env.runtime.sendMessage(notice).catch(() => undefined); // no page open
    const { data } = await ready;
    const tabs = await env.tabs.query({});
    await Promise.all(
      tabs
        .filter((t) => t.id !== undefined && data.platformAt(t.url) !== undefined)
        .map((t) => env.tabs.sendMessage(t.id as number, notice).catch(() => undefined)),
    );
  };
  /** One notification per update that changed something, when the user turned alerts on. */
  const notify = async (changes: ChangeSet) => {
    const { user } = await ready;
    if (!(await settingsItem(user).get()).alerts || !env.notifications) return;
    if (!(await env.permissions.contains({ permissions: ['notifications'] }))) return;
    const notified = notifiedItem(user);
    if ((await notified.get()) >= changes.toVersion) return;
    await notified.set(changes.toVersion);
    await env.notifications.create(`policy-lens-update-${changes.toVersion}`, {
      type: 'basic',
      iconUrl: env.runtime.getURL('/icon/128.png'),
      title: t('notify_title'),
      message: t('notify_message', changesInWords(changes)),
    });
  };
  ready.catch((error: unknown) => console.error('Policy Lens: could not load data', error));

  const policy: Promise<SenderPolicy> = ready.then(({ data }) => ({
    extensionId: env.runtime.id,
    extensionOrigin: env.runtime.getURL('/'),
    isTrackedUrl: (url: string) => data.platformAt(url) !== undefined,
  }));
  const handlers = ready.then((r) =>
    createHandlers({
      ...r,
      local: r.user,
      session: env.storage.session,
      storageHealth: () => health,
      sendToTab: (tabId, message) => env.tabs.sendMessage(tabId, message),
      now,
      languages: globalThis.navigator?.languages,
      onSettings: async (next) => void (await r.syncPrivacyControl(next.gpc)),
      injectPageUi: env.injectPageUi,
    }),
  );
  env.runtime.onMessage.addListener(createMessageListener(handlers, policy));
  // A page-index entry changed by anyone but us is put back as the data has it.
  env.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    ready.then(({ guard }) => guard(changes)).catch(report('could not restore the page index'));
  });

  // Feed updates: on install, at browser start-up, and on the alarm each check sets for the next.
  const check = () => void ready.then(({ updates }) => updates.check()).catch(report('update check'));
  env.runtime.onInstalled.addListener(({ reason }) => {
    welcomeOnInstall({ getURL: env.runtime.getURL, openTab: (url) => env.tabs.create({ url }) }, { reason }).catch(
      report('could not open the welcome page'),
    );
    if (reason === 'update') removeLegacyKeys(env.storage).catch(report('could not remove old storage keys'));
    if (reason === 'install' || reason === 'update') check();
  });
  env.runtime.onStartup.addListener(check);
  env.alarms?.onAlarm.addListener(({ name }) => {
    if (name === UPDATE_ALARM) check();
  });

  // Badge each tab. Its URL is visible to us only on tracked platforms (host permissions):
  // elsewhere `tab.url` is undefined and the badge is cleared.
  const refresh = async (tabId: number, url: string | undefined) => {
    const { data } = await ready;
    const platformId = data.platformAt(url);
    const summary =
      platformId === undefined ? undefined : (await data.catalog()).summaries.find((s) => s.id === platformId);
    await applyBadge(env.action, tabId, summary);
  };
  env.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') refresh(tabId, tab.url).catch(report('badge'));
    // A walkthrough the user started in this tab: bring its overlay to each page that loads.
    if (change.status === 'complete') {
      ready
        .then(async ({ walkthroughs }) =>
          (await walkthroughs.runsIn(tabId, tab.url)) ? env.injectWalkthrough(tabId) : undefined,
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

  return {
    ready: Promise.all([ready, woken]).then(([{ data, walkthroughs, updates }]) => ({ data, walkthroughs, updates })),
  };
}
