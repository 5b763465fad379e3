/**
 * A page target (the real toolbar popup, which Playwright does not list as a page) driven over the
 * DevTools protocol: evaluate, wait, real mouse and keyboard input, screenshots. Used by the e2e
 * tests, `npm start` and `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

const ARTIFACTS_DIR = resolve(import.meta.dirname, '../.e2e-artifacts');

/** The real toolbar popup, attached over the DevTools protocol (Playwright does not list it as a page). */
export class PopupTarget {
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const done = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.cdp
      .send('Target.sendMessageToTarget', {
        sessionId: this.sessionId,
        message: JSON.stringify({ id, method, params }),
      })
      .catch((error: Error) => {
        // The popup closed (e.g. it lost focus): fail the call instead of waiting forever.
        this.pending.get(id)?.reject(error);
        this.pending.delete(id);
      });
    return done;
  }

  /** Evaluate an expression in the popup (promises awaited) and return its JSON value. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const r = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true, userGesture: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }

  async waitFor(expression: string, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      // A popup that is still loading may not have a body yet: that is "not yet", not a failure.
      if (await this.evaluate<boolean>(`(() => { try { return Boolean(${expression}); } catch { return false; } })()`))
        return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`popup: timed out waiting for ${expression}`);
  }

  /** Click the centre of the first element matching `selector` with real mouse events. */
  async click(selector: string): Promise<void> {
    const box = await this.evaluate<{ x: number; y: number } | null>(`(() => {
      const el = document.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    })()`);
    if (!box) throw new Error(`popup: no element ${selector}`);
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    }
  }

  /** Press a key with real keyboard events (e.g. "Tab", "Enter", " "). */
  async press(key: string, modifiers = 0): Promise<void> {
    const codes: Record<string, { code: string; keyCode: number; text?: string }> = {
      Tab: { code: 'Tab', keyCode: 9 },
      Enter: { code: 'Enter', keyCode: 13, text: '\r' },
      ' ': { code: 'Space', keyCode: 32, text: ' ' },
      Escape: { code: 'Escape', keyCode: 27 },
    };
    const k = codes[key] ?? { code: key, keyCode: 0, text: key };
    await this.send('Input.dispatchKeyEvent', {
      type: k.text ? 'keyDown' : 'rawKeyDown',
      key,
      code: k.code,
      windowsVirtualKeyCode: k.keyCode,
      text: k.text,
      modifiers,
    });
    // The key press may have closed the popup (Enter on a walkthrough's button sends the tab away and
    // the popup loses focus): then there is nothing left to release the key in, and that is no error.
    await this.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key,
      code: k.code,
      windowsVirtualKeyCode: k.keyCode,
      modifiers,
    }).catch((error: Error) => {
      if (!/No session with given id/.test(error.message)) throw error;
    });
  }

  async type(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  /** A PNG of the whole popup, into the e2e artifacts as `name`.png (or to `path`). */
  async screenshot(name: string, path = join(ARTIFACTS_DIR, `${name}.png`)): Promise<string> {
    // Captured right after the popup drew, the part below its first 600 px once came out as a copy of
    // the top (1 of 3 `npm start` runs here), as if the window had not yet taken its size: wait until
    // the window and document sizes have held for 100 ms and two frames have been drawn.
    await this.evaluate(`(async () => {
      const size = () => innerWidth + 'x' + innerHeight + 'x' + document.documentElement.scrollHeight;
      for (let i = 0, last = ''; i < 20; i++) {
        const now = size();
        if (now === last) break;
        last = now;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    })()`);
    const { data } = await this.send<{ data: string }>('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
    });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(data, 'base64'));
    return path;
  }
}

/**
 * Click the toolbar button for `page`'s tab, as the user does (DevTools `Extensions.triggerAction`
 * on the tab target), and attach to the popup it opens. Unlike `chrome.action.openPopup()` this
 * grants activeTab, so the popup sees the URL of any tab, tracked or not.
 */
export async function clickToolbarButton(
  context: BrowserContext,
  extensionId: string,
  page: Page,
): Promise<PopupTarget> {
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  // Tab targets are listed only when asked for (the default filter leaves them out).
  const all = (await cdp.send('Target.getTargets', { filter: [{}] } as never)) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const existing = new Set(all.targetInfos.filter((t) => t.url.startsWith(popupUrl)).map((t) => t.targetId));
  const tab = all.targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  if (!tab) throw new Error(`no tab target for ${page.url()}`);
  // A browser-level command: a page session may not send it.
  const browser = await context.browser()?.newBrowserCDPSession();
  if (!browser) throw new Error('no browser session');
  await browser.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  await browser.detach();
  return attachNewPopup(cdp, popupUrl, existing);
}

/** Wait for a popup target that is not one of `existing` and attach to it (non-flat, driven by messages). */
export async function attachNewPopup(cdp: CDPSession, popupUrl: string, existing: Set<string>): Promise<PopupTarget> {
  for (let i = 0; i < 100; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'page' && t.url.startsWith(popupUrl) && !existing.has(t.targetId),
    );
    if (target) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      return new PopupTarget(cdp, sessionId);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the toolbar popup did not open');
}
