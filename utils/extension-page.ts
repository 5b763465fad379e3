/**
 * What every full extension page of ours (settings, welcome, check-up) does around its own
 * drawing: strings in the browser's language, the page's language and title, a plain message
 * instead of a blank page when it cannot load, `data-ready` when it is drawn (tests and the
 * screenshots wait for it), and drawing again when site access changes. The browser's APIs come in
 * as parameters.
 */
import { type GetMessage, installMessages, type MessageKey, t, tableMessages } from './i18n';

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
 * The browser's messages for an extension page (here, not in utils/i18n.ts, which the worker loads too), or, when the browser has none for it, the packaged
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

export interface PageEnv {
  doc: Document;
  i18n: { getMessage: GetMessage; getUILanguage(): string };
  /** A file of the extension package, parsed as JSON (the messages when the browser has none: utils/i18n.ts). */
  readPackaged: (path: string) => Promise<unknown>;
}

/** A file of this extension's package, by its path from the package's root, parsed as JSON (extension pages only). */
export async function readPackagedJson(path: string): Promise<unknown> {
  return (await fetch(path)).json();
}

/** Strings in the browser's language for an extension page (popup included), from the package when the browser has none. */
export async function installPageMessages(
  i18n: PageEnv['i18n'],
  readPackaged: (path: string) => Promise<unknown> = readPackagedJson,
): Promise<void> {
  installMessages(await pageMessages((key, subs) => i18n.getMessage(key, subs), i18n.getUILanguage(), readPackaged));
}

export async function startPage(
  env: PageEnv,
  title: MessageKey,
  draw: (root: HTMLElement) => Promise<void>,
): Promise<void> {
  await installPageMessages(env.i18n, env.readPackaged);
  env.doc.documentElement.lang = env.i18n.getUILanguage();
  env.doc.title = t(title);
  const root = env.doc.getElementById('app');
  if (!root) return;
  draw(root)
    .catch((error: unknown) => {
      root.textContent = t('settings_load_failed', error instanceof Error ? error.message : String(error));
    })
    .finally(() => {
      env.doc.body.dataset.ready = 'true';
    });
}

export interface PermissionEvents {
  onAdded: { addListener(listener: () => void): void };
  onRemoved: { addListener(listener: () => void): void };
}

/** Run `refresh` when a permission is granted here or changed in the browser's own add-on settings. */
export function onAccessChange(permissions: PermissionEvents, refresh: () => Promise<unknown>): void {
  const run = () => void refresh().catch((e: unknown) => console.warn(e));
  permissions.onAdded.addListener(run);
  permissions.onRemoved.addListener(run);
}
