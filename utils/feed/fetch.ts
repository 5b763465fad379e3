/**
 * The only network code in the extension: get `feed.json` and its detached `feed.json.sig`.
 *
 * What the request carries: nothing about the user. No cookies (`credentials: 'omit'`), no
 * referrer, no query parameters of ours, the same URL for everyone; only `If-None-Match` with the
 * ETag of the feed we already hold. `cache: 'no-store'` because we keep the ETag ourselves (and
 * the Fetch standard passes a 304 through untouched when the request has its own validator).
 * Redirects are refused: the data comes only from the address built in (and its host permission).
 */
import { FeedError, formatDuration, formatSize } from './errors';
import { MAX_FEED_BYTES } from './verify';

/** One deadline for the whole check (both files, headers and bodies). */
export const FEED_TIMEOUT_MS = 20_000;
/** A base64 Ed25519 signature is 88 characters; 1 KB leaves room for a newline and nothing else. */
export const MAX_SIGNATURE_BYTES = 1024;

export interface FetchFeedOptions {
  fetchFn: typeof fetch;
  url: string;
  /** The ETag of the remote feed in use, if any: sent as If-None-Match. */
  etag?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
}

export type FetchFeedResult =
  | { status: 'not-modified' }
  | { status: 'fetched'; bytes: Uint8Array<ArrayBuffer>; signature: string; etag: string | null };

const REQUEST: RequestInit = {
  method: 'GET',
  cache: 'no-store',
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  redirect: 'manual',
};

export async function fetchFeed(options: FetchFeedOptions): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timed out', 'TimeoutError'));
  }, timeoutMs);
  // Rejects when the deadline passes, so a stalled body read (or a fetchFn that ignores the
  // signal) cannot outlive it.
  const deadline = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  deadline.catch(() => undefined);
  try {
    const headers: Record<string, string> = options.etag ? { 'If-None-Match': options.etag } : {};
    const response = await Promise.race([
      options.fetchFn(options.url, { ...REQUEST, headers, signal: controller.signal }),
      deadline,
    ]);
    if (response.status === 304 && options.etag) {
      await response.body?.cancel().catch(() => undefined);
      return { status: 'not-modified' };
    }
    checkStatus(response, 'feed');
    const bytes = await readCapped(response, options.maxBytes ?? MAX_FEED_BYTES, deadline, 'the feed');
    const etag = response.headers.get('etag');

    const sigResponse = await Promise.race([
      options.fetchFn(`${options.url}.sig`, { ...REQUEST, signal: controller.signal }),
      deadline,
    ]);
    if (sigResponse.status === 404) {
      await sigResponse.body?.cancel().catch(() => undefined);
      throw new FeedError(
        'signature-missing',
        'The update was refused: it came without a signature.',
        `${options.url}.sig answered HTTP 404`,
      );
    }
    checkStatus(sigResponse, 'signature');
    const sigBytes = await readCapped(sigResponse, MAX_SIGNATURE_BYTES, deadline, 'the signature');
    return { status: 'fetched', bytes, signature: new TextDecoder().decode(sigBytes).trim(), etag };
  } catch (error) {
    if (timedOut) {
      throw new FeedError(
        'timeout',
        `The update server did not answer within ${formatDuration(timeoutMs)}.`,
        `no complete answer from ${options.url} within ${timeoutMs} ms`,
      );
    }
    if (error instanceof FeedError) throw error;
    throw new FeedError(
      'network',
      'Could not reach the update server (are you offline?).',
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * The feed shipped inside the extension (a chrome-extension:// URL): the same capped reader, no
 * signature (see verify.ts), no deadline (it is a local file).
 */
export async function fetchFeedBytes(
  fetchFn: typeof fetch,
  url: string,
  maxBytes = MAX_FEED_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetchFn(url, { cache: 'no-store', credentials: 'omit' });
  checkStatus(response, 'feed');
  return readCapped(response, maxBytes, new Promise<never>(() => undefined), 'the feed');
}

function checkStatus(response: Response, what: 'feed' | 'signature'): void {
  // `redirect: 'manual'` gives browsers an opaque redirect (status 0) and Node the 3xx itself.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new FeedError(
      'redirected',
      'The update server sent the request elsewhere; updates are only taken from the address built into Policy Lens.',
      `the ${what} request was redirected (HTTP ${response.status})`,
    );
  }
  if (!response.ok) {
    throw new FeedError(
      'http',
      `The update server answered with an error (HTTP ${response.status}).`,
      `the ${what} request failed with HTTP ${response.status}`,
    );
  }
}

/** Read the body chunk by chunk and stop as soon as it passes `maxBytes`, whatever Content-Length says. */
async function readCapped(
  response: Response,
  maxBytes: number,
  deadline: Promise<never>,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = (size: string) =>
    new FeedError(
      'too-large',
      `The update was refused: it is larger than the ${formatSize(maxBytes)} limit.`,
      `${what} is ${size}, the cap is ${maxBytes} bytes`,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`declared as ${declared} bytes`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(`over ${total} bytes and still sending`);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
