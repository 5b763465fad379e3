/**
 * A local feed server for tests: node:http on 127.0.0.1 (random port) serving /feed.json and
 * /feed.json.sig from bytes the test can swap, with ETag / If-None-Match → 304, a log of every
 * request (with its headers, to check what the extension sends) and switches for failures.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServerRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServerMode {
  /** Answer every request with this HTTP status (e.g. 500) instead of the files. */
  failWith: number | null;
  /** Wait this long before sending the headers. */
  slowMs: number;
  /** Serve feed.json with one byte changed (the signature and ETag stay those of the real bytes). */
  tamper: boolean;
  /** Answer /feed.json.sig with 404. */
  noSignature: boolean;
  /** Omit Content-Length (chunked transfer), as a streaming server would. */
  chunked: boolean;
}

export interface FeedServer {
  origin: string;
  /** `${origin}/feed.json` */
  url: string;
  requests: FeedServerRequest[];
  mode: FeedServerMode;
  /** The ETag of the bytes served now. */
  readonly etag: string;
  setFeed(bytes: Uint8Array, signature: string): void;
  close(): Promise<void>;
}

/**
 * `port` 0 (the default) picks a free one; an e2e build that bakes WXT_FEED_URL in needs a fixed one
 * (the host permission has no port, so any port of 127.0.0.1 is allowed).
 */
export async function startFeedServer(
  initial?: { bytes: Uint8Array; signature: string },
  options: { port?: number } = {},
): Promise<FeedServer> {
  let bytes: Uint8Array = initial?.bytes ?? new Uint8Array(0);
  let signature = initial?.signature ?? '';
  let etag = etagOf(bytes);
  const requests: FeedServerRequest[] = [];
  const mode: FeedServerMode = { failWith: null, slowMs: 0, tamper: false, noSignature: false, chunked: false };
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, body: Uint8Array | string, headers: Record<string, string>) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    if (!mode.chunked) headers['content-length'] = String(payload.byteLength);
    res.writeHead(status, headers);
    res.end(payload);
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const answer = () => {
      if (mode.failWith !== null) return send(res, mode.failWith, 'failure', { 'content-type': 'text/plain' });
      if (path === '/feed.json') {
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          return res.end();
        }
        const body = mode.tamper ? tampered(bytes) : bytes;
        return send(res, 200, body, { 'content-type': 'application/json', etag });
      }
      if (path === '/feed.json.sig' && !mode.noSignature) {
        return send(res, 200, signature, { 'content-type': 'text/plain' });
      }
      return send(res, 404, 'not found', { 'content-type': 'text/plain' });
    };
    if (mode.slowMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, mode.slowMs);
      timers.add(timer);
    } else {
      answer();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/feed.json`,
    requests,
    mode,
    get etag() {
      return etag;
    },
    setFeed(next, nextSignature) {
      bytes = next;
      signature = nextSignature;
      etag = etagOf(next);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
}

/** The same bytes with the middle one changed. */
function tampered(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = Math.floor(copy.length / 2);
  if (copy.length > 0) copy[i] = (copy[i] ?? 0) ^ 0x01;
  return copy;
}
