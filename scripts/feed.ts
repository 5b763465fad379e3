/**
 * The signed feed's release tool. Its command line is an interface (release tooling calls it):
 *
 *   npm run feed -- keygen --out DIR
 *   npm run feed -- build --key FILE [--data DIR] [--version N] --out DIR
 *   npm run feed -- verify DIR_OR_URL --public-key BASE64 [--public-key BASE64 …]
 *
 * keygen writes DIR/feed-signing-key.jwk (mode 0600, never overwritten) and prints the public key
 * as the last line of stdout. build compiles the dataset with the build's own compileFeed, stamps
 * it and writes DIR/feed.json + DIR/feed.json.sig. verify runs the extension's own verification.
 * Exit codes: 0 ok, 1 failed, 2 usage error.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePublicKeys } from '../utils/feed/config';
import { FeedError } from '../utils/feed/errors';
import { fetchFeed } from '../utils/feed/fetch';
import { verifyFeedBytes } from '../utils/feed/verify';
import { compileFeed } from './dataset';
import { DATA_DIR, loadFeedSources } from './dataset-files';
import { generateSigningKey, publicKeyBase64, readSigningKey, signBytes } from './feed-signing';

export const KEY_FILE = 'feed-signing-key.jwk';
export const FEED_FILE = 'feed.json';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  fetchFn: typeof fetch;
  now(): Date;
}

const USAGE = `Usage:
  npm run feed -- keygen --out DIR
  npm run feed -- build --key FILE [--data DIR] [--version N] --out DIR
  npm run feed -- verify DIR_OR_URL --public-key BASE64 [--public-key BASE64 ...]`;

class UsageError extends Error {}
class CommandError extends Error {}

const defaultIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  fetchFn: (input, init) => fetch(input, init),
  now: () => new Date(),
};

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'keygen') return keygen(rest, io);
    if (command === 'build') return await build(rest, io);
    if (command === 'verify') return await verify(rest, io);
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  } catch (error) {
    // parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code for unknown or malformed options.
    const parseError = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseError) {
      io.stderr(`feed: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof FeedError) {
      io.stderr(`feed ${command}: ${error.message}${error.detail ? `\n${error.detail}` : ''}`);
      return 1;
    }
    io.stderr(`feed ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function keygen(args: readonly string[], io: CliIo): number {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string' } }, strict: true });
  const out = required(values.out, '--out DIR');
  mkdirSync(out, { recursive: true });
  const path = join(out, KEY_FILE);
  const { jwk, publicKeyBase64: publicKey } = generateSigningKey();
  try {
    // 'wx': fail if the file exists, atomically (no check-then-write race); 0600: only the owner reads it.
    writeFileSync(path, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CommandError(`${path} already exists; refusing to overwrite a signing key`);
    }
    throw error;
  }
  io.stdout(`Private key written to ${path} (keep it secret, never commit it).`);
  io.stdout('Public key (base64 of the raw 32 bytes), for WXT_FEED_PUBLIC_KEYS and `feed verify --public-key`:');
  io.stdout(publicKey);
  return 0;
}

async function build(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      key: { type: 'string' },
      data: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const keyPath = required(values.key, '--key FILE');
  const out = required(values.out, '--out DIR');
  const dataDir = resolve(values.data ?? DATA_DIR);
  const privateKey = readSigningKey(readFileSync(keyPath, 'utf8'));
  const sources = loadFeedSources(dataDir);
  const previous = existingVersion(out);
  const now = io.now();

  let version: number;
  if (values.version !== undefined) {
    version = parseVersion(values.version);
    const bundled = compileFeed(sources).version;
    if (version <= bundled) {
      throw new CommandError(`--version ${version} is not newer than the bundled snapshot's version ${bundled}`);
    }
    if (previous !== null && version <= previous) {
      throw new CommandError(`--version ${version} is not newer than ${join(out, FEED_FILE)} (version ${previous})`);
    }
  } else {
    const stamp = timestampVersion(now);
    version = previous !== null && previous >= stamp ? previous + 1 : stamp;
  }
  const generatedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const feed = compileFeed(sources, { version, generatedAt });
  const bytes = new TextEncoder().encode(JSON.stringify(feed));
  const signature = signBytes(privateKey, bytes);
  // Check the pair with the extension's own verifier before anything is written.
  const { sha256 } = await verifyFeedBytes(bytes, signature, {
    publicKeys: [publicKeyBase64(privateKey)],
    currentVersion: 0,
    requireSignature: true,
  });

  mkdirSync(out, { recursive: true });
  const feedPath = join(out, FEED_FILE);
  writeAtomically(feedPath, bytes);
  writeAtomically(`${feedPath}.sig`, signature);
  io.stdout(`${feedPath}: version ${version}, ${bytes.byteLength} bytes, sha256 ${sha256}`);
  io.stdout(`${feedPath}.sig: Ed25519 signature by ${publicKeyBase64(privateKey)}`);
  return 0;
}

async function verify(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { 'public-key': { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('verify takes one DIR_OR_URL');
  const target = positionals[0] ?? '';
  const keyList = values['public-key'] ?? [];
  if (keyList.length === 0) throw new UsageError('verify needs --public-key BASE64');
  const keys = parsePublicKeys(keyList.join(','));
  if (!keys.ok) throw new UsageError(`--public-key: ${keys.error}`);

  let bytes: Uint8Array<ArrayBuffer>;
  let signature: string | null;
  if (/^https?:\/\//i.test(target)) {
    const fetched = await fetchFeed({ fetchFn: io.fetchFn, url: target });
    if (fetched.status !== 'fetched') throw new CommandError(`unexpected answer from ${target}`);
    ({ bytes, signature } = fetched);
  } else {
    const feedPath = existsSync(target) && statSync(target).isDirectory() ? join(target, FEED_FILE) : target;
    if (!existsSync(feedPath)) throw new CommandError(`${feedPath} does not exist`);
    bytes = new Uint8Array(readFileSync(feedPath));
    signature = existsSync(`${feedPath}.sig`) ? readFileSync(`${feedPath}.sig`, 'utf8') : null;
  }
  const { feed, sha256 } = await verifyFeedBytes(bytes, signature, {
    publicKeys: keys.keys,
    currentVersion: 0,
    requireSignature: true,
  });
  io.stdout(
    `OK: version ${feed.version}, generated ${feed.generatedAt}, ${feed.platforms.length} platforms, ` +
      `${feed.agencies.length} agencies, sha256 ${sha256}`,
  );
  return 0;
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

function parseVersion(text: string): number {
  const version = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(version) || version <= 0) {
    throw new UsageError(`--version must be a positive integer, not "${text}"`);
  }
  return version;
}

/** YYYYMMDDHHmmss in UTC: 14 digits, so always above the bundled snapshot's YYYYMMDD. */
export function timestampVersion(now: Date): number {
  return Number(now.toISOString().slice(0, 19).replace(/[-T:]/g, ''));
}

/** The version of a feed.json already in `out`, so a rebuild within the same second still goes up. */
function existingVersion(out: string): number | null {
  const path = join(out, FEED_FILE);
  if (!existsSync(path)) return null;
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown }).version;
  } catch {
    throw new CommandError(`${path} exists but is not JSON; move it away first`);
  }
  if (!Number.isSafeInteger(version)) throw new CommandError(`${path} exists but has no integer version`);
  return version as number;
}

/** Write a temporary file and rename it, so a reader never sees half a file. */
function writeAtomically(path: string, contents: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(join(import.meta.dirname, 'feed.ts'))) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
