/**
 * Every feed, remote or bundled, passes here before it is stored: size cap → Ed25519 signature
 * over the exact bytes → JSON → zod (`Feed`) → cross-record integrity → version newer than the
 * current one. The CLI's `verify` runs the same function.
 */
import { feedIntegrityErrors } from '../integrity';
import { datasetSchemas, type Feed, parseWith } from '../schema';
import { FeedError, formatSize } from './errors';
import { verifySignature } from './signature';

/** Larger feeds are refused before parsing (10,000 provisions, the design target, are about 33 MB). */
export const MAX_FEED_BYTES = 40 * 1024 * 1024;

export type FeedBytes = Uint8Array<ArrayBuffer> | ArrayBuffer;

export interface VerifyOptions {
  /** Base64 raw Ed25519 public keys; any one may have signed (key rotation). */
  publicKeys: readonly string[];
  /** The version of the data in use; the feed must be strictly newer (no rollback, no replay). 0 = none. */
  currentVersion: number;
  /** false ONLY for the snapshot shipped inside the extension package. */
  requireSignature: boolean;
  maxBytes?: number;
  subtle?: SubtleCrypto;
}

export interface VerifiedFeed {
  feed: Feed;
  sha256: string;
}

export async function sha256Hex(bytes: FeedBytes): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Check raw feed bytes; rejects with a FeedError whose message says in plain words what was wrong. */
export async function verifyFeedBytes(
  bytes: FeedBytes,
  signature: string | null,
  options: VerifyOptions,
): Promise<VerifiedFeed> {
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new FeedError(
      'too-large',
      `The update was refused: it is larger than the ${formatSize(maxBytes)} limit.`,
      `the feed is ${bytes.byteLength} bytes, the cap is ${maxBytes}`,
    );
  }
  if (options.requireSignature) await checkSignature(bytes, signature, options);
  const sha256 = await sha256Hex(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new FeedError(
      'bad-json',
      'The update was refused: it is not readable data (invalid JSON).',
      `the feed is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = parseWith(datasetSchemas().Feed, json);
  if (!parsed.ok) {
    throw new FeedError(
      'bad-schema',
      'The update was refused: its data is not in the format this version of Policy Lens reads.',
      `the feed does not match the schema:\n${parsed.error}`,
    );
  }
  const errors = feedIntegrityErrors(parsed.value);
  if (errors.length > 0) {
    throw new FeedError(
      'inconsistent',
      'The update was refused: its data contradicts itself or links to sites it should not.',
      `the feed is inconsistent:\n${errors.join('\n')}`,
    );
  }
  const { version } = parsed.value;
  if (version <= options.currentVersion) {
    throw new FeedError(
      'not-newer',
      version === options.currentVersion
        ? `The update was refused: it is the version you already have (${version}), sent again.`
        : `The update was refused: it is older (version ${version}) than the data you have (version ${options.currentVersion}).`,
      `feed version ${version} is not greater than the current version ${options.currentVersion}`,
    );
  }
  return { feed: parsed.value, sha256 };
}

async function checkSignature(bytes: FeedBytes, signature: string | null, options: VerifyOptions): Promise<void> {
  if (signature === null) {
    throw new FeedError('signature-missing', 'The update was refused: it came without a signature.', 'no signature');
  }
  const check = await verifySignature(bytes, signature, options.publicKeys, options.subtle);
  if (check.ok) return;
  if (check.reason === 'unsupported') {
    throw new FeedError(
      'signature-unsupported',
      'This browser cannot check the signature of updates (that needs Chrome 137 or Firefox 129 or later).',
      check.detail,
    );
  }
  throw new FeedError(
    'signature-invalid',
    check.reason === 'malformed-key'
      ? 'The update was refused: the key to check its signature is not valid in this build.'
      : 'The update was refused: its signature did not match our key.',
    check.detail,
  );
}

/**
 * The bundled snapshot: the same checks except the signature (it ships inside the signed package)
 * and the version (`ingestFeed` decides whether it replaces what is stored).
 */
export function parseFeedBytes(bytes: FeedBytes): Promise<VerifiedFeed> {
  return verifyFeedBytes(bytes, null, { publicKeys: [], currentVersion: 0, requireSignature: false });
}
