/** The test feed server, and the update pipeline over real HTTP against it (Node's fetch). */
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { type CurrentFeed, runUpdate, type UpdateEnv } from '../../../utils/feed/update';
import type { UpdateStatus } from '../../../utils/schema';
import { jsonBytes, makeKeyPair } from '../../support/feed-keys';
import { type FeedServer, startFeedServer } from '../../support/feed-server';

const key = makeKeyPair();
const bundled = loadBundledFeed();
let server: FeedServer;

afterEach(async () => {
  await server?.close();
});

function signedFeed(version: number) {
  const bytes = jsonBytes({ ...bundled, version, generatedAt: '2026-12-01T08:00:00Z' });
  return { bytes, signature: key.sign(bytes) };
}

describe('feed server', () => {
  it('serves the files on 127.0.0.1, answers 304 to its ETag, logs requests, and swaps content', async () => {
    const first = signedFeed(20261201080000);
    server = await startFeedServer(first);
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(server.url);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(first.bytes);
    expect(response.headers.get('etag')).toBe(server.etag);
    expect(await (await fetch(`${server.url}.sig`)).text()).toBe(first.signature);
    expect((await fetch(server.url, { headers: { 'If-None-Match': server.etag } })).status).toBe(304);
    const old = server.etag;
    server.setFeed(jsonBytes({ other: true }), 'sig');
    expect(server.etag).not.toBe(old);
    expect((await fetch(server.url, { headers: { 'If-None-Match': old } })).status).toBe(200);
    expect(server.requests.map((r) => `${r.path} ${r.headers['if-none-match'] ?? '-'}`)).toEqual([
      '/feed.json -',
      '/feed.json.sig -',
      `/feed.json ${old}`,
      `/feed.json ${old}`,
    ]);
    server.mode.failWith = 500;
    expect((await fetch(server.url)).status).toBe(500);
    server.mode.failWith = null;
    server.mode.noSignature = true;
    expect((await fetch(`${server.url}.sig`)).status).toBe(404);
  });

  it('listens on a given port when asked (an e2e build bakes the URL in)', async () => {
    const probe = await startFeedServer();
    const port = Number(new URL(probe.origin).port);
    await probe.close();
    server = await startFeedServer(signedFeed(20261201080000), { port });
    expect(server.origin).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('runs the update over real HTTP: new feed, then 304, then tampered, slow and failing servers keep the data', async () => {
    server = await startFeedServer(signedFeed(20261201080000));
    let current: CurrentFeed | null = { version: bundled.version, sha256: 'a'.repeat(64), source: 'bundled' };
    let replaced = 0;
    let stored: UpdateStatus | null = null;
    const env: UpdateEnv = {
      fetchFn: (input, init) => fetch(input, init),
      config: { kind: 'remote', url: server.url, publicKeys: [key.publicKey] },
      now: () => new Date('2026-12-01T09:00:00.000Z'),
      store: {
        current: async () => current,
        replace: async (feed, info) => {
          replaced++;
          current = { version: feed.version, sha256: info.sha256, source: 'remote', etag: info.etag };
        },
      },
      status: {
        read: async () => stored,
        write: async (s) => {
          stored = s;
        },
      },
    };
    expect((await runUpdate(env)).outcome).toBe('updated');
    expect(current).toMatchObject({ version: 20261201080000, etag: server.etag });
    expect((await runUpdate(env)).outcome).toBe('up-to-date');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(server.etag);
    // Nothing about the user travels with the request.
    for (const request of server.requests) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer).toBeUndefined();
      expect(request.path).toMatch(/^\/feed\.json(\.sig)?$/);
    }

    const second = signedFeed(20261202080000);
    server.setFeed(second.bytes, second.signature);
    server.mode.tamper = true;
    expect((await runUpdate(env)).status.lastError?.code).toBe('signature-invalid');
    server.mode.tamper = false;
    server.mode.failWith = 500;
    expect((await runUpdate(env)).status.lastError?.code).toBe('http');
    server.mode.failWith = null;
    server.mode.slowMs = 5_000;
    expect((await runUpdate({ ...env, timeoutMs: 200 })).status.lastError?.code).toBe('timeout');
    expect(replaced).toBe(1);
    expect(current).toMatchObject({ version: 20261201080000 });

    server.mode.slowMs = 0;
    server.mode.chunked = true;
    expect((await runUpdate(env)).outcome).toBe('updated');
    expect(current).toMatchObject({ version: 20261202080000 });
  });
});
