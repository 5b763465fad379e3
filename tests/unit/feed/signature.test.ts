import { describe, expect, it } from 'vitest';
import { decodeBase64, verifySignature } from '../../../utils/feed/signature';
import { makeKeyPair } from '../../support/feed-keys';

const key = makeKeyPair();
const other = makeKeyPair();
const bytes = new TextEncoder().encode('{"version":1}');

describe('verifySignature (WebCrypto Ed25519)', () => {
  it('accepts the signature of the exact bytes and names the key that matched', async () => {
    expect(await verifySignature(bytes, key.sign(bytes), [key.publicKey])).toEqual({ ok: true, keyIndex: 0 });
    expect(await verifySignature(bytes, key.sign(bytes), [other.publicKey, key.publicKey])).toEqual({
      ok: true,
      keyIndex: 1,
    });
  });

  it('refuses one changed byte, another key, and another message', async () => {
    const changed = new Uint8Array(bytes);
    changed[3] = (changed[3] ?? 0) ^ 0x01;
    expect(await verifySignature(changed, key.sign(bytes), [key.publicKey])).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(await verifySignature(bytes, other.sign(bytes), [key.publicKey])).toMatchObject({ reason: 'mismatch' });
  });

  it('reports malformed signatures and keys as results, never as exceptions', async () => {
    const sig = key.sign(bytes);
    expect(await verifySignature(bytes, 'not base64!', [key.publicKey])).toMatchObject({
      reason: 'malformed-signature',
      detail: 'the signature is not base64',
    });
    expect(await verifySignature(bytes, btoa('x'.repeat(63)), [key.publicKey])).toMatchObject({
      reason: 'malformed-signature',
      detail: 'the signature is 63 bytes, not 64',
    });
    expect(await verifySignature(bytes, sig, [btoa('k'.repeat(31))])).toMatchObject({ reason: 'malformed-key' });
    expect(await verifySignature(bytes, sig, ['%%%'])).toMatchObject({ reason: 'malformed-key' });
    expect(await verifySignature(bytes, sig, [])).toMatchObject({ reason: 'malformed-key' });
    // A malformed key next to a good one does not hide the good one.
    expect(await verifySignature(bytes, sig, ['%%%', key.publicKey])).toEqual({ ok: true, keyIndex: 1 });
  });

  it('tolerates the trailing newline a .sig file may have', async () => {
    expect(await verifySignature(bytes, `${key.sign(bytes)}\n`, [key.publicKey])).toMatchObject({ ok: true });
  });

  it('says so when the browser has no Ed25519', async () => {
    const subtle = {
      importKey: async () => {
        throw new DOMException('Unrecognized name', 'NotSupportedError');
      },
    } as unknown as SubtleCrypto;
    expect(await verifySignature(bytes, key.sign(bytes), [key.publicKey], subtle)).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });
});

describe('decodeBase64', () => {
  it('decodes strict, padded standard base64 only', () => {
    expect(decodeBase64('aGk=')).toEqual(new Uint8Array([0x68, 0x69]));
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    for (const bad of ['aGk', 'aG k=', 'aGk=\n', 'aGk-', 'a===', '====']) expect(decodeBase64(bad)).toBeNull();
  });
});
