import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import type { FeedConfig } from '../../../utils/feed/config';
import { type CurrentFeed, nextCheckDelay, runUpdate, type UpdateEnv } from '../../../utils/feed/update';
import { sha256Hex } from '../../../utils/feed/verify';
import { type Feed, parseWith, UpdateStatus } from '../../../utils/schema';
import { jsonBytes, makeKeyPair } from '../../support/feed-keys';

const URL_ = 'https://feed.policy-lens.test/v1/feed.json';
const bundled = loadBundledFeed();
const key = makeKeyPair();
const otherKey = makeKeyPair();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const config: FeedConfig = { kind: 'remote', url: URL_, publicKeys: [key.publicKey] };

/** The data in use before the check: the bundled snapshot. */
const bundledCurrent: CurrentFeed = { version: bundled.version, sha256: 'a'.repeat(64), source: 'bundled' };
const newer = (version = 20261201080000): Feed => ({ ...bundled, version, generatedAt: '2026-12-01T08:00:00Z' });

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

/** A fetch that answers from per-URL handlers built on real Response objects and records each call. */
function fakeFetch(routes: Record<string, Handler>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const handler = routes[url];
    return handler ? handler(init) : new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { fetchFn, calls };
}

/** The two files of a signed feed. */
function serve(bytes: Uint8Array<ArrayBuffer>, signature: string, headers: Record<string, string> = {}) {
  return {
    [URL_]: () => new Response(bytes, { headers: { 'content-type': 'application/json', etag: '"v2"', ...headers } }),
    [`${URL_}.sig`]: () => new Response(signature),
  };
}

function signed(value: unknown, signer = key) {
  const bytes = jsonBytes(value);
  return serve(bytes, signer.sign(bytes));
}

function harness(
  routes: Record<string, Handler>,
  current: CurrentFeed | null = bundledCurrent,
  extra?: Partial<UpdateEnv>,
) {
  const { fetchFn, calls } = fakeFetch(routes);
  const replaced: Array<{ feed: Feed; info: { sha256: string; etag: string | null; source: 'remote' } }> = [];
  const writes: UpdateStatus[] = [];
  let stored: UpdateStatus | null = null;
  const env: UpdateEnv = {
    fetchFn,
    config,
    now: () => NOW,
    store: {
      current: async () => current,
      replace: async (feed, info) => {
        replaced.push({ feed, info });
      },
    },
    status: {
      read: async () => stored,
      write: async (status) => {
        stored = status;
        writes.push(status);
      },
    },
    ...extra,
  };
  return { env, calls, replaced, writes };
}

/** The check ran and decided (a status was written), refused, and left the data alone. */
async function expectRefused(h: ReturnType<typeof harness>, code: string, message: RegExp) {
  const { outcome, status } = await runUpdate(h.env);
  expect(h.writes).toHaveLength(1);
  expect(h.writes[0]).toEqual(status);
  expect(parseWith(UpdateStatus, status).ok).toBe(true);
  expect(outcome).toBe('failed');
  expect(status.lastError?.code).toBe(code);
  expect(status.lastError?.message).toMatch(message);
  expect(status.lastError?.message).toMatch(/Your data was not changed\.$/);
  expect(status.lastCheckAt).toBe(NOW.toISOString());
  expect(status.version).toBe(bundledCurrent.version);
  expect(status.source).toBe('bundled');
  expect(h.replaced).toEqual([]);
  return status;
}

describe('runUpdate: success', () => {
  it('stores a newer, correctly signed feed once, with its hash and ETag, and records the success', async () => {
    const feed = newer();
    const bytes = jsonBytes(feed);
    const h = harness(serve(bytes, key.sign(bytes)));
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('updated');
    expect(h.replaced).toHaveLength(1);
    expect(h.replaced[0]?.feed).toEqual(feed);
    expect(h.replaced[0]?.info).toEqual({ sha256: await sha256Hex(bytes), etag: '"v2"', source: 'remote' });
    expect(status).toEqual({
      lastCheckAt: NOW.toISOString(),
      lastSuccessAt: NOW.toISOString(),
      lastError: null,
      version: feed.version,
      source: 'remote',
    });
    expect(parseWith(UpdateStatus, status).ok).toBe(true);
  });

  it('sends nothing about the user: no cookies, no referrer, no cache, no parameters; the .sig next to it', async () => {
    const h = harness(signed(newer()));
    await runUpdate(h.env);
    expect(h.calls.map((c) => c.url)).toEqual([URL_, `${URL_}.sig`]);
    for (const { init } of h.calls) {
      expect(init).toMatchObject({
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        redirect: 'manual',
      });
      expect(init?.signal).toBeInstanceOf(AbortSignal);
    }
    // The bundled data has no ETag: an unconditional request.
    expect(h.calls[0]?.init?.headers).toEqual({});
  });

  it('HTTP 304 to If-None-Match is a successful check that changes nothing', async () => {
    const current: CurrentFeed = { version: 20261130000000, sha256: 'b'.repeat(64), source: 'remote', etag: '"v1"' };
    const h = harness({ [URL_]: () => new Response(null, { status: 304 }) }, current);
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('up-to-date');
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]?.init?.headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(h.replaced).toEqual([]);
    expect(status).toEqual({
      lastCheckAt: NOW.toISOString(),
      lastSuccessAt: NOW.toISOString(),
      lastError: null,
      version: current.version,
      source: 'remote',
    });
  });

  it('the very bytes in use, served again without the ETag, are up to date, not a replay', async () => {
    const bytes = jsonBytes(newer());
    const current: CurrentFeed = { version: newer().version, sha256: await sha256Hex(bytes), source: 'remote' };
    const h = harness(serve(bytes, key.sign(bytes)), current);
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('up-to-date');
    expect(status.lastError).toBeNull();
    expect(h.replaced).toEqual([]);
  });

  it('accepts a feed signed by the second key of a rotation', async () => {
    const h = harness(signed(newer(), otherKey), bundledCurrent, {
      config: { kind: 'remote', url: URL_, publicKeys: [key.publicKey, otherKey.publicKey] },
    });
    expect((await runUpdate(h.env)).outcome).toBe('updated');
    expect(h.replaced).toHaveLength(1);
  });
});

describe('runUpdate: refused content keeps the old data', () => {
  it('malformed JSON (correctly signed)', async () => {
    const bytes = new TextEncoder().encode('{"schemaVersion": 1, "version": ');
    await expectRefused(harness(serve(bytes, key.sign(bytes))), 'bad-json', /not readable data/);
  });

  it('a schema violation (correctly signed)', async () => {
    const status = await expectRefused(
      harness(signed({ ...newer(), platforms: 'none' })),
      'bad-schema',
      /not in the format/,
    );
    expect(status.lastError?.detail).toMatch(/platforms/);
  });

  it('an integrity violation (correctly signed)', async () => {
    const feed = structuredClone(newer());
    const action = feed.platforms[0]?.provisions[0]?.actions[0];
    if (action) action.url = 'https://evil.example/settings';
    await expectRefused(harness(signed(feed)), 'inconsistent', /contradicts itself/);
  });

  it('a bad signature (signature of other bytes, by our key)', async () => {
    const bytes = jsonBytes(newer());
    const status = await expectRefused(
      harness(serve(bytes, key.sign(jsonBytes(newer(20261201080001))))),
      'signature-invalid',
      /^The update was refused: its signature did not match our key\. Your data was not changed\.$/,
    );
    expect(status.lastError?.detail).toMatch(/matches none/);
  });

  it('a signature by an unknown key', async () => {
    await expectRefused(harness(signed(newer(), otherKey)), 'signature-invalid', /signature did not match our key/);
  });

  it('a signature that is not base64 of 64 bytes', async () => {
    await expectRefused(harness(serve(jsonBytes(newer()), 'c2hvcnQ=')), 'signature-invalid', /did not match/);
  });

  it('a lower version (rollback)', async () => {
    await expectRefused(harness(signed(newer(bundled.version - 1))), 'not-newer', /older \(version \d+\)/);
  });

  it('the same version again with other bytes (replay)', async () => {
    const replay = { ...newer(bundled.version), generatedAt: '2026-11-29T00:00:01Z' };
    await expectRefused(harness(signed(replay)), 'not-newer', /the version you already have/);
  });

  it('a body over the cap announced by Content-Length, refused before reading it', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const routes = {
      [URL_]: () => new Response(body, { headers: { 'content-length': String(2 * 1024 * 1024) } }),
    };
    const status = await expectRefused(
      harness(routes, bundledCurrent, { maxBytes: 1024 * 1024 }),
      'too-large',
      /larger than the 1 MB limit/,
    );
    expect(status.lastError?.detail).toMatch(/declared as 2097152 bytes/);
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it('a body over the cap WITHOUT Content-Length (chunked), cut off while streaming', async () => {
    let sent = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      // 4 MB in 64 KB chunks, then the end: without the cap the whole body would be read.
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const routes = { [URL_]: () => new Response(body) };
    const status = await expectRefused(
      harness(routes, bundledCurrent, { maxBytes: 1024 * 1024 }),
      'too-large',
      /larger than the 1 MB limit/,
    );
    expect(status.lastError?.detail).toMatch(/still sending/);
    expect(cancelled).toBe(true);
    // It stopped within a few chunks of the cap instead of reading the endless stream.
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('runUpdate: server and network failures keep the old data', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a server that never sends headers: timeout after 20 s', async () => {
    vi.useFakeTimers();
    let requested!: () => void;
    const asked = new Promise<void>((resolve) => {
      requested = resolve;
    });
    const routes = {
      [URL_]: (init: RequestInit | undefined) =>
        new Promise<Response>((_, reject) => {
          requested();
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    };
    const h = harness(routes);
    const run = expectRefused(h, 'timeout', /^The update server did not answer within 20 s\./);
    await asked;
    await vi.advanceTimersByTimeAsync(19_999);
    expect(h.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await run;
  });

  it('a server that stalls in the middle of the body (and ignores the abort): timeout', async () => {
    vi.useFakeTimers();
    let started!: () => void;
    const streaming = new Promise<void>((resolve) => {
      started = resolve;
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"schemaVersion":1,'));
        started();
      },
    });
    const h = harness({ [URL_]: () => new Response(body) });
    const run = expectRefused(h, 'timeout', /did not answer within 20 s/);
    await streaming;
    await vi.advanceTimersByTimeAsync(20_000);
    await run;
  });

  it('HTTP 404', async () => {
    await expectRefused(harness({}), 'http', /answered with an error \(HTTP 404\)/);
  });

  it('HTTP 500', async () => {
    const routes = { [URL_]: () => new Response('oops', { status: 500 }) };
    await expectRefused(harness(routes), 'http', /answered with an error \(HTTP 500\)/);
  });

  it('a network error (fetch rejects)', async () => {
    const routes = {
      [URL_]: () => Promise.reject(new TypeError('fetch failed')),
    };
    const status = await expectRefused(harness(routes), 'network', /Could not reach the update server/);
    expect(status.lastError?.detail).toBe('TypeError: fetch failed');
  });

  it('a missing .sig (404 on the signature)', async () => {
    const routes = { [URL_]: () => new Response(jsonBytes(newer())) };
    await expectRefused(harness(routes), 'signature-missing', /came without a signature/);
  });

  it('a redirect to another address', async () => {
    const routes = {
      [URL_]: () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/feed.json' } }),
    };
    await expectRefused(harness(routes), 'redirected', /only taken from the address built into Policy Lens/);
  });

  it('a store that cannot save: the transaction keeps the old data, the status says so', async () => {
    const h = harness(signed(newer()));
    h.env.store.replace = async () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('failed');
    expect(status.lastError).toMatchObject({ code: 'store-failed', detail: 'QuotaExceededError: quota' });
    expect(status.lastError?.message).toMatch(/could not be saved.*Your data was not changed\.$/);
  });

  it('keeps the time of the last success across a failure', async () => {
    const h = harness({});
    await h.env.status.write({
      lastCheckAt: '2026-11-30T09:00:00.000Z',
      lastSuccessAt: '2026-11-30T09:00:00.000Z',
      lastError: null,
      version: bundled.version,
      source: 'bundled',
    });
    const { status } = await runUpdate(h.env);
    expect(status.lastSuccessAt).toBe('2026-11-30T09:00:00.000Z');
    expect(status.lastError?.code).toBe('http');
  });
});

describe('runUpdate: an unreadable status', () => {
  it('does not stop the check', async () => {
    const h = harness(signed(newer()));
    h.env.status.read = () => Promise.reject(new Error('storage is broken'));
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('updated');
    expect(h.replaced).toHaveLength(1);
    expect(status.lastError).toBeNull();
  });
});

describe('runUpdate: not configured', () => {
  it('makes no request and records the build reason as it is', async () => {
    const reason = 'Automatic data updates are off in this build: it uses the data it was shipped with.';
    const h = harness(signed(newer()), bundledCurrent, { config: { kind: 'bundled-only', reason } });
    const { outcome, status } = await runUpdate(h.env);
    expect(outcome).toBe('failed');
    expect(status.lastError).toEqual({ at: NOW.toISOString(), code: 'not-configured', message: reason });
    expect(h.calls).toEqual([]);
    expect(h.replaced).toEqual([]);
  });
});

describe('nextCheckDelay', () => {
  const HOUR = 60 * 60 * 1000;
  it('is 12 h with ±1 h of jitter', () => {
    expect(nextCheckDelay(() => 0)).toBe(11 * HOUR);
    expect(nextCheckDelay(() => 0.5)).toBe(12 * HOUR);
    expect(nextCheckDelay(() => 0.999999)).toBeGreaterThan(12.99 * HOUR);
    expect(nextCheckDelay(() => 0.999999)).toBeLessThanOrEqual(13 * HOUR);
  });

  it('stays within 11–13 h for any random source, even a broken one', () => {
    for (const r of [-5, 0.25, 0.75, 7, Number.NaN]) {
      const delay = nextCheckDelay(() => r);
      expect(delay).toBeGreaterThanOrEqual(11 * HOUR);
      expect(delay).toBeLessThanOrEqual(13 * HOUR);
    }
  });
});
