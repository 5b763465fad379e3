/**
 * Loading a feed: fetch → size cap → SHA-256 → JSON → zod → integrity. The data store
 * (utils/background/data-store.ts) stores what passes. The only module that calls `fetch`.
 */
import { feedIntegrityErrors } from './integrity';
import { type Feed, Feed as FeedSchema, parseWith } from './schema';

/** Larger feeds are refused before parsing (10,000 provisions, the design target, are about 33 MB). */
export const MAX_FEED_BYTES = 40 * 1024 * 1024;

export class FeedError extends Error {
  override name = 'FeedError';
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Validate raw feed bytes; throws FeedError with a readable reason. */
export async function parseFeedBytes(bytes: ArrayBuffer): Promise<{ feed: Feed; sha256: string }> {
  if (bytes.byteLength > MAX_FEED_BYTES) throw new FeedError(`feed is ${bytes.byteLength} bytes, over the cap`);
  const sha256 = await sha256Hex(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new FeedError('feed is not valid JSON');
  }
  const parsed = parseWith(FeedSchema, json);
  if (!parsed.ok) throw new FeedError(`feed does not match the schema:\n${parsed.error}`);
  const errors = feedIntegrityErrors(parsed.value);
  if (errors.length > 0) throw new FeedError(`feed is inconsistent:\n${errors.join('\n')}`);
  return { feed: parsed.value, sha256 };
}

export async function fetchFeedBytes(fetchFn: typeof fetch, url: string): Promise<ArrayBuffer> {
  const response = await fetchFn(url, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new FeedError(`feed request failed with HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FEED_BYTES) throw new FeedError(`feed declares ${declared} bytes, over the cap`);
  return response.arrayBuffer();
}
