import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { plainCitation } from '../../utils/citation';
import { SEVERITY_LABEL } from '../../utils/severity';
import { evidenceOf } from '../support/data';
import { launch, openPopupFor, type PopupTarget, type Session, servePage } from './harness';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
const aiTraining = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedin || !aiTraining) throw new Error('LinkedIn AI-training provision missing from the dataset');
// The browser's language is en-US: the popup shows the US version of LinkedIn's policy.
const aiEvidence = evidenceOf(linkedin, aiTraining, 'us');
const AI_SETTING = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGE = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1>`;

let session: Session;
beforeAll(async () => {
  session = await launch();
  // Extension origins cannot be granted permissions by the test; the clipboard is read from a web page instead.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://example.org' });
  await servePage(session.context, 'https://www.linkedin.com/feed/', PAGE('LinkedIn feed (model)'));
  await servePage(session.context, 'https://example.org/', PAGE('Example'));
});
afterAll(async () => {
  // Whatever ran, the popup made no request of its own (every unrouted request was recorded and aborted).
  const own = session?.unrouted.filter((u) => !u.endsWith('/favicon.ico'));
  await session?.close();
  expect(own).toEqual([]);
});

async function popupFor(url: string): Promise<PopupTarget> {
  const page = await session.context.newPage();
  await page.goto(url);
  const popup = await openPopupFor(session, page);
  await popup.waitFor('document.body.dataset.ready === "true"');
  return popup;
}

const text = (popup: PopupTarget, selector: string) =>
  popup.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);

describe('the toolbar popup on a LinkedIn tab', () => {
  let popup: PopupTarget;
  const card = '[data-provision="linkedin.ai-training"]';

  beforeAll(async () => {
    popup = await popupFor('https://www.linkedin.com/feed/');
  });

  it('shows LinkedIn with its overall severity and the AI-training provision', async () => {
    expect(await text(popup, '.platform-header h1')).toContain('LinkedIn');
    expect(await text(popup, '.platform-header .severity-badge')).toContain('High');
    expect(await text(popup, `${card} .provision-title`)).toBe(aiTraining.title);
    expect(await text(popup, `${card} .severity-badge`)).toContain(SEVERITY_LABEL[aiTraining.severity]);
    // Most severe first.
    const severities = await popup.evaluate<string[]>(
      `[...document.querySelectorAll('.provisions .provision-toggle .severity-badge')].map((b) => b.dataset.severity)`,
    );
    const order = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    expect(severities).toEqual([...severities].sort((a, b) => (order[a] ?? 9) - (order[b] ?? 9)));
  });

  it('expands to the full provision with a direct link to the AI-training setting and the evidence', async () => {
    await popup.click(`${card} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${card}').dataset.expanded === 'true'`);
    const link = await popup.evaluate<{ target: string; rel: string } | null>(`(() => {
      const a = document.querySelector('${card} a.action-link[href="${AI_SETTING}"]');
      return a && { target: a.target, rel: a.rel };
    })()`);
    expect(link).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
    expect(await text(popup, `${card} .quote`)).toBe(aiEvidence.quote);
    expect(await text(popup, `${card} .sha`)).toBe(`${aiEvidence.capture.sha256.slice(0, 12)}…`);
    expect(await popup.evaluate(`document.querySelector('${card} .sha').title`)).toBe(aiEvidence.capture.sha256);
    const viewInPolicy = await popup.evaluate<string>(`document.querySelector('${card} a.view-in-policy').href`);
    expect(viewInPolicy.startsWith(`${aiEvidence.version.urls[0]}#:~:text=`)).toBe(true);
    await popup.screenshot('popup-linkedin-ai-training');
  });

  it('remembers an action marked as done', async () => {
    await popup.click(`${card} [data-action="ai-improvement-setting"] .done-toggle input`);
    await popup.waitFor(
      `document.querySelector('${card} [data-action="ai-improvement-setting"] .done-toggle').textContent.includes('Done on')`,
    );
    // A fresh popup (the old one closes as the new tab takes focus) shows it done.
    popup = await popupFor('https://www.linkedin.com/feed/');
    expect(await text(popup, `${card} .done-pill`)).toBe('done');
    await popup.click(`${card} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${card} .done-toggle input').checked`);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await popup.evaluate(axeSource);
    const violations = await popup.evaluate<Array<{ id: string; impact: string; nodes: unknown[] }>>(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) })))`,
    );
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  // Last: reading the clipboard from a web page takes focus away, which closes the popup.
  it('copies a citation to the clipboard and confirms it on screen', async () => {
    const button = `${card} .cite .copy:nth-child(1) .copy-button`;
    await popup.click(button);
    await popup.waitFor(
      `document.querySelector('${card} .cite .copy:nth-child(1) .copy-status').textContent.includes('Copied')`,
    );
    const reader = await session.context.newPage();
    await reader.goto('https://example.org/');
    await reader.bringToFront();
    const clipboard = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    const document = linkedin.documents.find((d) => d.id === aiTraining.documentId);
    if (!document) throw new Error('document missing');
    expect(clipboard).toBe(
      plainCitation({ platformName: 'LinkedIn', provision: aiTraining, document, evidence: aiEvidence }),
    );
    expect(clipboard).toContain(aiEvidence.capture.sha256);
  });
});

describe('the toolbar popup on an untracked site', () => {
  let popup: PopupTarget;
  beforeAll(async () => {
    popup = await popupFor('https://example.org/');
  });

  it('says the site has no tracked provisions and offers the check-up', async () => {
    expect(await text(popup, '[data-state="not-tracked"]')).toContain('This site has no tracked provisions');
    expect(await popup.evaluate<number>(`document.querySelectorAll('[data-checkup]').length`)).toBeGreaterThan(0);
  });

  it('finds LinkedIn by search and opens the same provision view', async () => {
    await popup.click('#platform-search');
    await popup.type('linkedin.com');
    await popup.waitFor(`document.querySelectorAll('.search [data-platform]').length === 1`);
    expect(await text(popup, '.search [data-platform] .platform-name')).toBe('LinkedIn');
    await popup.click('.search [data-platform="linkedin"] .platform-item');
    await popup.waitFor(`document.querySelector('[data-provision="linkedin.ai-training"]')`);
    await popup.screenshot('popup-untracked-search');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    await popup.evaluate(axeSource);
    const violations = await popup.evaluate<Array<{ id: string; impact: string }>>(
      `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))`,
    );
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });
});

describe('keyboard', () => {
  it('reaches a provision by Tab and expands and collapses it with Enter and Space', async () => {
    const popup = await popupFor('https://www.linkedin.com/feed/');
    const focused = () =>
      popup.evaluate<string>(`document.activeElement?.closest('[data-provision]')?.dataset.provision ?? ''`);
    for (let i = 0; i < 10 && (await focused()) === ''; i++) await popup.press('Tab');
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
});
