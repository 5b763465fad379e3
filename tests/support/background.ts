/**
 * The background's real pieces for unit tests: the store (fake-indexeddb), the data store with the
 * bundled feed, progress, walkthroughs and handlers, over WXT's fake browser storage. Tabs and
 * injection are recorded.
 */
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { openDataStore } from '../../utils/background/data-store';
import { createHandlers } from '../../utils/background/handlers';
import { openProgress } from '../../utils/background/progress';
import { createUpdates } from '../../utils/background/updates';
import { createWalkthroughs } from '../../utils/background/walkthroughs';
import { openStore } from '../../utils/db';
import type { FeedConfig } from '../../utils/feed/config';
import type { Feed } from '../../utils/schema';
import type { StorageArea } from '../../utils/storage';

export const EXT = 'policy-lens-test-id';

export async function makeBackground(
  options: {
    feed?: Feed;
    now?: () => Date;
    tabUrl?: string;
    session?: StorageArea;
    feedConfig?: FeedConfig;
    fetchFn?: typeof fetch;
    /** The browser's language (default: the handlers' own, en-US). */
    language?: string;
    injectPageUi?: (tabId: number, frameId: number) => Promise<unknown>;
  } = {},
) {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  const feed = options.feed ?? loadBundledFeed();
  const now = options.now ?? (() => new Date('2026-12-01T12:00:00Z'));
  const db = await openStore();
  const data = await openDataStore({
    db,
    now,
    bundled: { version: feed.version, sha256: 'a'.repeat(64), load: async () => ({ feed, sha256: 'a'.repeat(64) }) },
  });
  const progress = await openProgress(db, data);
  const navigations: Array<{ tabId: number; url: string }> = [];
  const injected: number[] = [];
  const walkthroughs = createWalkthroughs({
    session: options.session ?? fakeBrowser.storage.session,
    data,
    progress,
    tabs: {
      get: async () => ({ url: options.tabUrl ?? 'https://www.linkedin.com/feed/' }),
      update: async (tabId, details) => {
        navigations.push({ tabId, url: details.url });
      },
    },
    inject: async (tabId) => {
      injected.push(tabId);
    },
    now,
  });
  const scheduled: number[] = [];
  const updates = createUpdates({
    data,
    config: options.feedConfig ?? { kind: 'bundled-only', reason: 'This build has no update feed.' },
    fetchFn: options.fetchFn ?? (async () => Promise.reject(new Error('no network in unit tests'))),
    local: fakeBrowser.storage.local,
    schedule: (delayMs) => void scheduled.push(delayMs),
    now,
  });
  const toTabs: Array<{ tabId: number; message: unknown }> = [];
  const pageUi: Array<{ tabId: number; frameId: number }> = [];
  const handlers = createHandlers({
    data,
    progress,
    walkthroughs,
    updates,
    local: fakeBrowser.storage.local,
    session: options.session ?? fakeBrowser.storage.session,
    sendToTab: async (tabId, message) => {
      toTabs.push({ tabId, message });
    },
    now,
    languages: options.language ? [options.language] : undefined,
    injectPageUi:
      options.injectPageUi ??
      (async (tabId, frameId) => {
        pageUi.push({ tabId, frameId });
      }),
  });
  return {
    db,
    data,
    progress,
    walkthroughs,
    updates,
    handlers,
    navigations,
    injected,
    pageUi,
    scheduled,
    feed,
    toTabs,
  };
}
