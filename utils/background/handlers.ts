/**
 * The background's answers to the protocol's requests (utils/protocol.ts validates them and
 * checks the sender first). Data comes from the data store, progress from the progress store,
 * walkthrough requests go to the walkthroughs module.
 */

import { checkupPlatformIds } from '../checkup-report';
import { PAGE_UI_MESSAGES } from '../content/ui-strings';
import { displayFor } from '../display';
import { messageTable } from '../i18n';
import type { PageMatch } from '../match';
import { httpsCounterpart, servesUrl } from '../match';
import { CHANNEL, type ConfirmedNotice, type PageInfo, type PlatformView, type UpdatesInfo } from '../messages';
import { documentVersion } from '../page';
import { readProgressFile } from '../progress-file';
import { type Handlers, senderPage } from '../protocol';
import { effectiveRegion, type Region, regional, regionInUrl } from '../region';
import type { Platform } from '../schema';
import { type Dismissals, dismissalsItem, type StorageArea, settingsItem, type UserSettings } from '../storage';
import { versionAtUrl } from '../versions';
import { provisionRecords } from './catalog';
import type { DataStore } from './data-store';
import { createPending } from './pending';
import type { ProgressStore } from './progress';
import { HEALTHY, type StorageHealth } from './store-open';
import type { Updates } from './updates';
import type { Walkthroughs } from './walkthroughs';

export interface HandlerEnv {
  data: DataStore;
  progress: ProgressStore;
  walkthroughs: Walkthroughs;
  updates: Updates;
  /** Settings and dismissals: the database's `kv` store (the background is their only writer). */
  local: StorageArea;
  /** What went wrong with the saved data, if anything (utils/background/store-open.ts). */
  storageHealth?: () => StorageHealth;
  /** storage.session: clicks waiting for the popup (utils/background/pending.ts). */
  session: StorageArea;
  /** Tell a tab's walkthrough overlay (the user confirmed "Do it for me" in the popup). */
  sendToTab(tabId: number, message: ConfirmedNotice): Promise<unknown>;
  now?: () => Date;
  /** The browser's languages (navigator.languages), to guess the region before the user chose one. */
  languages?: readonly string[];
  /** Called after the settings changed (the background applies Global Privacy Control). */
  onSettings?: (settings: UserSettings) => Promise<void>;
  /** Put the banner and chip UI (entrypoints/page-ui) into one frame of a tab. */
  injectPageUi(tabId: number, frameId: number): Promise<unknown>;
}

export function viewOf(platform: Platform): PlatformView {
  const { provisions: _, ...record } = platform;
  return { platform: record, provisions: provisionRecords(platform) };
}

/** The view a tracked page gets: each provision with the opt-outs of the user's region only. */
export function regionalView(view: PlatformView, region: Region): PlatformView {
  return {
    ...view,
    provisions: view.provisions.map((p) => ({ ...p, actions: regional(p.actions, [], region).actions })),
  };
}

const dismissKey = (m: { platformId: string; documentId: string; versionId: string }) =>
  `${m.platformId}:${m.documentId}:${m.versionId}`;

/** Reads through a memory copy: the background is the only writer of the item. */
function cached<T>(item: { get(): Promise<T>; set(value: T): Promise<void> }) {
  let value: Promise<T> | null = null;
  return {
    get: () => {
      value ??= item.get();
      return value;
    },
    async set(next: T) {
      await item.set(next);
      value = Promise.resolve(next);
    },
  };
}

export function createHandlers(env: HandlerEnv): Handlers {
  const now = env.now ?? (() => new Date());
  const { data, progress, walkthroughs, updates } = env;
  const updatesInfo = async (): Promise<UpdatesInfo> => ({
    configured: updates.config.kind === 'remote',
    reason: updates.config.kind === 'remote' ? null : updates.config.reason,
    status: await updates.status(),
  });
  const settings = cached<UserSettings>(settingsItem(env.local));
  const dismissals = cached<Dismissals>(dismissalsItem(env.local));
  /** The page UI's messages (the browser's language does not change while the worker lives). */
  let uiStrings: Record<string, string> | null = null;

  const view = async (platformId: string): Promise<PlatformView | null> => {
    const platform = await data.platform(platformId);
    return platform ? viewOf(platform) : null;
  };

  const region = async (): Promise<Region> =>
    effectiveRegion((await settings.get()).region, env.languages ?? ['en-US']);

  /** The page's version for the user's region, where the address serves several (see versionAtUrl). */
  const forRegion = async (platform: Platform, match: PageMatch, url: string): Promise<PageMatch> => {
    const document = platform.documents.find((d) => d.id === match.documentId);
    if (match.pageKind !== 'policy' || !document) return match;
    // A country in the address (Google's gl=IE) wins over the user's region.
    const versionId = versionAtUrl(document, match.versionId, url, regionInUrl(url) ?? (await region()), (v, u) =>
      servesUrl(v.urls, v.select, u),
    );
    return versionId === match.versionId || versionId === undefined ? match : { ...match, versionId };
  };

  /** Whether the banner was dismissed for the captured text the data now holds for this page's version. */
  const isDismissed = async (platform: Platform, match: PageMatch): Promise<boolean> => {
    if (match.pageKind !== 'policy' || !match.documentId || !match.versionId) return false;
    const version = platform.documents
      .find((d) => d.id === match.documentId)
      ?.versions.find((v) => v.id === match.versionId);
    if (!version) return false;
    const key = dismissKey({ platformId: match.platformId, documentId: match.documentId, versionId: match.versionId });
    return (await dismissals.get())[key] === documentVersion(version);
  };

  const dismissBanner: Handlers['dismissBanner'] = async ({ platformId, documentId, versionId }, sender) => {
    // Only for a real document version of the platform the asking page is on.
    const page = await data.match(senderPage(sender));
    const platform = page?.platformId === platformId ? await data.platform(platformId) : undefined;
    const version = platform?.documents.find((d) => d.id === documentId)?.versions.find((v) => v.id === versionId);
    if (!version) throw new Error("dismissBanner: not a document of the page's platform");
    const next = {
      ...(await dismissals.get()),
      [dismissKey({ platformId, documentId, versionId })]: documentVersion(version),
    };
    await dismissals.set(next);
    return null;
  };
  const pending = createPending({
    session: env.session,
    data,
    walkthroughs,
    channel: CHANNEL,
    platformAt: (url) => data.platformAt(url),
    dismiss: ({ kind: _, ...target }, sender) => dismissBanner(target, sender),
    sendToTab: env.sendToTab,
  });

  return {
    startWalkthrough: walkthroughs.startWalkthrough,
    askInPopup: ({ action }, sender) => pending.ask(action, sender),
    getPending: ({ tabId }) => pending.view(tabId),
    confirmPending: ({ tabId, yes }) => pending.confirm(tabId, yes),
    getWalkthrough: walkthroughs.getWalkthrough,
    walkthroughEvent: walkthroughs.walkthroughEvent,
    finishWalkthrough: walkthroughs.finishWalkthrough,
    async getPopupData({ tabUrl }) {
      // The reads that do not depend on each other go together (each is a store read of a few ms).
      const [{ current, catalog, found, platform }, userSettings, updates] = await Promise.all([
        data.consistent(async () => {
          const [catalog, found] = await Promise.all([data.catalog(), data.match(tabUrl)]);
          // A plain-http page of a tracked platform: its data as general information, no match for the page.
          const insecureId = found ? undefined : data.platformAt(httpsCounterpart(tabUrl));
          const platformId = found?.platformId ?? insecureId;
          const platform = platformId === undefined ? undefined : await data.platform(platformId);
          return { current: data.current(), catalog, found, platform };
        }),
        settings.get(),
        updatesInfo(),
      ]);
      const match = found && platform && tabUrl ? await forRegion(platform, found, tabUrl) : found;
      return {
        settings: userSettings,
        match,
        view: platform ? viewOf(platform) : null,
        plainHttp: platform !== undefined && !found,
        platforms: catalog.summaries,
        agencies: catalog.agencies,
        progress: [...progress.list()],
        checkup: catalog.checkup,
        dataStatus: current.meta,
        changes: current.changes,
        updates,
        storage: env.storageHealth?.() ?? HEALTHY,
      };
    },
    async getPageInfo({ url: asked, uiLoaded }, sender) {
      // Only about the asking page (the browser's word for it): a content script on one platform
      // learns nothing of another's.
      const url = senderPage(sender);
      if (asked.split('#')[0] !== url.split('#')[0]) throw new Error('getPageInfo: only for the asking page');
      const tabId = sender.tab?.id;
      // (Independent reads side by side: every hop here is time before the page's banner.)
      const [walkthroughInTab, found, userSettings] = await Promise.all([
        tabId !== undefined && walkthroughs.showsOn(tabId, url),
        data.match(url),
        settings.get(),
      ]);
      const platform = found && found.pageKind !== 'other' ? await data.platform(found.platformId) : undefined;
      const display = displayFor(userSettings, found?.platformId);
      if (!found || !platform)
        return { match: found, view: null, dismissed: false, walkthroughInTab, display, ui: false };
      const match = await forRegion(platform, found, url);
      const dismissed = await isDismissed(platform, match);
      // A policy page of a document we flag nothing in (a cookie policy we track only to recognise) gets no UI.
      const flagged =
        match.pageKind === 'settings' || platform.provisions.some((p) => p.documentId === match.documentId);
      const show = !walkthroughInTab && flagged && (match.pageKind === 'settings' || (display.banner && !dismissed));
      // Into the asking frame of its own tab only: `url` is that frame's page as the browser reports
      // it (senderPage), which the page cannot set, checked against the payload above.
      const injecting = show && uiLoaded !== true && tabId !== undefined;
      // Not awaited: the page gets this answer while it runs the script (they arrive in either
      // order, utils/content/ui-hook.ts). An injection that fails (the frame went, access was
      // withdrawn) leaves the content script waiting in vain for a while, and nothing is shown.
      if (injecting) env.injectPageUi(tabId, sender.frameId ?? 0).catch(() => undefined);
      const info: PageInfo = {
        match,
        view: regionalView(viewOf(platform), await region()),
        dismissed,
        walkthroughInTab,
        display,
        ui: show && (uiLoaded === true || injecting),
      };
      if (injecting) {
        uiStrings ??= messageTable(PAGE_UI_MESSAGES);
        info.strings = uiStrings;
      }
      return info;
    },
    async setMarks({ marks }) {
      const next = { ...(await settings.get()), marks };
      await settings.set(next);
      await env.onSettings?.(next);
      return next;
    },
    dismissBanner,
    getPlatformView: ({ platformId }) => view(platformId),
    async setActionDone({ provisionId, actionId, done }) {
      const records = done
        ? await progress.markDone(provisionId, actionId, now())
        : await progress.clear(provisionId, actionId);
      return [...records];
    },
    async getDataStatus() {
      return data.current().meta;
    },
    async checkForUpdates() {
      await updates.check();
      return { updates: await updatesInfo(), dataStatus: data.current().meta };
    },
    async importProgress({ text }) {
      const read = readProgressFile(text);
      if (!read.ok) return { ok: false, refusal: read.refusal, detail: read.detail };
      const { added, skipped, records } = await progress.merge(read.file.records);
      return { ok: true, added, skipped, progress: [...records] };
    },
    async resetProgress() {
      return [...(await progress.reset())];
    },
    async getCheckupData() {
      const chosen = (await settings.get()).checkupPlatforms;
      const ids = checkupPlatformIds(progress.list(), chosen);
      const platforms = (await Promise.all(ids.map((id) => data.platform(id)))).filter((p) => p !== undefined);
      return {
        platforms,
        agencies: (await data.catalog()).agencies,
        progress: [...progress.list()],
        chosen,
        region: await region(),
        dataVersion: data.current().meta.version,
      };
    },
    async setSettings(changes) {
      const next = { ...(await settings.get()), ...changes };
      await settings.set(next);
      await env.onSettings?.(next);
      return next;
    },
  };
}
