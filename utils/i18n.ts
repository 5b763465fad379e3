/**
 * Translation: every user-visible string goes through `t(key, ...subs)`, with the messages in
 * public/_locales/<locale>/messages.json (the browser's i18n format: `$1`…`$9` stand for the
 * substitutions). The browser picks the locale; entrypoints install its `i18n.getMessage` with
 * `installMessages` once at start, so components stay free of browser APIs and hooks (the content
 * script has no hooks). Tests install the English messages (tests/support/i18n.ts).
 */
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** What the browser's `i18n.getMessage` does: the message with `$1`… filled in, or '' when unknown. */
export type GetMessage = (key: MessageKey, substitutions?: string[]) => string;

let getMessage: GetMessage | null = null;

export function installMessages(fn: GetMessage): void {
  getMessage = fn;
}

/** The message for `key` in the browser's language; the key itself (visible, so a test catches it) when missing. */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const message = getMessage?.(key, subs.map(String)) ?? '';
  return message === '' ? key : message;
}

/** What `$1`…`$9` are filled with to read a message's template back from the browser. */
const PLACEHOLDERS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/**
 * The installed messages for `keys` as templates (`$1`… left in place), for a script that gets its
 * strings handed to it instead of asking the browser (see `tableMessages`).
 */
export function messageTable(keys: readonly MessageKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, getMessage?.(key, PLACEHOLDERS) ?? '']));
}

/** A `GetMessage` that reads such a table and fills in `$1`… as the browser does; other keys go to `fallback`. */
export function tableMessages(table: Readonly<Record<string, string>>, fallback?: GetMessage): GetMessage {
  return (key, substitutions = []) => {
    const template = Object.hasOwn(table, key) ? table[key] : undefined;
    if (template === undefined) return fallback?.(key, substitutions) ?? '';
    return template.replace(/\$([1-9])/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  };
}

/** The locale folders we ship (public/_locales), the default last. */
const SHIPPED_LOCALES = ['de', 'es', 'en'] as const;

/** Templates from a packaged messages.json (our own file, read from the extension package): key → message. */
function packagedTable(json: unknown): Record<string, string> | null {
  if (typeof json !== 'object' || json === null) return null;
  const table: Record<string, string> = {};
  for (const [key, entry] of Object.entries(json)) {
    const message = (entry as { message?: unknown } | null)?.message;
    if (typeof message === 'string') table[key] = message;
  }
  return Object.keys(table).length > 0 ? table : null;
}

/**
 * The browser's messages for an extension page, or, when the browser has none for it, the packaged
 * messages.json of the UI language (else English) read from the extension itself. Chromium 156 here
 * now and then answered '' for every key in our extension pages for a whole browser session (1 of 3
 * full e2e runs on the same build: a popup of raw keys); content scripts had their strings.
 */
export async function pageMessages(
  browserMessage: GetMessage,
  uiLanguage: string,
  readPackaged: (path: string) => Promise<unknown>,
): Promise<GetMessage> {
  if (browserMessage('extName') !== '') return browserMessage;
  const language = uiLanguage.toLowerCase().split(/[-_]/)[0] ?? '';
  const locales = SHIPPED_LOCALES.filter((l) => l === language || l === 'en');
  for (const locale of locales) {
    const table = packagedTable(await readPackaged(`/_locales/${locale}/messages.json`).catch(() => null));
    if (table) return tableMessages(table, browserMessage);
  }
  return browserMessage;
}
