import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { launch, openPopupFor, type PopupTarget, type Session, screenshot, servePage } from './harness';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/walkthroughs');
interface FixturePage {
  url: string;
  file: string;
  walkthroughs: string[];
  variant?: string;
}
const fixtures = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as FixturePage[];
const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const FEED_URL = 'https://www.linkedin.com/feed/';
const OVERLAY = 'policy-lens-walkthrough';
const card = '[data-provision="linkedin.ai-training"]';

/**
 * The model AI-settings page behaves like the real one in the one way that matters here: the
 * switch's state is saved by the "platform" (this route) and served back on the next load.
 */
const saved = { aiTraining: true };
const SAVE_URL = 'https://www.linkedin.com/__model-save';

function aiSettingsPage(): string {
  const html = readFileSync(join(FIXTURES, 'linkedin-data-for-ai-improvement.html'), 'utf8');
  const input = /<input[^>]*aria-labelledby="allowDataForGenerativeAI"[^>]*>/.exec(html)?.[0];
  if (!input) throw new Error('fixture has no AI switch');
  const served = input.replace(/\schecked(?=[\s>])/, '').replace(/>$/, saved.aiTraining ? ' checked>' : '>');
  const saver = `<script>document.addEventListener('change', (e) => { if (e.target.matches('[aria-labelledby="allowDataForGenerativeAI"]')) navigator.sendBeacon('${SAVE_URL}?checked=' + e.target.checked); });</script>`;
  return html.replace(input, served).replace('</body>', `${saver}</body>`);
}

async function serveFixtures(session: Session): Promise<void> {
  await servePage(session.context, FEED_URL, '<!doctype html><title>LinkedIn feed (model)</title><h1>Feed</h1>');
  for (const page of fixtures.filter((f) => !f.variant && f.url !== AI_URL)) {
    await servePage(session.context, page.url, readFileSync(join(FIXTURES, page.file), 'utf8'));
  }
  await session.context.route(AI_URL, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: aiSettingsPage() }),
  );
  await session.context.route(`${SAVE_URL}**`, (route) => {
    saved.aiTraining = new URL(route.request().url()).searchParams.get('checked') === 'true';
    return route.fulfill({ status: 204, body: '' });
  });
}

const overlayText = (page: Page) =>
  page.evaluate((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.card')?.textContent ?? '', OVERLAY);
const overlayAttr = (page: Page, name: string) =>
  page.evaluate(
    ([tag, attr]) =>
      document
        .querySelector(tag as string)
        ?.shadowRoot?.querySelector('.card')
        ?.getAttribute(attr as string) ?? null,
    [OVERLAY, name],
  );
/** Poll the overlay; a page that is navigating (reload) just reads as not matching yet. */
async function waitForOverlay(
  page: Page,
  predicate: (text: string, step: string | null, status: string | null) => boolean,
) {
  for (let i = 0; i < 100; i++) {
    if (
      predicate(await overlayText(page), await overlayAttr(page, 'data-step'), await overlayAttr(page, 'data-status'))
    )
      return;
    await page.waitForTimeout(100);
  }
  throw new Error(`overlay never matched; it says: ${await overlayText(page)}`);
}
/** A real click (trusted, as the user's) on an overlay button, found by its label in our open shadow root. */
const clickInOverlay = (page: Page, label: string) =>
  page.locator(OVERLAY).getByRole('button', { name: label, exact: true }).click();

async function startFromPopup(session: Session, page: Page): Promise<void> {
  const popup: PopupTarget = await openPopupFor(session, page);
  await popup.waitFor('document.body.dataset.ready === "true"');
  await popup.click(`${card} .provision-toggle`);
  await popup.waitFor(`document.querySelector('${card} [data-action="ai-improvement-setting"] .guide-button')`);
  await popup.click(`${card} [data-action="ai-improvement-setting"] .guide-button`);
}

let session: Session;
beforeAll(async () => {
  session = await launch();
  await serveFixtures(session);
});
afterAll(async () => {
  await session?.close();
});

describe('LinkedIn AI-training walkthrough', () => {
  let page: Page;

  it('starts from the popup and takes the tab to the privacy settings, with the overlay on the next control', async () => {
    page = await session.context.newPage();
    await page.goto(FEED_URL);
    await startFromPopup(session, page);
    await page.waitForURL(`${PRIVACY_URL}**`);
    await page.waitForSelector(OVERLAY, { state: 'attached' });
    await waitForOverlay(page, (_t, step) => step === 'open-ai-setting');
    expect(await overlayText(page)).toMatch(/step \d+ of \d+/);
  });

  it('follows the user to the AI setting and outlines the switch, showing now vs wanted', async () => {
    await page.getByText('Data for Generative AI Improvement').first().click();
    await page.waitForURL(`${AI_URL}**`);
    await page.waitForSelector(OVERLAY, { state: 'attached' });
    await waitForOverlay(page, (text) => /Now: On/.test(text) && /Wanted: Off/.test(text));
    await page.waitForTimeout(300);
    await screenshot(page, 'walkthrough-linkedin-ai-switch');
    const outlined = await page.evaluate(
      (tag) => document.querySelector(tag)?.shadowRoot?.querySelector('.outline') !== null,
      OVERLAY,
    );
    expect(outlined).toBe(true);
    // The overlay never blocks the page.
    expect(
      await page.evaluate((tag) => {
        const layer = document.querySelector(tag)?.shadowRoot?.querySelector('.walkthrough');
        return layer ? getComputedStyle(layer).pointerEvents : null;
      }, OVERLAY),
    ).toBe('none');
    // Our overlay only (the model page is not ours to judge): axe-core reads its open shadow root.
    const violations = await seriousViolations(page, OVERLAY);
    expect(violations).toEqual([]);
  });

  it('notices when the user switches it off, confirms after a reload, and shows done', async () => {
    // The test clicks the switch as a user would; the extension does not.
    await page.locator('input[aria-labelledby="allowDataForGenerativeAI"]').click();
    await waitForOverlay(page, (text) => /Now: Off/.test(text) && /Reload the page to confirm/.test(text));
    expect(saved.aiTraining).toBe(false);
    const reloaded = page.waitForEvent('load');
    await clickInOverlay(page, 'Reload and check');
    await reloaded;
    await waitForOverlay(page, (_t, _s, status) => status === 'done');
    expect(await overlayText(page)).toContain('Done ✓');
  });

  it('shows the action as done in the popup afterwards', async () => {
    const popup = await openPopupFor(session, page);
    await popup.waitFor('document.body.dataset.ready === "true"');
    expect(await popup.evaluate(`document.querySelector('${card} .done-pill')?.textContent`)).toBe('done');
  });

  it('offers the way back to where the user started', async () => {
    await page.bringToFront();
    await clickInOverlay(page, 'Back to where I started');
    await page.waitForURL(FEED_URL);
    await page.waitForTimeout(300);
    expect(await page.$(OVERLAY)).toBeNull();
  });

  it('is still done after a browser restart with the same profile', async () => {
    const profileDir = session.profileDir;
    await session.close({ keepProfile: true });
    session = await launch({ profileDir });
    await serveFixtures(session);
    const again = await session.context.newPage();
    await again.goto(FEED_URL);
    const popup = await openPopupFor(session, again);
    await popup.waitFor('document.body.dataset.ready === "true"');
    expect(await popup.evaluate(`document.querySelector('${card} .done-pill')?.textContent`)).toBe('done');
  });
});

describe('the same flow by keyboard only', () => {
  async function tabUntil(page: Page, predicate: () => Promise<boolean>, max = 40): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await predicate()) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('focus never got there by Tab');
  }
  const focusedInOverlay = (page: Page, label: string) =>
    page.evaluate(
      ([tag, text]) => document.querySelector(tag as string)?.shadowRoot?.activeElement?.textContent?.trim() === text,
      [OVERLAY, label],
    );

  it('starts, follows, sets and confirms the setting without a mouse', async () => {
    saved.aiTraining = true;
    const page = await session.context.newPage();
    await page.goto(FEED_URL);
    const popup = await openPopupFor(session, page);
    await popup.waitFor('document.body.dataset.ready === "true"');
    const popupFocus = (selector: string) =>
      popup.evaluate<boolean>(`document.activeElement === document.querySelector('${selector}')`);
    // The card is wherever its severity puts it in the list: tab until it has focus, and fail if it never does.
    for (let i = 0; i < 80 && !(await popupFocus(`${card} .provision-toggle`)); i++) await popup.press('Tab');
    expect(await popupFocus(`${card} .provision-toggle`)).toBe(true);
    await popup.press('Enter');
    const guide = `${card} [data-action="ai-improvement-setting"] .guide-button`;
    await popup.waitFor(`document.querySelector('${guide}')`);
    for (let i = 0; i < 80 && !(await popupFocus(guide)); i++) await popup.press('Tab');
    expect(await popupFocus(guide)).toBe(true);
    await popup.press('Enter');

    await page.waitForURL(`${PRIVACY_URL}**`);
    await waitForOverlay(page, (_t, step) => step === 'open-ai-setting');
    await tabUntil(page, () =>
      page.evaluate(() => document.activeElement?.textContent?.trim() === 'Data for Generative AI Improvement'),
    );
    await page.keyboard.press('Enter');

    await page.waitForURL(`${AI_URL}**`);
    await waitForOverlay(page, (text) => /Now: On/.test(text));
    await tabUntil(page, () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') === 'allowDataForGenerativeAI'),
    );
    await page.keyboard.press('Space');
    await waitForOverlay(page, (text) => /Reload the page to confirm/.test(text));

    await tabUntil(page, () => focusedInOverlay(page, 'Reload and check'));
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;
    await waitForOverlay(page, (_t, _s, status) => status === 'done');
    await tabUntil(page, () => focusedInOverlay(page, 'Close'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(OVERLAY, { state: 'detached' });
  });
});

describe('ChatGPT training walkthrough (settings opened by the URL fragment)', () => {
  const CHAT_URL = 'https://chatgpt.com/';
  const DATA_CONTROLS = 'https://chatgpt.com/#settings/DataControls';
  const CHAT_SAVE_URL = 'https://chatgpt.com/__model-save';
  const chatCard = '[data-provision="openai.ai-training-chats"]';
  const chatSaved = { training: true };

  /**
   * The model page behaves like the real app where it matters: the settings dialog shows only at
   * #settings/DataControls (also after a fragment-only change), the switch flips on click, and its
   * state is saved by the "platform" (this route) and served back on the next load.
   */
  function chatPage(): string {
    const html = readFileSync(join(FIXTURES, 'chatgpt-data-controls.html'), 'utf8').replace(
      /(aria-checked=")true(" aria-labelledby="improve-label")/,
      `$1${chatSaved.training}$2`,
    );
    const script = `<script>
      const dialog = document.querySelector('[role="dialog"]');
      const route = () => { dialog.hidden = location.hash.toLowerCase() !== '#settings/datacontrols'; };
      addEventListener('hashchange', route);
      route();
      for (const s of document.querySelectorAll('[role="switch"]')) s.addEventListener('click', () => {
        const on = s.getAttribute('aria-checked') !== 'true';
        s.setAttribute('aria-checked', String(on));
        if (s.getAttribute('aria-labelledby') === 'improve-label') navigator.sendBeacon('${CHAT_SAVE_URL}?on=' + on);
      });
    </script>`;
    return html.replace('</body>', `${script}</body>`);
  }

  it('starts on the chat, opens the settings by the fragment alone, and is done once the switch is off and saved', async () => {
    await session.context.route(CHAT_URL, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: chatPage() }),
    );
    await session.context.route(`${CHAT_SAVE_URL}**`, (route) => {
      chatSaved.training = new URL(route.request().url()).searchParams.get('on') === 'true';
      return route.fulfill({ status: 204, body: '' });
    });
    const page = await session.context.newPage();
    await page.goto(CHAT_URL);
    expect(await page.locator('[role="dialog"]').isHidden()).toBe(true);
    let loads = 0;
    page.on('load', () => {
      loads++;
    });

    const popup = await openPopupFor(session, page);
    await popup.waitFor('document.body.dataset.ready === "true"');
    await popup.click(`${chatCard} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${chatCard} [data-action="data-controls"] .guide-button')`);
    await popup.click(`${chatCard} [data-action="data-controls"] .guide-button`);

    await page.waitForURL(DATA_CONTROLS);
    await page.waitForSelector(OVERLAY, { state: 'attached' });
    await waitForOverlay(page, (text) => /Now: On/.test(text) && /Wanted: Off/.test(text));
    // Only the fragment changed: no page loaded.
    expect(loads).toBe(0);

    // Another settings panel and back, by fragment only: each change brings a fresh copy of the
    // overlay script into the same page, which must take over rather than leave the page without one.
    await page.evaluate(() => {
      location.hash = '#settings/Account';
    });
    await page.waitForFunction(() => document.querySelector('[role="dialog"]')?.hasAttribute('hidden'));
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      location.hash = '#settings/DataControls';
    });
    await page.waitForTimeout(500);
    await page.waitForSelector(OVERLAY, { state: 'attached' });
    await waitForOverlay(page, (text) => /Now: On/.test(text));
    expect(await page.locator(OVERLAY).count()).toBe(1);

    await page.getByRole('switch', { name: 'Improve the model for everyone' }).click();
    await waitForOverlay(page, (text) => /Now: Off/.test(text) && /Reload the page to confirm/.test(text));
    expect(chatSaved.training).toBe(false);
    const reloaded = page.waitForEvent('load');
    await clickInOverlay(page, 'Reload and check');
    await reloaded;
    await waitForOverlay(page, (_t, _s, status) => status === 'done');
    await screenshot(page, 'walkthrough-chatgpt-data-controls');
  });
});
