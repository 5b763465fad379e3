/**
 * Feed updates through the background's real data store: a signed newer feed replaces the data
 * and says what changed; a bad one keeps the data and a status; checks that meet share one; the
 * next check is scheduled 12 h ± 1 h after each.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { CHECK_INTERVAL_MS, CHECK_JITTER_MS } from '../../../utils/feed/update';
import type { Feed } from '../../../utils/schema';
import { makeBackground } from '../../support/background';
import { jsonBytes, makeKeyPair } from '../../support/feed-keys';

const FEED_URL = 'https://feed.policy-lens.test/feed.json';
const keys = makeKeyPair();
const config = { kind: 'remote' as const, url: FEED_URL, publicKeys: [keys.publicKey] };

function newerFeed(): Feed {
  const next = structuredClone(loadBundledFeed());
  next.version += 1;
  const ai = next.platforms.find((p) => p.id === 'linkedin')?.provisions.find((p) => p.id === 'linkedin.ai-training');
  if (!ai) throw new Error('linkedin.ai-training missing');
  ai.title = `${ai.title} (updated)`;
  return next;
}

/** A fetch that serves `feed.json` and its signature (optionally a wrong one). */
function serve(feed: Feed, options: { signWith?: ReturnType<typeof makeKeyPair> } = {}) {
  const bytes = jsonBytes(feed);
  const signature = (options.signWith ?? keys).sign(bytes);
  const requests: string[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    if (url === FEED_URL) return new Response(bytes, { headers: { etag: '"v2"' } });
    if (url === `${FEED_URL}.sig`) return new Response(signature);
    return new Response('not found', { status: 404 });
  }) as unknown as typeof fetch;
  return { fetchFn, requests };
}

describe('a remote update', () => {
  it('stores a newer signed feed, says what changed, and asks only for the feed and its signature', async () => {
    const { fetchFn, requests } = serve(newerFeed());
    const { updates, data, handlers } = await makeBackground({ feedConfig: config, fetchFn });
    const result = await updates.check();
    expect(result.outcome).toBe('updated');
    expect(data.current().meta).toMatchObject({ source: 'remote', version: newerFeed().version, etag: '"v2"' });
    expect(data.current().changes?.platforms).toEqual([
      expect.objectContaining({
        platformId: 'linkedin',
        provisions: [expect.objectContaining({ provisionId: 'linkedin.ai-training', kinds: ['wording'] })],
      }),
    ]);
    expect(requests).toEqual([FEED_URL, `${FEED_URL}.sig`]);
    const popup = await handlers.getPopupData({ tabUrl: 'https://www.linkedin.com/feed/' }, {});
    expect(popup.view?.provisions.find((p) => p.id === 'linkedin.ai-training')?.title).toMatch(/\(updated\)$/);
    expect(popup.updates).toMatchObject({ configured: true, status: { lastError: null, source: 'remote' } });
  });

  it('keeps the data and records the reason when the signature is by another key', async () => {
    const { fetchFn } = serve(newerFeed(), { signWith: makeKeyPair() });
    const { updates, data } = await makeBackground({ feedConfig: config, fetchFn });
    const before = data.current().meta;
    const result = await updates.check();
    expect(result.outcome).toBe('failed');
    expect(result.status.lastError?.code).toBe('signature-invalid');
    expect(result.status.lastError?.message).toMatch(/Your data was not changed\.$/);
    expect(data.current().meta).toEqual(before);
    expect(await updates.status()).toEqual(result.status);
  });

  it('shares one check between calls that meet, and schedules the next one 12 h ± 1 h later', async () => {
    const { fetchFn } = serve(newerFeed());
    const { updates, scheduled } = await makeBackground({ feedConfig: config, fetchFn });
    const [a, b] = await Promise.all([updates.check(), updates.check()]);
    expect(a).toBe(b);
    expect(fetchFn).toHaveBeenCalledTimes(2); // feed.json and .sig, once
    expect(scheduled).toHaveLength(1);
    expect(Math.abs((scheduled[0] ?? 0) - CHECK_INTERVAL_MS)).toBeLessThanOrEqual(CHECK_JITTER_MS);
    await updates.check();
    expect(scheduled).toHaveLength(2);
  });

  it('refuses the same version with other bytes (a replay), keeping the data', async () => {
    const feed = newerFeed();
    let served = serve(feed);
    const fetchFn = ((input: RequestInfo | URL) => served.fetchFn(input)) as typeof fetch;
    const { updates, data } = await makeBackground({ feedConfig: config, fetchFn });
    expect((await updates.check()).outcome).toBe('updated');
    const stored = data.current().meta;
    const replay = structuredClone(feed);
    replay.generatedAt = '2026-12-02T00:00:00Z'; // other bytes, same version
    served = serve(replay);
    const result = await updates.check();
    expect(result.outcome).toBe('failed');
    expect(result.status.lastError?.code).toBe('not-newer');
    expect(data.current().meta).toEqual(stored);
  });
});
