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
