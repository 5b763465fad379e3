/**
 * `npm start`: run the built extension in Chromium on locally served model pages of LinkedIn (its
 * privacy policy and two of its settings pages, from tests/fixtures: our own models, not LinkedIn's).
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a visible Chromium with Policy Lens loaded on
 *   the demo policy page, and what to click printed.
 * - Without one (servers, CI), or with --headless: loads the extension, visits the demo page and
 *   waits for the banner and its marks, opens the real toolbar popup for that tab (a toolbar
 *   click), starts the AI-training walkthrough from it and follows it to the model AI-settings
 *   page, opens the settings page and the welcome page, and writes a screenshot of each into
 *   docs/screenshots/, printing where.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { clickToolbarButton } from './cdp-target';
import { ensureChromium } from './chromium';
import { inClosedRoot } from './closed-root';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const FIXTURES = join(ROOT, 'tests/fixtures');
const OUT_DIR = join(ROOT, 'docs/screenshots');
const DEMO_URL = 'https://www.linkedin.com/legal/privacy-policy';
const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const PAGES: Record<string, string> = {
  [DEMO_URL]: 'linkedin-privacy-policy.html',
  [PRIVACY_URL]: 'walkthroughs/linkedin-psettings-privacy.html',
  [AI_URL]: 'walkthroughs/linkedin-data-for-ai-improvement.html',
};
const AI_CARD = '[data-provision="linkedin.ai-training"]';
const TIMEOUT_MS = 20_000;

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
const profileDir = mkdtempSync(join(tmpdir(), 'policy-lens-start-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: ensureChromium(),
  headless: !headed,
  viewport: headed ? null : { width: 1280, height: 800 },
  args: [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-first-run',
    // The demo's strings in English, whatever the machine's locale.
    '--lang=en-US',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ],
});
// The model pages are served locally under their real URLs; in the headless run nothing else leaves
// the machine. (Later routes take precedence, so the catch-all comes first.)
if (!headed) await context.route('https://**/*', (route) => route.abort('blockedbyclient'));
for (const [url, file] of Object.entries(PAGES)) {
  const body = readFileSync(join(FIXTURES, file), 'utf8');
  await context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
}

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
// The background publishes its page index once its data is in; the demo page needs it.
for (let i = 0; i < 100; i++) {
  if (
    await worker.evaluate(async () => Boolean((await chrome.storage.local.get('page-index-meta'))['page-index-meta']))
  )
    break;
  await new Promise((r) => setTimeout(r, 100));
}
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(DEMO_URL);

/**
 * Poll `fn(root, arg)` in our UI's closed shadow root under `<tag>` (scripts/closed-root.ts: no page
 * script, and no Playwright locator, can reach into it) until it returns something truthy.
 */
async function inRoot<T, A>(p: Page, tag: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T> {
  const cdp = await p.context().newCDPSession(p);
  try {
    for (const end = Date.now() + TIMEOUT_MS; Date.now() < end; await p.waitForTimeout(100)) {
      const value = await inClosedRoot(cdp, tag, fn, arg).catch(() => null);
      if (value) return value;
    }
    throw new Error(`<${tag}> never got there`);
  } finally {
    await cdp.detach();
  }
}

/** The banner is up, the page has been read and its passages are marked (our script's own signals). */
async function bannerAndMarks(p: Page): Promise<number> {
  await inRoot(p, 'policy-lens-banner', (root) =>
    [...root.children].some((e) => e.tagName === 'DIV' && (e as HTMLElement).dataset.markedMs !== undefined),
  );
  await p.waitForFunction(() => (CSS.highlights.get('policy-lens-marks')?.size ?? 0) > 0, null, {
    timeout: TIMEOUT_MS,
  });
  return p.evaluate(() => CSS.highlights.get('policy-lens-marks')?.size ?? 0);
}

/** The walkthrough overlay's card, once it shows the step whose text matches. */
async function overlayShows(p: Page, pattern: RegExp): Promise<void> {
  await inRoot(
    p,
    'policy-lens-walkthrough',
    (root, source: string) => new RegExp(source).test(root.querySelector('.card')?.textContent ?? ''),
    pattern.source,
  );
}

if (headed) {
  console.info(`Policy Lens is loaded (extension id ${extensionId}) on a model of LinkedIn's privacy policy, served locally.
What to try:
  1. The banner (bottom right) names the policy and each flagged provision; the flagged passages are marked in the
     text, with a marker in the margin. Press a marker, or a line of the banner, or the ‹ › buttons to go mark to mark.
     "Mark passages" turns the marks off (and on).
  2. Click the Policy Lens button in the toolbar (in Chrome's puzzle-piece menu until you pin it): each provision shows
     its direct links to the setting and "Guide me"; press a provision for the quote, the evidence and citations.
  3. Press "Guide me" on "Your personal data used to train AI": the tab goes to a model of LinkedIn's settings and the
     overlay leads you to the switch.
Close the browser window to stop.`);
  await new Promise<void>((done) => context.on('close', () => done()));
} else {
  mkdirSync(OUT_DIR, { recursive: true });
  const marks = await bannerAndMarks(page);
  // As a reader would: scroll to the AI-training passage, whose marker is in the margin.
  await inRoot(
    page,
    'policy-lens-banner',
    (root, card: string) => {
      root.querySelector(`.marker${card}`)?.scrollIntoView({ block: 'center' });
      return true;
    },
    AI_CARD,
  );
  const policyShot = join(OUT_DIR, 'policy-page.png');
  await page.screenshot({ path: policyShot });

  const popup = await clickToolbarButton(context, extensionId, page);
  await popup.waitFor('document.body.dataset.ready === "true"', TIMEOUT_MS);
  await popup.waitFor(`document.querySelector('${AI_CARD} .quick-actions .guide-button')`, TIMEOUT_MS);
  const popupShot = await popup.screenshot('popup', join(OUT_DIR, 'popup.png'));

  // "Guide me" from the popup: the tab goes to the privacy settings, then the user follows the overlay.
  await popup.click(`${AI_CARD} .quick-actions .guide-button`);
  await page.waitForURL(`${PRIVACY_URL}**`, { timeout: TIMEOUT_MS });
  await overlayShows(page, /step \d+ of \d+/);
  await page.getByText('Data for Generative AI Improvement').first().click();
  await page.waitForURL(`${AI_URL}**`, { timeout: TIMEOUT_MS });
  await overlayShows(page, /Now: On.*Wanted: Off/);
  // The outline follows the switch (floating-ui); let it settle.
  await inRoot(page, 'policy-lens-walkthrough', (root) => root.querySelector('.outline') !== null);
  const walkthroughShot = join(OUT_DIR, 'walkthrough.png');
  await page.screenshot({ path: walkthroughShot });

  // The settings page and the welcome page (the one the install opened), whole.
  const pageShot = async (path: string, name: string) => {
    const extensionPage = await context.newPage();
    await extensionPage.goto(`chrome-extension://${extensionId}/${path}`);
    await extensionPage.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT_MS });
    const shot = join(OUT_DIR, name);
    await extensionPage.screenshot({ path: shot, fullPage: true });
    await extensionPage.close();
    return shot;
  };
  const settingsShot = await pageShot('options.html', 'settings.png');
  const welcomeShot = await pageShot('welcome.html', 'welcome.png');

  console.info(`Headless run (no display found): Policy Lens loaded as extension ${extensionId}.`);
  console.info(`The demo policy page showed the banner with ${marks} passages marked.`);
  console.info(
    `Screenshots written:\n  ${[policyShot, popupShot, walkthroughShot, settingsShot, welcomeShot].join('\n  ')}`,
  );
  await context.close();
}
rmSync(profileDir, { recursive: true, force: true });
