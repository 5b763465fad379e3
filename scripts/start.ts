/**
 * `npm start`: run the built extension in Chromium.
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a visible Chromium with Policy Lens loaded, showing the demo page.
 * - Without one (servers, CI): a headless run that loads the extension, visits the bundled demo page under its real
 *   LinkedIn URL (served locally, no network), opens the popup page, and writes screenshots, printing where.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const DEMO_URL = 'https://www.linkedin.com/legal/privacy-policy';
const DEMO_PAGE = readFileSync(join(ROOT, 'tests/fixtures/linkedin-privacy-policy.html'), 'utf8');
const OUT_DIR = join(ROOT, 'screenshots');

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
const profileDir = mkdtempSync(join(tmpdir(), 'policy-lens-start-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: ensureChromium(),
  headless: !headed,
  viewport: headed ? null : { width: 1200, height: 800 },
  args: [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});
// The demo page is served locally under its real URL; nothing else leaves the machine in the headless run.
// (Later routes take precedence, so the catch-all comes first.)
if (!headed) await context.route('https://**/*', (route) => route.abort('blockedbyclient'));
await context.route(DEMO_URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: DEMO_PAGE }));

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(DEMO_URL);

if (headed) {
  console.info(`Policy Lens is loaded (extension id ${extensionId}). Close the browser window to stop.`);
  await new Promise<void>((done) => context.on('close', () => done()));
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  await page.waitForTimeout(500);
  const demoShot = join(OUT_DIR, 'demo-policy-page.png');
  await page.screenshot({ path: demoShot });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabUrl=${encodeURIComponent(DEMO_URL)}`);
  await popup.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  const popupShot = join(OUT_DIR, 'popup.png');
  await popup.screenshot({ path: popupShot, fullPage: true });
  console.info(`Headless run (no display found): Policy Lens loaded as extension ${extensionId}.`);
  console.info(`Screenshots written:\n  ${demoShot}\n  ${popupShot}`);
  await context.close();
}
rmSync(profileDir, { recursive: true, force: true });
