/**
 * Global Privacy Control in real Chromium: pages of a tracked platform (LinkedIn) and of an
 * untracked site (example.org) come from a local HTTPS server that records the headers each
 * request arrived with (`--host-resolver-rules` sends both hostnames there; the header rule
 * acts in the network stack, after Playwright's interception, so only a real server sees it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../support/tls';
import { extensionUrl, launch, type Session } from './harness';

const TRACKED = 'www.linkedin.com';
const UNTRACKED = 'example.org';
/** A page that loads a subresource from its own host, as platform pages do. */
const PAGE = `<!doctype html><title>model</title><h1>model</h1><script>fetch('/api/ping').catch(() => {})</script>`;

interface Seen {
  host: string;
  path: string;
  gpc: string | undefined;
}

let session: Session;
let server: Server;
let certDir: string;
const seen: Seen[] = [];

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'policy-lens-gpc-'));
  server = createServer(makeCertificate(certDir, [TRACKED, UNTRACKED]), (req, res) => {
    const gpc = req.headers['sec-gpc'];
    seen.push({ host: req.headers.host ?? '', path: req.url ?? '/', gpc: Array.isArray(gpc) ? gpc.join() : gpc });
    res.writeHead(200, { 'content-type': req.url === '/api/ping' ? 'text/plain' : 'text/html' }).end(PAGE);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  session = await launch({
    args: [`--host-resolver-rules=MAP ${TRACKED} 127.0.0.1:${port}, MAP ${UNTRACKED} 127.0.0.1:${port}`],
    ignoreHTTPSErrors: true,
  });
  // Past the harness's catch-all: these two hosts go to the network, that is, to our server.
  for (const host of [TRACKED, UNTRACKED]) await session.context.route(`https://${host}/**`, (r) => r.continue());
});
afterAll(async () => {
  await session?.close();
  await new Promise<void>((r) => server?.close(() => r()));
  rmSync(certDir, { recursive: true, force: true });
});

/** Load `host`'s page and wait until the server has its subresource request (the page's own fetch). */
async function visit(page: Page, host: string): Promise<{ page: Seen; ping: Seen; navigatorGpc: unknown }> {
  const from = seen.length;
  await page.goto(`https://${host}/`);
  const ping = await waitFor(() => seen.slice(from).find((s) => s.host === host && s.path === '/api/ping'));
  const main = seen.slice(from).find((s) => s.host === host && s.path === '/');
  if (!main) throw new Error(`no request for ${host}/`);
  const navigatorGpc = await page.evaluate(
    () => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl,
  );
  return { page: main, ping, navigatorGpc };
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the popup says about GPC for a LinkedIn tab (its page rendered for that URL), once it has drawn. */
async function popupGpcLine(): Promise<string | null> {
  const popup = await session.context.newPage();
  await popup.goto(extensionUrl(session, `popup.html?tabUrl=${encodeURIComponent(`https://${TRACKED}/`)}`));
  await popup.waitForSelector('body[data-ready="true"]');
  // Drawn for LinkedIn (the positive signal), then read.
  await popup.waitForSelector('.platform-header');
  const line = await popup
    .locator('[data-gpc="sent"]')
    .textContent({ timeout: 100 })
    .catch(() => null);
  await popup.close();
  return line;
}

/** The settings page's GPC switch, clicked as the user does; resolves once the background has answered. */
async function setGpc(on: boolean): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(extensionUrl(session, 'options.html'));
  await options.waitForSelector('body[data-ready="true"]');
  const toggle = options.locator('input[data-setting="gpc"]');
  if ((await toggle.isChecked()) !== on) await toggle.click();
  // The switch shows the setting the background stored and applied (it answers after applying it).
  await options.waitForSelector(`input[data-setting="gpc"][data-saved="${on}"]`);
  await options.close();
}

describe('Global Privacy Control', () => {
  it('off (the default): no Sec-GPC to the tracked platform, and its pages see no navigator.globalPrivacyControl', async () => {
    const page = await session.context.newPage();
    // Decided: the setting is off and the background holds no rule.
    expect(await session.worker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).toEqual([]);
    const linkedin = await visit(page, TRACKED);
    expect(linkedin.page.gpc).toBeUndefined();
    expect(linkedin.ping.gpc).toBeUndefined();
    expect(linkedin.navigatorGpc).toBeUndefined();
    await page.close();
  });

  it('on: the tracked platform gets Sec-GPC: 1 on the page and its requests, and its page sees navigator.globalPrivacyControl', async () => {
    await setGpc(true);
    const page = await session.context.newPage();
    const linkedin = await visit(page, TRACKED);
    expect(linkedin.page.gpc).toBe('1');
    expect(linkedin.ping.gpc).toBe('1');
    expect(linkedin.navigatorGpc).toBe(true);
    expect(await popupGpcLine()).toBe('GPC sent to LinkedIn');
    await page.close();
  });

  it('on: an untracked site never gets it (same browser, same moment the tracked one did)', async () => {
    const page = await session.context.newPage();
    // The positive signal first: GPC is on and reaches the tracked platform right now.
    expect((await visit(page, TRACKED)).page.gpc).toBe('1');
    const other = await visit(page, UNTRACKED);
    expect(other.page.gpc).toBeUndefined();
    expect(other.ping.gpc).toBeUndefined();
    expect(other.navigatorGpc).toBeUndefined();
    await page.close();
  });

  it('off again: the header and the page property are gone', async () => {
    await setGpc(false);
    const page = await session.context.newPage();
    const linkedin = await visit(page, TRACKED);
    expect(linkedin.page.gpc).toBeUndefined();
    expect(linkedin.ping.gpc).toBeUndefined();
    expect(linkedin.navigatorGpc).toBeUndefined();
    expect(await popupGpcLine()).toBeNull();
    await page.close();
  });
});
