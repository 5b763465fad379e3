/**
 * Node-only Ed25519 signing for the feed (node:crypto). The extension only verifies, with
 * WebCrypto (utils/feed/signature.ts); keeping signing here keeps private keys out of its code.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** A private key as written by `feed keygen`: an OKP JWK (RFC 8037). */
export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  d: string;
  x: string;
}

export function generateSigningKey(): { privateKey: KeyObject; jwk: SigningJwk; publicKeyBase64: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as SigningJwk;
  return { privateKey, jwk, publicKeyBase64: publicKeyBase64(privateKey) };
}

/** Parse a JWK file's text; throws with a readable reason when it is not an Ed25519 private key. */
export function readSigningKey(text: string): KeyObject {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new Error('the key file is not JSON (expected an Ed25519 private JWK)');
  }
  const candidate = jwk as Partial<SigningJwk> | null;
  if (candidate?.kty !== 'OKP' || candidate.crv !== 'Ed25519' || typeof candidate.d !== 'string') {
    throw new Error('the key file is not an Ed25519 private JWK (kty "OKP", crv "Ed25519", with "d")');
  }
  return createPrivateKey({ key: { ...candidate }, format: 'jwk' });
}

/** Base64 of the raw 32-byte public key: the form WXT_FEED_PUBLIC_KEYS and `feed verify` take. */
export function publicKeyBase64(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Base64 of the 64-byte Ed25519 signature of exactly `bytes`. */
export function signBytes(privateKey: KeyObject, bytes: Uint8Array): string {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key is not an Ed25519 key');
  return sign(null, bytes, privateKey).toString('base64');
}
