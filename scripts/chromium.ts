/** Find a Chromium to drive: CHROME_PATH, then the usual Debian/Ubuntu paths. */
import { existsSync } from 'node:fs';
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
