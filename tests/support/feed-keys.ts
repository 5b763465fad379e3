/** Throw-away Ed25519 key pairs and signatures for tests (in memory; nothing is written to disk). */
import type { KeyObject } from 'node:crypto';
import { generateSigningKey, signBytes } from '../../scripts/feed-signing';

export interface TestKeyPair {
  privateKey: KeyObject;
  /** Base64 of the raw 32-byte public key, as WXT_FEED_PUBLIC_KEYS takes it. */
  publicKey: string;
  sign(bytes: Uint8Array | string): string;
}

export function makeKeyPair(): TestKeyPair {
  const { privateKey, publicKeyBase64 } = generateSigningKey();
  return {
    privateKey,
    publicKey: publicKeyBase64,
    sign: (bytes) => signBytes(privateKey, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
  };
}

/** The UTF-8 bytes of `value` as JSON, as a feed server sends them. */
export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(value));
}
