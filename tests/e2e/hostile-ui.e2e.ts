/**
 * The settings chip and the walkthrough overlay on hostile LinkedIn settings pages (issue 15's
 * hostile-page e2e beyond the banner, which hostile.e2e.ts covers), in real Chromium with the built
 * extension. The model settings pages (tests/fixtures/walkthroughs) are served with a strict CSP and
 * the hostile page script of tests/support/hostile-page.ts: built-ins replaced in the page's world,
 * look-alike hosts of ours with synthetic events at every host every 250 ms, a janitor removing
 * foreign nodes every 200 ms. In each: the page keeps working (its counter moves), our code throws
 * and reports nothing, and our UI works for the user's real input (the chip's Guide me starts the
 * walkthrough, the overlay follows the switch and its Do it for me changes it) or, against the
 * janitor, comes back within its budget and then stays away with no re-mount loop. Synthetic events
 * start nothing, change nothing and move no step.
 *
 * Our closed roots are read from a world of the test's own (harness `ownUi` `world: 'test'`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REATTACH } from '../../utils/shadow-host';
import { HOSTILE_PAGE_CSP, type Hostility, hostilePage } from '../support/hostile-page';
import { currentWorker, launch, type OwnUi, ownUi, pageIndexPublished, type Session } from './harness';
import { attr, type OurErrors, pageStillWorks, recordOurErrors } from './hostile-helpers';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/walkthroughs');
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const AI_SWITCH = 'input[aria-labelledby="allowDataForGenerativeAI"]';
const CHIP = 'policy-lens-chip';
const OVERLAY = 'policy-lens-walkthrough';

/** How each page is served next: null for the clean fixture. */
const serving: Record<string, Hostility | null> = { [PRIVACY_URL]: null, [AI_URL]: null };
let session: Session;

beforeAll(async () => {
  session = await launch();
  for (const [url, file] of [
    [PRIVACY_URL, 'linkedin-psettings-privacy.html'],
    [AI_URL, 'linkedin-data-for-ai-improvement.html'],
  ] as const) {
    await session.context.route(url, (route) => {
      const hostility = serving[url];
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: hostility ? { 'content-security-policy': HOSTILE_PAGE_CSP } : {},
        body: hostility ? hostilePage(fixture(file), hostility) : fixture(file),
      });
    });
  }
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

/** The walkthrough run in `page`'s tab, as the background keeps it (null when none). */
async function runOf(page: Page): Promise<{ stepIndex: number; status: string } | null> {
  const worker = await currentWorker(session);
  return worker.evaluate(async (tabUrl) => {
    const [tab] = await chrome.tabs.query({ url: tabUrl.split('#')[0] });
    const key = `walkthrough-run:${tab?.id}`;
    const stored = (await chrome.storage.session.get(key))[key] as { value?: unknown } | undefined;
    return (stored?.value ?? null) as { stepIndex: number; status: string } | null;
  }, page.url());
}

/** Poll `check` until it gives a value (a page that is loading reads as "not yet"). */
async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`never got there: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cardText = (ui: OwnUi) => ui.evaluate((root) => root.querySelector('.card')?.textContent ?? '');
const chipText = (ui: OwnUi) => ui.evaluate((root) => root.querySelector('.chip')?.textContent ?? '');

/** No CSP violation from us: the page's own elements carry its nonce, so any violation would be ours. */
const noViolation = async (page: Page) =>
  expect(await page.locator('html').getAttribute('data-last-violation')).toBeNull();

interface Tab {
  page: Page;
  errors: OurErrors;
  chip: OwnUi;
  overlay: OwnUi;
}

/** A new tab at the AI settings page as `serving` has it, recording what our code throws or reports. */
async function openAiSettings(): Promise<Tab> {
  const page = await session.context.newPage();
  const errors = await recordOurErrors(session, page);
  await page.goto(AI_URL);
  return {
    page,
    errors,
    chip: await ownUi(page, CHIP, { world: 'test' }),
    overlay: await ownUi(page, OVERLAY, { world: 'test' }),
  };
}

/** The chip's Guide me for the AI setting, by real clicks: the tab goes to the walkthrough's first step. */
async function guideFromChip(tab: Tab): Promise<void> {
  await until(async () => (await chipText(tab.chip))?.includes('Policy Lens'), 'the chip');
  await tab.chip.click('.chip-button');
  await until(() => tab.chip.exists('[data-action="ai-improvement-setting"] .guide-button'), 'the chip opened');
  await tab.chip.click('[data-action="ai-improvement-setting"] .guide-button');
  await tab.page.waitForURL(`${PRIVACY_URL}**`);
  await until(async () => (await tab.overlay.attr('.card', 'data-step')) === 'open-ai-setting', 'the first step');
}

/** From the first step to the AI switch, following the link the overlay points at (a real click). */
async function toTheSwitch(tab: Tab): Promise<void> {
  await tab.page.getByText('Data for Generative AI Improvement').first().click();
  await tab.page.waitForURL(`${AI_URL}**`);
  await until(async () => {
    const text = (await cardText(tab.overlay)) ?? '';
    return /Now: On/.test(text) && /Wanted: Off/.test(text);
  }, 'the overlay at the switch');
}

async function close(tab: Tab): Promise<void> {
  expect(tab.errors.ours()).toEqual([]);
  await tab.errors.detach();
  await tab.chip.detach();
  await tab.overlay.detach();
  await tab.page.close();
}

describe('hostile LinkedIn settings pages', () => {
  it('with a strict CSP and built-ins replaced: the chip starts the walkthrough and the overlay changes the switch', async () => {
    serving[PRIVACY_URL] = { patch: true };
    serving[AI_URL] = { patch: true };
    const tab = await openAiSettings();
    expect(await tab.page.locator('html').getAttribute('data-patched')).toBe('true');
    expect(await chipText(tab.chip)).toContain('the setting here is for');
    await guideFromChip(tab);
    expect(await tab.page.locator('html').getAttribute('data-patched')).toBe('true');
    await noViolation(tab.page);
    await toTheSwitch(tab);
    await tab.overlay.clickButton('Do it for me');
    await until(async () => /Now: Off/.test((await cardText(tab.overlay)) ?? ''), 'the switch seen off');
    expect(await tab.page.locator(AI_SWITCH).isChecked()).toBe(false);
    await noViolation(tab.page);
    await pageStillWorks(tab.page);
    await close(tab);
  }, 120_000);

  it('with look-alikes of ours and synthetic events at every host: nothing starts or changes until the user acts', async () => {
    serving[PRIVACY_URL] = { patch: true, fake: true, fakeTag: OVERLAY };
    serving[AI_URL] = { patch: true, fake: true, fakeTag: CHIP };
    const tab = await openAiSettings();
    await until(async () => (await chipText(tab.chip))?.includes('Policy Lens'), 'the chip');
    // Rounds of clicks, keys, focus and custom events at our chip's host: no walkthrough started.
    await until(async () => (await attr(tab.page, 'synthetic')) >= 8, 'synthetic rounds');
    expect(tab.page.url()).toBe(AI_URL);
    expect(await runOf(tab.page)).toBeNull();
    expect(await attr(tab.page, 'host-insertions')).toBe(1);
    expect(await tab.page.locator(`body > ${CHIP}`).count()).toBe(1);
    expect(await attr(tab.page, 'fake-clicks')).toBeGreaterThan(0);
    // The strongest stand-in for a script that found our button (no page can reach a closed root): it
    // presses Guide me from script, as security.e2e does with Dismiss. An untrusted click starts nothing.
    await tab.chip.click('.chip-button');
    await until(() => tab.chip.exists('[data-action="ai-improvement-setting"] .guide-button'), 'the chip opened');
    await tab.chip.evaluate((root) => {
      const guide = root.querySelector<HTMLElement>('[data-action="ai-improvement-setting"] .guide-button');
      guide?.click();
      guide?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    await tab.page.waitForTimeout(500);
    expect(tab.page.url()).toBe(AI_URL);
    expect(await runOf(tab.page)).toBeNull();
    await tab.chip.click('.chip-button');
    // The user's real clicks do start it.
    await guideFromChip(tab);
    await toTheSwitch(tab);
    const before = await runOf(tab.page);
    expect(before).toMatchObject({ status: 'running' });
    // Rounds at the overlay's host on this page: the switch is untouched and the step has not moved.
    const rounds = await attr(tab.page, 'synthetic');
    await until(async () => (await attr(tab.page, 'synthetic')) >= rounds + 8, 'synthetic rounds');
    expect(await tab.page.locator(AI_SWITCH).isChecked()).toBe(true);
    expect(await runOf(tab.page)).toEqual(before);
    expect(await cardText(tab.overlay)).toMatch(/Now: On/);
    expect(await tab.page.locator(`html > ${OVERLAY}`).count()).toBe(1);
    // The page's own look-alike of the overlay is there too (the fake one here is of the chip); ours was inserted once.
    expect(await attr(tab.page, 'host-insertions')).toBe(1);
    await tab.overlay.clickButton('Do it for me');
    await until(async () => /Now: Off/.test((await cardText(tab.overlay)) ?? ''), 'the switch seen off');
    await pageStillWorks(tab.page);
    await close(tab);
  }, 120_000);

  it('with a janitor that removes foreign nodes every 200 ms: the chip comes back within its budget, then stays away', async () => {
    serving[AI_URL] = { patch: true, fake: true, fakeTag: CHIP, janitor: true };
    const tab = await openAiSettings();
    // We mounted, were removed, and put our host back MAX_REATTACH times…
    await until(async () => (await attr(tab.page, 'host-insertions')) >= 1 + MAX_REATTACH, 'the re-attach budget');
    // …and then no more: over 3 s (15 janitor rounds) no host is inserted again.
    await tab.page.waitForTimeout(3_000);
    expect(await attr(tab.page, 'host-insertions')).toBe(1 + MAX_REATTACH);
    expect(await tab.page.locator(`html > ${CHIP}`).count()).toBe(0);
    await pageStillWorks(tab.page);
    await close(tab);
  }, 120_000);

  it('with a janitor on the step’s page: the overlay comes back within its budget, then stays away, and the run waits', async () => {
    serving[PRIVACY_URL] = null;
    serving[AI_URL] = null;
    const tab = await openAiSettings();
    await guideFromChip(tab);
    serving[AI_URL] = { patch: true, janitor: true };
    await tab.page.getByText('Data for Generative AI Improvement').first().click();
    await tab.page.waitForURL(`${AI_URL}**`);
    await until(async () => (await attr(tab.page, 'host-insertions')) >= 1 + MAX_REATTACH, 'the re-attach budget');
    await tab.page.waitForTimeout(3_000);
    expect(await attr(tab.page, 'host-insertions')).toBe(1 + MAX_REATTACH);
    expect(await tab.page.locator(`html > ${OVERLAY}`).count()).toBe(0);
    // The run is still there, at the switch's step, for the next load; the switch untouched.
    expect(await runOf(tab.page)).toMatchObject({ status: 'running' });
    expect(await tab.page.locator(AI_SWITCH).isChecked()).toBe(true);
    await pageStillWorks(tab.page);
    await close(tab);
  }, 120_000);
});
