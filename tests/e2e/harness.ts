/**
 * End-to-end harness: the built extension in real headless Chromium (playwright-core driving
 * the system's Chromium), pages served under their real hostnames with context.route, and
 * every other request recorded and aborted, so tests make no real network calls and can
 * assert which requests the extension made.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { findChromium } from '../../scripts/chromium';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../.e2e-artifacts');

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /** URLs of requests that matched no served page (aborted). */
  unrouted: string[];
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launch(options: { profileDir?: string } = {}): Promise<Session> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('Chromium not found: run `npm run test:e2e` (it installs it) or set CHROME_PATH');
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'policy-lens-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const unrouted: string[] = [];
  // Registered first, so every later, more specific route wins over it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // The extension's own files are not network requests.
    if (url.startsWith('chrome-extension://')) return route.continue();
    unrouted.push(url);
    return route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profileDir,
    unrouted,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Serve `html` at `url` (and only there) for this context. */
export async function servePage(context: BrowserContext, url: string, html: string): Promise<void> {
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

export function extensionUrl(session: Session, path: string): string {
  return `chrome-extension://${session.extensionId}/${path.replace(/^\//, '')}`;
}

/** The current service worker (it may have been restarted since launch). */
export async function currentWorker(session: Session): Promise<Worker> {
  const workers = session.context.serviceWorkers();
  return workers[workers.length - 1] ?? (await session.context.waitForEvent('serviceworker'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Log a measured timing (ms) to stdout and to .e2e-artifacts/timings.log. */
export function logTiming(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const line = `[timing] ${name}: median ${median.toFixed(1)} ms over ${samples.length} runs (min ${sorted[0]?.toFixed(1)}, max ${sorted[sorted.length - 1]?.toFixed(1)})`;
  console.info(line);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  appendFileSync(join(ARTIFACTS_DIR, 'timings.log'), `${new Date().toISOString()} ${line}\n`);
}
