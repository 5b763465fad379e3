/**
 * Find a Firefox to drive (FIREFOX_PATH, then Debian's firefox-esr), installing Debian's package as
 * root when there is none, and openssl for the test server's throw-away certificate.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { aptInstall } from './apt';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function ensureFirefox(): string {
  if (!hasOpenssl() && !(aptInstall('openssl', 'for the test server certificate') && hasOpenssl())) {
    throw new Error(
      'No openssl found (it makes the e2e server certificate). Install it: `sudo apt-get install openssl`.',
    );
  }
  const found = findFirefox();
  if (found) return found;
  if (aptInstall('firefox-esr', 'Firefox not found; about 1 minute')) {
    const installed = findFirefox();
    if (installed) return installed;
  }
  throw new Error(
    'No Firefox found. Install it (Debian: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH to a Firefox binary.',
  );
}
