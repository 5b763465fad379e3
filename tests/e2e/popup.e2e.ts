/**
 * The real toolbar popup, opened as a click on the toolbar button opens it (DevTools
 * `Extensions.triggerAction`), in real Chromium. Every test opens its own popup on its own tab and
 * leaves the profile as it found it, so the tests hold in any order.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { plainCitation } from '../../utils/citation';
import { SEVERITY_LABEL } from '../../utils/severity';
import { evidenceOf } from '../support/data';
import { clickToolbarButton, launch, type PopupTarget, type Session, servePage } from './harness';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
const aiTraining = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedin || !aiTraining) throw new Error('LinkedIn AI-training provision missing from the dataset');
// The browser's language is en-US: the popup shows the US version of LinkedIn's policy.
const aiEvidence = evidenceOf(linkedin, aiTraining, 'us');
const AI_SETTING = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const FEED_URL = 'https://www.linkedin.com/feed/';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const card = '[data-provision="linkedin.ai-training"]';

const PAGE = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1>`;

let session: Session;
beforeAll(async () => {
  session = await launch();
  // Extension origins cannot be granted permissions by the test; the clipboard is read from a web page instead.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://example.org' });
  await servePage(session.context, FEED_URL, PAGE('LinkedIn feed (model)'));
  await servePage(session.context, 'https://example.org/', PAGE('Example'));
});
afterAll(async () => {
  // Whatever ran, the popup made no request of its own (every unrouted request was recorded and aborted).
  const own = session?.unrouted.filter((u) => !u.endsWith('/favicon.ico'));
  await session?.close();
  expect(own).toEqual([]);
});

/** Tabs opened by the current test, closed after it (their popups close with them). */
let tabs: Page[] = [];
afterEach(async () => {
  for (const tab of tabs) await tab.close().catch(() => undefined);
  tabs = [];
});

/** A new tab at `url` and the popup a click on the toolbar button opens for it, once drawn. */
async function popupFor(url: string): Promise<PopupTarget> {
  const page = await session.context.newPage();
  tabs.push(page);
  await page.goto(url);
  const popup = await clickToolbarButton(session, page);
  await popup.waitFor('document.body.dataset.ready === "true"');
  return popup;
}

const text = (popup: PopupTarget, selector: string) =>
  popup.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);

/** Whether an element is rendered with a box (not hidden, not collapsed away). */
const shown = (popup: PopupTarget, selector: string) =>
  popup.evaluate<boolean>(`(() => {
    const e = document.querySelector(${JSON.stringify(selector)});
    const r = e?.getBoundingClientRect();
    return Boolean(e && e.checkVisibility() && r.width > 0 && r.height > 0);
  })()`);

const axe = async (popup: PopupTarget) => {
  await popup.evaluate(axeSource);
  return popup.evaluate<Array<{ id: string; impact: string; nodes: unknown[] }>>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
  );
};

describe('the toolbar popup on a LinkedIn tab', () => {
  it('shows LinkedIn with its overall severity and its provisions, most severe first', async () => {
    const popup = await popupFor(FEED_URL);
    expect(await text(popup, '.platform-header h1')).toContain('LinkedIn');
    expect(await text(popup, '.platform-header .severity-badge')).toContain('High');
    expect(await text(popup, `${card} .provision-title`)).toBe(aiTraining.title);
    expect(await text(popup, `${card} .severity-badge`)).toContain(SEVERITY_LABEL[aiTraining.severity]);
    const severities = await popup.evaluate<string[]>(
      `[...document.querySelectorAll('.provisions .provision-toggle .severity-badge')].map((b) => b.dataset.severity)`,
    );
    const order = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    expect(severities).toEqual([...severities].sort((a, b) => (order[a] ?? 9) - (order[b] ?? 9)));
  });

  it('shows, without any click, a direct link to the AI-training setting and a Guide me control', async () => {
    const popup = await popupFor(FEED_URL);
    expect(await popup.evaluate(`document.querySelector('${card}').dataset.expanded`)).toBe('false');
    const link = `${card} .quick-actions a.action-link[href="${AI_SETTING}"]`;
    expect(await shown(popup, link)).toBe(true);
    expect(
      await popup.evaluate(`(() => { const a = document.querySelector('${link}'); return [a.target, a.rel]; })()`),
    ).toEqual(['_blank', 'noopener noreferrer']);
    expect(await shown(popup, `${card} .quick-actions .guide-button`)).toBe(true);
    expect(await text(popup, `${card} .quick-actions .guide-button`)).toBe('Guide me');
    // The rest of the record waits for the row to be expanded.
    expect(await shown(popup, `${card} .sha`)).toBe(false);
    await popup.screenshot('popup-linkedin-at-a-glance');
  });

  it('expands the AI provision to the full record: quote, evidence with the SHA-256, and the citation controls', async () => {
    const popup = await popupFor(FEED_URL);
    await popup.click(`${card} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${card}').dataset.expanded === 'true'`);
    expect(await text(popup, `${card} .quote`)).toBe(aiEvidence.quote);
    expect(await shown(popup, `${card} .sha`)).toBe(true);
    expect(await text(popup, `${card} .sha`)).toBe(`${aiEvidence.capture.sha256.slice(0, 12)}…`);
    expect(await popup.evaluate(`document.querySelector('${card} .sha').title`)).toBe(aiEvidence.capture.sha256);
    const citeButtons = await popup.evaluate<string[]>(
      `[...document.querySelectorAll('${card} .cite .copy-button')].map((b) => b.textContent)`,
    );
    expect(citeButtons).toEqual(['Copy citation', 'Copy APA', 'Copy BibTeX']);
    expect(await shown(popup, `${card} .cite .copy-button`)).toBe(true);
    const viewInPolicy = await popup.evaluate<string>(`document.querySelector('${card} a.view-in-policy').href`);
    expect(viewInPolicy.startsWith(`${aiEvidence.version.urls[0]}#:~:text=`)).toBe(true);
    // Every action of the provision, in full.
    expect(
      await popup.evaluate<number>(
        `document.querySelectorAll('${card} .provision-body .actions [data-action]').length`,
      ),
    ).toBe(aiTraining.actions.length);
    await popup.screenshot('popup-linkedin-ai-training');
  });

  it('shows an action marked as done on the row itself, in a fresh popup', async () => {
    const popup = await popupFor(FEED_URL);
    await popup.click(`${card} .provision-toggle`);
    const toggle = `${card} .provision-body [data-action="ai-improvement-setting"] .done-toggle`;
    await popup.waitFor(`document.querySelector('${toggle} input')`);
    await popup.click(`${toggle} input`);
    await popup.waitFor(`document.querySelector('${toggle}').textContent.includes('Done on')`);
    try {
      const fresh = await popupFor(FEED_URL);
      expect(await text(fresh, `${card} .done-pill`)).toBe('done');
      expect(await text(fresh, `${card} .quick-actions [data-action="ai-improvement-setting"] .quick-done`)).toBe(
        '✓ done',
      );
    } finally {
      // Leave the profile as it was: undo it with the request the popup's checkbox sends.
      const extensionPage = await session.context.newPage();
      await extensionPage.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await extensionPage.evaluate(() =>
        chrome.runtime.sendMessage({
          channel: 'policy-lens/1',
          type: 'setActionDone',
          payload: { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: false },
        }),
      );
      await extensionPage.close();
    }
  });

  it('has no serious or critical accessibility violations, and no heading-order finding (axe-core)', async () => {
    const popup = await popupFor(FEED_URL);
    const collapsed = await axe(popup);
    await popup.click(`${card} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${card}').dataset.expanded === 'true'`);
    const expanded = await axe(popup);
    for (const violations of [collapsed, expanded]) {
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(violations.filter((v) => v.id === 'heading-order')).toEqual([]);
    }
  });

  it('copies a citation to the clipboard and confirms it on screen', async () => {
    const popup = await popupFor(FEED_URL);
    await popup.click(`${card} .provision-toggle`);
    const button = `${card} .cite .copy:nth-child(1) .copy-button`;
    await popup.waitFor(`document.querySelector('${button}')`);
    await popup.click(button);
    await popup.waitFor(
      `document.querySelector('${card} .cite .copy:nth-child(1) .copy-status').textContent.includes('Copied')`,
    );
    // Reading the clipboard from a web page takes focus away, which closes this popup.
    const reader = await session.context.newPage();
    tabs.push(reader);
    await reader.goto('https://example.org/');
    await reader.bringToFront();
    const clipboard = await reader.evaluate(() => navigator.clipboard.readText());
    const document = linkedin.documents.find((d) => d.id === aiTraining.documentId);
    if (!document) throw new Error('document missing');
    expect(clipboard).toBe(
      plainCitation({ platformName: 'LinkedIn', provision: aiTraining, document, evidence: aiEvidence }),
    );
    expect(clipboard).toContain(aiEvidence.capture.sha256);
  });
});

describe('the toolbar popup on an untracked site', () => {
  it('says the site has no tracked provisions and offers the check-up', async () => {
    const popup = await popupFor('https://example.org/');
    expect(await text(popup, '[data-state="not-tracked"]')).toContain('This site has no tracked provisions');
    expect(await popup.evaluate<number>(`document.querySelectorAll('[data-checkup]').length`)).toBeGreaterThan(0);
  });

  it('finds LinkedIn by search and opens the same provision view', async () => {
    const popup = await popupFor('https://example.org/');
    await popup.click('#platform-search');
    await popup.type('linkedin.com');
    await popup.waitFor(`document.querySelectorAll('.search [data-platform]').length === 1`);
    expect(await text(popup, '.search [data-platform] .platform-name')).toBe('LinkedIn');
    await popup.click('.search [data-platform="linkedin"] .platform-item');
    await popup.waitFor(`document.querySelector('[data-provision="linkedin.ai-training"]')`);
    expect(await shown(popup, `${card} .quick-actions a.action-link[href="${AI_SETTING}"]`)).toBe(true);
    await popup.screenshot('popup-untracked-search');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const popup = await popupFor('https://example.org/');
    const violations = await axe(popup);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
});

describe('keyboard', () => {
  it('reaches a provision by Tab and expands and collapses it with Enter and Space', async () => {
    const popup = await popupFor(FEED_URL);
    const focused = () =>
      popup.evaluate<string>(
        `document.activeElement?.classList.contains('provision-toggle') ? document.activeElement.closest('[data-provision]').dataset.provision : ''`,
      );
    for (let i = 0; i < 12 && (await focused()) === ''; i++) await popup.press('Tab');
    const id = await focused();
    expect(id).not.toBe('');
    const expanded = () =>
      popup.evaluate<string>(
        `document.querySelector('[data-provision="${id}"] .provision-toggle').getAttribute('aria-expanded')`,
      );
    expect(await expanded()).toBe('false');
    await popup.press('Enter');
    await popup.waitFor(
      `document.querySelector('[data-provision="${id}"] .provision-toggle').getAttribute('aria-expanded') === 'true'`,
    );
    await popup.press(' ');
    await popup.waitFor(
      `document.querySelector('[data-provision="${id}"] .provision-toggle').getAttribute('aria-expanded') === 'false'`,
    );
  });

  it('reaches the direct link and Guide me of a row by Tab, before expanding it', async () => {
    const popup = await popupFor(FEED_URL);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await popup.press('Tab');
      seen.push(
        await popup.evaluate<string>(
          `(() => { const e = document.activeElement; return e?.closest('${card}') ? (e.getAttribute('href') ?? e.className) : ''; })()`,
        ),
      );
      if (seen.includes('guide-button')) break;
    }
    expect(seen).toContain(AI_SETTING);
    expect(seen).toContain('guide-button');
  });
});
