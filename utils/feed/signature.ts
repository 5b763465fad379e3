/**
 * Ed25519 over the exact feed bytes, with WebCrypto (no library: 0 bytes added to the bundle).
 *
 * Which browsers ship WebCrypto Ed25519 without a flag:
 * - Chrome 137 (May 2025) is the first stable release with it on by default (Igalia's "Ed25519 support lands in
 *   Chrome", 2025-08-25; before that it sat behind #enable-experimental-web-platform-features since 113, per MDN's
 *   browser-compat-data `api.SubtleCrypto.verify.ed25519`). Hence `minimum_chrome_version: '137'` in wxt.config.ts.
 * - Firefox 129 (MDN browser-compat-data, same key). Our gecko `strict_min_version` is already 140.
 * - Node 20 (the CLI and the tests) has it too.
 * So every target has it and @noble/ed25519 is not needed.
 */

export type SignatureCheck =
  | { ok: true; keyIndex: number }
  | {
      ok: false;
      reason: 'malformed-signature' | 'malformed-key' | 'mismatch' | 'unsupported';
      detail: string;
    };

export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (padding required, no whitespace inside); null when it is not. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64_RE.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * True (with the index of the key that matched) when `signatureBase64` is an Ed25519 signature of
 * `bytes` by one of `publicKeys` (base64 of the raw 32-byte keys; several during a key rotation).
 * Never throws: malformed input and a browser without Ed25519 are results too.
 */
export async function verifySignature(
  bytes: Uint8Array<ArrayBuffer> | ArrayBuffer,
  signatureBase64: string,
  publicKeys: readonly string[],
  subtle: SubtleCrypto = crypto.subtle,
): Promise<SignatureCheck> {
  const signature = decodeBase64(signatureBase64.trim());
  if (!signature || signature.byteLength !== SIGNATURE_BYTES) {
    return {
      ok: false,
      reason: 'malformed-signature',
      detail: signature
        ? `the signature is ${signature.byteLength} bytes, not ${SIGNATURE_BYTES}`
        : 'the signature is not base64',
    };
  }
  const problems: string[] = [];
  let unsupported = 0;
  let compared = 0;
  for (const [index, encoded] of publicKeys.entries()) {
    const raw = decodeBase64(encoded.trim());
    if (!raw || raw.byteLength !== PUBLIC_KEY_BYTES) {
      problems.push(`key #${index + 1} is not base64 of ${PUBLIC_KEY_BYTES} bytes`);
      continue;
    }
    let key: CryptoKey;
    try {
      key = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    } catch (error) {
      if (error instanceof Error && error.name === 'NotSupportedError') unsupported++;
      problems.push(`key #${index + 1} could not be imported (${describe(error)})`);
      continue;
    }
    try {
      compared++;
      if (await subtle.verify({ name: 'Ed25519' }, key, signature, bytes)) return { ok: true, keyIndex: index };
    } catch (error) {
      problems.push(`key #${index + 1}: verification failed (${describe(error)})`);
    }
  }
  if (compared > 0) {
    return { ok: false, reason: 'mismatch', detail: `the signature matches none of the ${publicKeys.length} key(s)` };
  }
  if (unsupported > 0) return { ok: false, reason: 'unsupported', detail: problems.join('; ') };
  return { ok: false, reason: 'malformed-key', detail: problems.join('; ') || 'no public key given' };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
