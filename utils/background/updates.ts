/**
 * Remote feed updates in the background: one check at a time (an alarm and "Update now" that
 * meet share one check), its outcome kept in storage for the settings page and the popup, and
 * after a check the next one scheduled, 12 h ± 1 h later. The check itself (fetch → verify →
 * replace) is utils/feed/update.ts; this module gives it the data store and the status item.
 */
import type { FeedConfig } from '../feed/config';
import { nextCheckDelay, runUpdate, type UpdateOutcome } from '../feed/update';
import type { UpdateStatus } from '../schema';
import { type StorageArea, updateStatusItem } from '../storage';
import type { DataStore } from './data-store';

export const UPDATE_ALARM = 'feed-update';

export interface UpdatesEnv {
  data: DataStore;
  config: FeedConfig;
  fetchFn: typeof fetch;
  local: StorageArea;
  /** Schedule the next check `delayMs` from now (alarms in the extension). */
  schedule(delayMs: number): void;
  now: () => Date;
  random?: () => number;
}

export interface Updates {
  readonly config: FeedConfig;
  /** Check now, unless a check is running: then its result. Never rejects. */
  check(): Promise<{ outcome: UpdateOutcome; status: UpdateStatus }>;
  status(): Promise<UpdateStatus | null>;
}

export function createUpdates(env: UpdatesEnv): Updates {
  const status = updateStatusItem(env.local);
  let running: Promise<{ outcome: UpdateOutcome; status: UpdateStatus }> | null = null;

  const checkNow = async () => {
    try {
      return await runUpdate({
        fetchFn: env.fetchFn,
        config: env.config,
        now: env.now,
        store: {
          current: async () => {
            const { meta } = env.data.current();
            return { version: meta.version, sha256: meta.sha256, source: meta.source, etag: meta.etag ?? null };
          },
          replace: async (feed, info) => {
            await env.data.replace(feed, {
              sha256: info.sha256,
              source: info.source,
              ...(info.etag ? { etag: info.etag } : {}),
            });
          },
        },
        status: { read: () => status.get(), write: (s) => status.set(s) },
      });
    } finally {
      // A build without a feed never schedules anything.
      if (env.config.kind === 'remote') env.schedule(nextCheckDelay(env.random));
    }
  };

  return {
    config: env.config,
    check() {
      running ??= checkNow().finally(() => {
        running = null;
      });
      return running;
    },
    status: () => status.get(),
  };
}
