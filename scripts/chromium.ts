/** Find a Chromium to drive: CHROME_PATH, then the usual Debian/Ubuntu paths. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { aptInstall } from './apt';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Find Chromium, installing Debian's package when running as root on Debian; otherwise explain. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (aptInstall('chromium', 'Chromium not found; about 1.5 minutes')) {
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.',
  );
}

/**
 * Debian's Chromium carries only its en-US strings; without the others (chromium-l10n) it runs in
 * en-US whatever the language asked for, and so does chrome.i18n for extensions (the e2e in
 * German needs them). Installed as root on Debian; elsewhere the German e2e says what is missing.
 */
export function ensureChromiumLocales(chromiumPath: string): void {
  if (chromiumPath !== '/usr/bin/chromium') return;
  const locales = join(dirname(chromiumPath), '../lib/chromium/locales');
  if (!existsSync(locales) || existsSync(join(locales, 'de.pak'))) return;
  aptInstall('chromium-l10n', "Chromium's strings in other languages, for the e2e in German");
}
