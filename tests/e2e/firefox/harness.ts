/**
 * Firefox end-to-end harness: the Firefox MV3 build in Debian's firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi (playwright-core cannot drive a stock Firefox).
 *
 * - Real hostnames without network: `network.dns.forceResolve` sends every lookup to a loopback
 *   address picked at random per run (so two runs on one machine do not collide on port 443), where
 *   a local HTTPS server answers with a throw-away self-signed certificate made by openssl for this
 *   run; `acceptInsecureCerts` lets Firefox take it. Pages we did not serve get a 404 and are
 *   recorded (Firefox's own services, e.g. remote settings, show up there too).
 * - The moz-extension:// UUID is pinned with `extensions.webextensions.uuids`, so tests know it.
 * - `--remote-allow-system-access`: without it BiDi will not open moz-extension:// pages. Even with
 *   it such a navigation may never report a load, so extension pages are polled for content.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../../scripts/firefox';
import { makeCertificate } from '../../support/tls';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv3');
const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  browser_specific_settings: { gecko: { id: string } };
};
export const ADDON_ID = manifest.browser_specific_settings.gecko.id;
/** Any fixed UUID works: Firefox uses it for our moz-extension:// origin in this profile. */
export const EXTENSION_UUID = '5b0c2a9e-6f1d-4e7a-9c3b-8d2f1e0a7b64';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../.e2e-artifacts');

export interface FirefoxSession {
  browser: Browser;
  /** Requests that matched no served page: `host path`. */
  unrouted: string[];
  /** Every request the server answered: host, path and its Sec-GPC header (Global Privacy Control). */
  served: Array<{ host: string; path: string; gpc: string | undefined }>;
  serve(url: string, html: string): void;
  /** Open a web page in a new tab and wait for its load. */
  open(url: string): Promise<Page>;
  /** Open one of our pages (popup.html, options.html) in a new tab and wait until it says it is ready. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Wait until `check` returns a truthy value (errors while a page is still loading count as "not yet"). */
export async function until<T>(what: string, check: () => Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export async function launchFirefox(
  options: { hosts: readonly string[]; prefs?: Record<string, string | number | boolean> } = { hosts: [] },
): Promise<FirefoxSession> {
  const executablePath = findFirefox();
  if (!executablePath)
    throw new Error('Firefox not found: run `npm run test:e2e` (it installs it) or set FIREFOX_PATH');
  const dir = mkdtempSync(join(tmpdir(), 'policy-lens-firefox-'));
  const pages = new Map<string, string>();
  const unrouted: string[] = [];
  const served: FirefoxSession['served'] = [];
  const tls = makeCertificate(dir, options.hosts);
  const server: Server = createServer(tls, (req, res) => {
    const key = `${req.headers.host ?? ''}${(req.url ?? '/').split('?')[0]}`;
    const full = `${req.headers.host ?? ''}${req.url ?? '/'}`;
    const html = pages.get(full) ?? pages.get(key);
    const gpc = req.headers['sec-gpc'];
    served.push({ host: req.headers.host ?? '', path: req.url ?? '/', gpc: Array.isArray(gpc) ? gpc.join() : gpc });
    if (html === undefined) {
      unrouted.push(full);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not served');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  // 127.0.0.0/8 is all loopback; a random address keeps parallel runs apart on port 443 (root only).
  const address = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EACCES' ? new Error('the Firefox e2e tests serve https on port 443: run them as root') : e),
    );
    server.listen(443, address, ok);
  });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
      'network.dns.forceResolve': address,
      ...options.prefs,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);

  const session: FirefoxSession = {
    browser,
    unrouted,
    served,
    serve(url, html) {
      const u = new URL(url);
      pages.set(`${u.host}${u.pathname}${u.search}`, html);
    },
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      const url = `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;
      // Not awaited: the load of a moz-extension:// page may never be reported over BiDi.
      page.goto(url).catch(() => undefined);
      await until(`${path} to be ready`, () =>
        page.evaluate(() => document.body?.dataset.ready === 'true' && location.href),
      );
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Save a screenshot (the whole page for our own short pages, else the viewport) to .e2e-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = page.url().startsWith(EXTENSION_ORIGIN)) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage });
  return path;
}

/**
 * Our UI in a Firefox page, through its closed shadow root. WebDriver BiDi can reach one: with
 * `includeShadowTree: 'all'` the host serializes with its closed root as a remote reference, which a
 * second call takes as its argument (puppeteer's own locators do not pierce closed roots). Clicks
 * are real input at the element's centre.
 */
export interface FirefoxOwnUi {
  evaluate<T, A = null>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null>;
  click(selector: string): Promise<void>;
}

interface BidiConnection {
  send(
    method: string,
    params: object,
  ): Promise<{ result: { result?: { type: string; value?: unknown; sharedId?: string } } }>;
}

export function firefoxOwnUi(browser: Browser, page: Page, tag: string): FirefoxOwnUi {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const frame = page.mainFrame() as unknown as { _id: string };
  const target = { context: frame._id };
  /** The closed root of the first `<tag>` that has one, as a BiDi remote reference. */
  const root = async (): Promise<string | null> => {
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: `() => [...document.getElementsByTagName(${JSON.stringify(tag)})]`,
      awaitPromise: false,
      target,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
    });
    const hosts = (result.result?.value ?? []) as Array<{
      value?: { shadowRoot?: { sharedId?: string; value?: { mode?: string } } };
    }>;
    return hosts.map((h) => h.value?.shadowRoot).find((r) => r?.value?.mode === 'closed')?.sharedId ?? null;
  };
  const evaluate = async <T, A>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> => {
    const sharedId = await root().catch(() => null);
    if (!sharedId) return null;
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: `(root, arg) => JSON.stringify((${fn.toString()})(root, arg === undefined ? null : JSON.parse(arg)) ?? null)`,
      arguments: [{ sharedId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
      awaitPromise: false,
      target,
    });
    return result.result?.type === 'string' ? (JSON.parse(result.result.value as string) as T) : null;
  };
  return {
    evaluate,
    async click(selector) {
      const point = await evaluate((r, sel: string) => {
        const element = r.querySelector(sel);
        if (!element) return null;
        element.scrollIntoView({ block: 'center' });
        const box = element.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }, selector);
      if (!point) throw new Error(`${selector} is not in our UI under <${tag}>`);
      await page.mouse.click(point.x, point.y);
    },
  };
}
