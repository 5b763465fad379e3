/**
 * Where remote updates come from and which keys may sign them: fixed at build time from
 * `WXT_FEED_URL` and `WXT_FEED_PUBLIC_KEYS` (comma-separated base64 of raw 32-byte Ed25519 keys;
 * two during a key rotation). Anything missing or invalid means the extension keeps to the data
 * it ships with, with a reason the options page can show.
 */
import { decodeBase64, PUBLIC_KEY_BYTES } from './signature';

declare global {
  interface ImportMetaEnv {
    readonly WXT_FEED_URL?: string;
    readonly WXT_FEED_PUBLIC_KEYS?: string;
  }
}

export type FeedConfig =
  | { kind: 'remote'; url: string; publicKeys: string[] }
  | { kind: 'bundled-only'; reason: string };

/** Plain http only for a server on this machine (development and the end-to-end tests). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

const OFF = 'Automatic data updates are off in this build';

export function parseFeedConfig(input: { url?: string | null; keys?: string | null }): FeedConfig {
  const url = input.url?.trim() ?? '';
  const keys = input.keys?.trim() ?? '';
  if (!url && !keys) return { kind: 'bundled-only', reason: `${OFF}: it uses the data it was shipped with.` };
  if (!url) return { kind: 'bundled-only', reason: `${OFF}: it has signature keys but no update server address.` };
  if (!keys) {
    return { kind: 'bundled-only', reason: `${OFF}: it names an update server but no key to check the updates with.` };
  }
  const checkedUrl = checkFeedUrl(url);
  if (!checkedUrl.ok) return { kind: 'bundled-only', reason: `${OFF}: ${checkedUrl.error}` };
  const checkedKeys = parsePublicKeys(keys);
  if (!checkedKeys.ok) return { kind: 'bundled-only', reason: `${OFF}: ${checkedKeys.error}` };
  return { kind: 'remote', url: checkedUrl.url, publicKeys: checkedKeys.keys };
}

export function checkFeedUrl(value: string): { ok: true; url: string } | { ok: false; error: string } {
  if (!URL.canParse(value)) return { ok: false, error: 'the update server address is not a valid URL.' };
  const url = new URL(value);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!secure) return { ok: false, error: 'the update server address is not a secure https:// address.' };
  if (url.username || url.password || url.hash) {
    return { ok: false, error: 'the update server address must not contain a user name, password or #fragment.' };
  }
  return { ok: true, url: url.href };
}

/** Comma-separated base64 raw Ed25519 public keys, deduplicated. */
export function parsePublicKeys(list: string): { ok: true; keys: string[] } | { ok: false; error: string } {
  const keys = [
    ...new Set(
      list
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  if (keys.length === 0) return { ok: false, error: 'no signature key is given.' };
  for (const [i, key] of keys.entries()) {
    if (decodeBase64(key)?.byteLength !== PUBLIC_KEY_BYTES) {
      return { ok: false, error: `signature key #${i + 1} is not base64 of a ${PUBLIC_KEY_BYTES}-byte Ed25519 key.` };
    }
  }
  return { ok: true, keys };
}

/**
 * The host permission the extension needs to read the feed: its exact origin's host, never a
 * wildcard. No port: Chrome match patterns match every port when none is given and Firefox
 * accepts none in a host permission.
 */
export function feedHostPermission(config: FeedConfig): string | null {
  if (config.kind !== 'remote') return null;
  const url = new URL(config.url);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The configuration this build was made with (Vite replaces the variables at build time). */
export function feedConfigFromEnv(): FeedConfig {
  return parseFeedConfig({ url: import.meta.env.WXT_FEED_URL, keys: import.meta.env.WXT_FEED_PUBLIC_KEYS });
}
