/** Install a Debian package when running as root on Debian (CI, these machines); elsewhere do nothing. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let updated = false;

/** Returns false when it could not try (not root, not Debian); throws when apt-get fails. */
export function aptInstall(pkg: string, note: string): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/etc/debian_version')) return false;
  console.info(`Installing the Debian package "${pkg}" (${note})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  updated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
  return true;
}
