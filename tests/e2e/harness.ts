/**
 * End-to-end harness: the built extension in real headless Chromium (playwright-core driving
 * the system's Chromium), pages served under their real hostnames with context.route, and
 * every other request recorded and aborted, so tests make no real network calls and can
 * assert which requests the extension made.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { attachNewPopup, clickToolbarButton as clickToolbarButtonOf, PopupTarget } from '../../scripts/cdp-target';
import { findChromium } from '../../scripts/chromium';
import { inClosedRoot } from '../../scripts/closed-root';
import { CHANNEL } from '../../utils/messages';
import type { UserSettings } from '../../utils/storage';

export { PopupTarget };

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

/** The browser's language in every e2e session: the background guesses the region from it (en-US: the US). */
export const BROWSER_LANGUAGE = 'en-US';

export async function launch(
  options: {
    profileDir?: string;
    extensionDir?: string;
    /** More Chromium switches (e.g. --host-resolver-rules to send a hostname to a local server). */
    args?: readonly string[];
    /** Accept a local server's throw-away certificate. */
    ignoreHTTPSErrors?: boolean;
    /** The browser's language (BROWSER_LANGUAGE unless given): the extension's strings and the guessed region. */
    language?: string;
  } = {},
): Promise<Session> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('Chromium not found: run `npm run test:e2e` (it installs it) or set CHROME_PATH');
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'policy-lens-e2e-'));
  const language = options.language ?? BROWSER_LANGUAGE;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    locale: language,
    // On Linux, Chromium takes its UI language (chrome.i18n's) from the environment, not from --lang.
    env: { ...process.env, LANGUAGE: language.split('-')[0] ?? language },
    viewport: { width: 1200, height: 800 },
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--lang=${language}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
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

/**
 * Change the user's settings as the settings page does: a `setSettings` request from an extension
 * page (the background accepts it only from its own pages), resolved with the settings it stored.
 */
export async function changeSettings(session: Session, partial: Partial<UserSettings>): Promise<UserSettings> {
  const page = await session.context.newPage();
  try {
    await page.goto(extensionUrl(session, 'options.html'));
    const reply = await page.evaluate(
      ([channel, payload]) => chrome.runtime.sendMessage({ channel, type: 'setSettings', payload }),
      [CHANNEL, partial] as const,
    );
    if (!reply?.ok) throw new Error(`setSettings refused: ${JSON.stringify(reply)}`);
    return reply.data as UserSettings;
  } finally {
    await page.close();
  }
}

/**
 * Wait until the background has published its page index (what the content script classifies pages
 * by), so that the first tracked page a test opens is classified from it. Throws after 10 s.
 */
export async function pageIndexPublished(session: Session): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const worker = await currentWorker(session);
    const published = await worker.evaluate(async () =>
      Boolean((await chrome.storage.local.get('page-index-meta'))['page-index-meta']),
    );
    if (published) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the background did not publish its page index within 10 s');
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

/**
 * Open the real toolbar popup for `page`'s tab, as the user would see it: bring the tab to the
 * front, `chrome.action.openPopup()` for its window, then attach to the popup's target.
 */
export async function openPopupFor(session: Session, page: Page): Promise<PopupTarget> {
  await page.bringToFront();
  const worker = await currentWorker(session);
  const cdp = await session.context.newCDPSession(page);
  const popupUrl = extensionUrl(session, 'popup.html');
  const before = await cdp.send('Target.getTargets');
  const existing = new Set(before.targetInfos.filter((t) => t.url.startsWith(popupUrl)).map((t) => t.targetId));
  await worker.evaluate(async () => {
    const win = await chrome.windows.getLastFocused();
    await chrome.action.openPopup({ windowId: win.id });
  });
  return attachNewPopup(cdp, popupUrl, existing);
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

/**
 * Our content script's isolated world in `page`, found over the DevTools protocol (nothing in the
 * product exposes it). `settled()` resolves once the script's start-up storage read has answered:
 * a storage round trip from the same world answers after it (the browser answers one world's
 * requests in order), plus a task for whatever the script did with the answer.
 */
export async function contentScriptWorld(
  session: Session,
  page: Page,
  timeoutMs = 5_000,
): Promise<{ contextId: number; settled(): Promise<void>; detach(): Promise<void> } | null> {
  const cdp = await session.context.newCDPSession(page);
  const origin = `chrome-extension://${session.extensionId}`;
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string; frameId?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const ours = () =>
    contexts.find(
      (c) => c.origin === origin && c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id,
    );
  const end = Date.now() + timeoutMs;
  while (!ours() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  const found = ours();
  if (!found) {
    await cdp.detach();
    return null;
  }
  return {
    contextId: found.id,
    async settled() {
      await cdp.send('Runtime.evaluate', {
        contextId: found.id,
        expression: 'chrome.storage.local.get("page-index-meta").then(() => new Promise((r) => setTimeout(r, 0)))',
        awaitPromise: true,
      });
    },
    detach: () => cdp.detach(),
  };
}

/**
 * Record the request types the background receives from now on, with a listener the test adds to
 * the worker itself (the product has no such hook). Read them with `received()`.
 */
export async function recordRequests(session: Session): Promise<{ received(): Promise<string[]> }> {
  const worker = await currentWorker(session);
  await worker.evaluate(() => {
    const scope = self as unknown as { e2eReceived?: string[] };
    if (scope.e2eReceived) return;
    const received: string[] = [];
    scope.e2eReceived = received;
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      received.push(String(message?.type));
      return undefined;
    });
  });
  return {
    received: async () =>
      (await currentWorker(session)).evaluate(() => [
        ...((self as unknown as { e2eReceived?: string[] }).e2eReceived ?? []),
      ]),
  };
}

/** Click the toolbar button for `page`'s tab, as the user does, and attach to the popup (scripts/cdp-target.ts). */
export function clickToolbarButton(session: Session, page: Page): Promise<PopupTarget> {
  return clickToolbarButtonOf(session.context, session.extensionId, page);
}

/**
 * Our UI in a page, read through its closed shadow root over the DevTools protocol
 * (scripts/closed-root.ts). Clicks are real mouse input at the element's centre (trusted, as the
 * user's).
 */
export interface OwnUi {
  /** Whether a host named `tag` with a closed shadow root is in the page. */
  present(): Promise<boolean>;
  /** `fn(root, arg)` in the page, with our shadow root; null when the host is not there. */
  evaluate<T, A = undefined>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null>;
  /** The text of the first element matching `selector` (default: the whole root), or null. */
  text(selector?: string): Promise<string | null>;
  attr(selector: string, name: string): Promise<string | null>;
  exists(selector: string): Promise<boolean>;
  /** A real click at the centre of the first element matching `selector`. */
  click(selector: string): Promise<void>;
  /** A real click on the button whose text is `label`. */
  clickButton(label: string): Promise<void>;
  /** The focused element's text inside our root (null when focus is elsewhere). */
  focusedText(): Promise<string | null>;
  detach(): Promise<void>;
}

/** A new world of the test's own in the page's main frame, as an execution context id. */
export async function testWorldOf(cdp: CDPSession): Promise<number> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'policy-lens-e2e',
  });
  return executionContextId;
}

/**
 * `world: 'test'` runs the functions in a world of the test's own (`Page.createIsolatedWorld`, made
 * afresh for each call, so a navigation in between does not matter) instead of the page's main
 * world: for a hostile page that replaces built-ins such as Array.prototype.map in its world.
 */
export async function ownUi(page: Page, tag: string, options: { world?: 'main' | 'test' } = {}): Promise<OwnUi> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const evaluate = async <T, A>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const contextId = options.world === 'test' ? await testWorldOf(cdp) : undefined;
        return await inClosedRoot(cdp, tag, fn, arg, contextId);
      } catch {
        // A navigation or re-render in between: look again.
      }
    }
    return null;
  };
  const centre = async (selector: string) =>
    evaluate((root, sel: string) => {
      const element = root.querySelector(sel);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      const r = element.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
  const clickAt = async (point: { x: number; y: number } | null, what: string) => {
    if (!point) throw new Error(`${what} is not in our UI under <${tag}>`);
    await page.mouse.click(point.x, point.y);
  };
  return {
    present: async () => (await evaluate(() => true)) === true,
    evaluate,
    text: (selector) =>
      evaluate(
        (root, sel: string | null) => (sel ? root.querySelector(sel) : root)?.textContent ?? null,
        selector ?? null,
      ),
    attr: (selector, name) =>
      evaluate(
        (root, [sel, attr]: [string, string]) => root.querySelector(sel)?.getAttribute(attr) ?? null,
        [selector, name],
      ),
    exists: async (selector) =>
      (await evaluate((root, sel: string) => root.querySelector(sel) !== null, selector)) === true,
    click: async (selector) => clickAt(await centre(selector), selector),
    clickButton: async (label) => {
      const point = await evaluate((root, text: string) => {
        const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
        if (!button) return null;
        button.scrollIntoView({ block: 'center' });
        const r = button.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, label);
      await clickAt(point, `the "${label}" button`);
    },
    focusedText: () => evaluate((root) => root.activeElement?.textContent?.trim() ?? null),
    detach: () => cdp.detach(),
  };
}
