/**
 * One remote update check: fetch (conditional) → verify → replace, recording the outcome. Any
 * failure keeps the data in use (replace is not called) and records why, in plain words.
 * Scheduling and the store/status implementations are the background's; everything is injected.
 */
import type { Feed, UpdateStatus } from '../schema';
import type { FeedConfig } from './config';
import { FeedError } from './errors';
import { FEED_TIMEOUT_MS, fetchFeed } from './fetch';
import { MAX_FEED_BYTES, sha256Hex, verifyFeedBytes } from './verify';

export type { UpdateStatus };

/** What the store says about the data in use. */
export interface CurrentFeed {
  version: number;
  sha256: string;
  source: 'bundled' | 'remote';
  /** The ETag the server sent with the remote feed in use. */
  etag?: string | null;
}

export interface UpdateEnv {
  fetchFn: typeof fetch;
  config: FeedConfig;
  now: () => Date;
  store: {
    current(): Promise<CurrentFeed | null>;
    /** Swap all data in one transaction (or keep the old data and reject). */
    replace(feed: Feed, info: { sha256: string; etag: string | null; source: 'remote' }): Promise<void>;
  };
  status: {
    read(): Promise<UpdateStatus | null>;
    write(status: UpdateStatus): Promise<void>;
  };
  timeoutMs?: number;
  maxBytes?: number;
  subtle?: SubtleCrypto;
}

export type UpdateOutcome = 'updated' | 'up-to-date' | 'failed';

/** Persisted with the status; a schema error on a large feed could otherwise fill storage. */
const MAX_DETAIL_CHARS = 2000;
const NOT_CHANGED = 'Your data was not changed.';

export async function runUpdate(env: UpdateEnv): Promise<{ outcome: UpdateOutcome; status: UpdateStatus }> {
  const at = env.now().toISOString();
  // An unreadable status must not stop the check; it only loses the time of the last success.
  const previous = await env.status.read().catch(() => null);
  let current: CurrentFeed | null = null;
  const finish = async (outcome: UpdateOutcome, status: UpdateStatus) => {
    await env.status.write(status);
    return { outcome, status };
  };
  const fail = (error: FeedError) =>
    finish('failed', {
      lastCheckAt: at,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
      lastError: {
        at,
        code: error.code,
        message: error.code === 'not-configured' ? error.message : `${error.message} ${NOT_CHANGED}`,
        ...(error.detail ? { detail: error.detail.slice(0, MAX_DETAIL_CHARS) } : {}),
      },
      version: current?.version ?? previous?.version ?? null,
      source: current?.source ?? previous?.source ?? null,
    });
  const succeed = (outcome: UpdateOutcome, data: { version: number; source: 'bundled' | 'remote' } | null) =>
    finish(outcome, {
      lastCheckAt: at,
      lastSuccessAt: at,
      lastError: null,
      version: data?.version ?? null,
      source: data?.source ?? null,
    });

  const config = env.config;
  if (config.kind !== 'remote') return fail(new FeedError('not-configured', config.reason));
  try {
    current = await storeCall(() => env.store.current(), 'Policy Lens could not read the data stored on this device.');
    const fetched = await fetchFeed({
      fetchFn: env.fetchFn,
      url: config.url,
      etag: current?.source === 'remote' ? current.etag : null,
      timeoutMs: env.timeoutMs ?? FEED_TIMEOUT_MS,
      maxBytes: env.maxBytes ?? MAX_FEED_BYTES,
    });
    if (fetched.status === 'not-modified') return succeed('up-to-date', current);
    // The very bytes in use (e.g. the server lost its ETag): nothing to do, and not a replay.
    if (current && (await sha256Hex(fetched.bytes)) === current.sha256) return succeed('up-to-date', current);
    const verified = await verifyFeedBytes(fetched.bytes, fetched.signature, {
      publicKeys: config.publicKeys,
      currentVersion: current?.version ?? 0,
      requireSignature: true,
      maxBytes: env.maxBytes ?? MAX_FEED_BYTES,
      subtle: env.subtle,
    });
    await storeCall(
      () => env.store.replace(verified.feed, { sha256: verified.sha256, etag: fetched.etag, source: 'remote' }),
      'The update was checked but could not be saved on this device.',
    );
    return succeed('updated', { version: verified.feed.version, source: 'remote' });
  } catch (error) {
    return fail(
      error instanceof FeedError
        ? error
        : new FeedError('unexpected', 'The update check failed unexpectedly.', describe(error)),
    );
  }
}

async function storeCall<T>(call: () => Promise<T>, message: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new FeedError('store-failed', message, describe(error));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Twice a day, spread by ±1 h so that installs do not all ask the server at the same minute. */
export const CHECK_INTERVAL_MS = 12 * 60 * 60 * 1000;
export const CHECK_JITTER_MS = 60 * 60 * 1000;

/** Milliseconds until the next check; `random` returns [0, 1) like Math.random. */
export function nextCheckDelay(random: () => number = Math.random): number {
  const value = random();
  const r = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
  return Math.round(CHECK_INTERVAL_MS + (r * 2 - 1) * CHECK_JITTER_MS);
}
