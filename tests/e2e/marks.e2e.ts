/**
 * The banner at a glance and the marks, on LinkedIn's privacy policy (the captured text with the
 * real HTML of its AI paragraph), in real Chromium: what the collapsed banner says, the passages
 * marked before any click (painted, with margin markers, the page's layout untouched), a marker
 * opening its provision, the keyboard stepping from mark to mark, the switch that turns marks off
 * (remembered), the UI injected only where it is needed, and axe on the banner.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { sortProvisions } from '../../utils/background/catalog';
import { SEVERITY_LABEL } from '../../utils/severity';
import { normalizeText } from '../../utils/text';
import { linkedinPrivacyPage, POLICY_COLUMN_CSS } from '../support/corpus-page';
import { quoteOf } from '../support/data';
import { contentScriptWorld, currentWorker, launch, type Session, screenshot, servePage } from './harness';

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
const ai = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedin || !ai) throw new Error('LinkedIn AI-training provision missing from the dataset');
const aiQuote = quoteOf(linkedin, ai);
const onPolicy = sortProvisions(linkedin.provisions.filter((p) => p.documentId === 'privacy-policy'));
const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const FEED_URL = 'https://www.linkedin.com/feed/';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const compact = (text: string) => normalizeText(text).replaceAll(' ', '');

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage({ css: POLICY_COLUMN_CSS }));
  await servePage(session.context, FEED_URL, '<!doctype html><title>Feed (model)</title><h1>Feed</h1>');
  const worker = await currentWorker(session);
  for (
    let i = 0;
    i < 50 &&
    !(await worker.evaluate(async () =>
      Boolean((await chrome.storage.local.get('page-index-meta'))['page-index-meta']),
    ));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await session?.close();
});

/** Open the policy and wait until our script has read it and painted its marks (or decided not to). */
async function openPolicy(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(POLICY_URL);
  await page.waitForSelector('policy-lens-banner[data-marked-ms]', { state: 'attached', timeout: 15_000 });
  return page;
}

const inBanner = (page: Page, selector: string) => page.locator(`policy-lens-banner ${selector}`);
/** The texts of the ranges in one of our highlights (the registry is the document's, shared by every world). */
const highlighted = (page: Page, name: string) =>
  page.evaluate((n) => [...((CSS.highlights.get(n) ?? []) as Iterable<Range>)].map((r) => r.toString()), name);

describe('before any click', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPolicy();
  });
  afterAll(async () => {
    await page.close();
  });

  it('the collapsed banner names LinkedIn, the document and each flagged provision with its severity', async () => {
    expect(await inBanner(page, '.document').textContent()).toBe('LinkedIn Privacy Policy');
    const counts = await inBanner(page, '.counts').textContent();
    expect(counts).toContain(`Flagged: ${onPolicy.length}`);
    expect(counts).toContain(`${onPolicy.length} of ${onPolicy.length} found on this page`);
    const lines = await inBanner(page, '.glance [data-provision]').evaluateAll((items) =>
      items.map((e) => ({ id: e.getAttribute('data-provision'), text: e.textContent ?? '' })),
    );
    expect(lines.map((l) => l.id)).toEqual(onPolicy.map((p) => p.id));
    const aiLine = lines.find((l) => l.id === ai.id)?.text ?? '';
    expect(aiLine).toContain(ai.title);
    expect(aiLine).toContain(SEVERITY_LABEL[ai.severity]);
    // Collapsed indeed: the details are not shown.
    expect(await inBanner(page, '.items').count()).toBe(0);
    expect(await inBanner(page, 'button.toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('the AI-training passage is marked with a CSS highlight that paints, nothing emphasised yet', async () => {
    const marks = await highlighted(page, 'policy-lens-marks');
    expect(marks.map(compact)).toContain(compact(aiQuote));
    expect(marks).toHaveLength(onPolicy.length);
    expect(await highlighted(page, 'policy-lens')).toEqual([]);
    // Painted: the passage's pixels with the mark differ from the same pixels without it.
    const box = await page.evaluate(
      (i) => {
        const range = [...((CSS.highlights.get('policy-lens-marks') ?? []) as Iterable<Range>)][i];
        range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = range?.getClientRects()[0];
        return r && { x: r.left, y: r.top, width: Math.min(r.width, 300), height: r.height };
      },
      marks.map(compact).indexOf(compact(aiQuote)),
    );
    expect(box).toBeTruthy();
    if (!box) return;
    const marked = await page.screenshot({ clip: box });
    await page.evaluate(() => {
      const h = CSS.highlights.get('policy-lens-marks');
      CSS.highlights.delete('policy-lens-marks');
      (globalThis as { e2eMarks?: unknown }).e2eMarks = h;
    });
    const plain = await page.screenshot({ clip: box });
    await page.evaluate(() =>
      CSS.highlights.set('policy-lens-marks', (globalThis as unknown as { e2eMarks: Highlight }).e2eMarks),
    );
    expect(marked.equals(plain)).toBe(false);
    await screenshot(page, 'marks-linkedin-before-any-click');
  });

  it('each marked passage has a margin marker beside its first line, left of its paragraph', async () => {
    const index = (await highlighted(page, 'policy-lens-marks')).map(compact).indexOf(compact(aiQuote));
    const placed = await page.evaluate(
      ({ id, i }) => {
        const root = document.querySelector('policy-lens-banner')?.shadowRoot;
        const marker = root?.querySelector(`.marker[data-provision="${id}"]`);
        const range = [...((CSS.highlights.get('policy-lens-marks') ?? []) as Iterable<Range>)][i];
        if (!marker || !range) return null;
        const m = marker.getBoundingClientRect();
        const line = range.getClientRects()[0];
        const paragraph = range.startContainer.parentElement?.closest('p, div, li')?.getBoundingClientRect();
        return {
          markers: root?.querySelectorAll('.marker').length,
          left: m.right <= (paragraph?.left ?? 0) + 1,
          level: line ? m.bottom > line.top && m.top < line.bottom : false,
        };
      },
      { id: ai.id, i: index },
    );
    expect(placed).toEqual({ markers: onPolicy.length, left: true, level: true });
  });

  it("does not move the page's text: every paragraph is where it is without our UI", async () => {
    const layout = () =>
      page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth,
        boxes: [...document.querySelectorAll('main > *')].slice(0, 400).map((e) => {
          const r = e.getBoundingClientRect();
          return [r.left, r.top + scrollY, r.width, r.height].map(Math.round).join(',');
        }),
      }));
    const withUi = await layout();
    await page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('policy-lens-banner');
      if (host) host.style.display = 'none';
    });
    const without = await layout();
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('policy-lens-banner')?.style.removeProperty('display'),
    );
    expect(withUi.boxes.length).toBeGreaterThan(100);
    expect(withUi).toEqual(without);
  });

  it('a margin marker opens its provision in the banner, focused', async () => {
    await inBanner(page, `.marker[data-provision="${ai.id}"]`).click();
    await page.waitForFunction(
      (id) =>
        document.querySelector('policy-lens-banner')?.shadowRoot?.activeElement?.getAttribute('data-provision') === id,
      ai.id,
    );
    expect(await inBanner(page, 'button.toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await inBanner(page, `.items [data-provision="${ai.id}"]`).getAttribute('data-current')).toBe('true');
    await screenshot(page, 'marks-linkedin-marker-opened');
    await inBanner(page, 'button.toggle').click();
  });

  it('the keyboard moves from mark to mark in reading order, emphasising and announcing each', async () => {
    const order = (await highlighted(page, 'policy-lens-marks')).map(compact);
    const status = () =>
      page.evaluate(
        () => document.querySelector('policy-lens-banner')?.shadowRoot?.querySelector('.status')?.textContent ?? '',
      );
    /** Press Enter on the focused control; the position the banner announces then (1-based). */
    const enter = async () => {
      const before = await status();
      await page.keyboard.press('Enter');
      await page.waitForFunction((b) => {
        const text = document.querySelector('policy-lens-banner')?.shadowRoot?.querySelector('.status')?.textContent;
        return text && text !== b;
      }, before);
      const match = /^Passage (\d+) of (\d+): /.exec(await status());
      expect(match?.[2]).toBe(String(order.length));
      return Number(match?.[1]);
    };
    await inBanner(page, 'button.step.next').focus();
    const first = await enter();
    expect((await highlighted(page, 'policy-lens')).map(compact)).toEqual([order[first - 1]]);
    const second = await enter();
    expect(second).toBe((first % order.length) + 1);
    expect((await highlighted(page, 'policy-lens')).map(compact)).toEqual([order[second - 1]]);
    // The passage is scrolled into view.
    expect(
      await page.evaluate(() => {
        const [r] = [...((CSS.highlights.get('policy-lens') ?? []) as Iterable<Range>)];
        const box = r?.getBoundingClientRect();
        return Boolean(box && box.top >= 0 && box.bottom <= innerHeight);
      }),
    ).toBe(true);
    // Shift+Tab reaches "previous": back to the first.
    await page.keyboard.press('Shift+Tab');
    expect(await enter()).toBe(first);
  });

  it('has no serious or critical accessibility violations in the banner, collapsed and expanded (axe-core)', async () => {
    await page.addScriptTag({ content: axeSource });
    const run = () =>
      page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: { run: (c: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> };
          }
        ).axe;
        const result = await axe.run({ include: [['policy-lens-banner']] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
    expect(await run()).toEqual([]);
    await inBanner(page, 'button.toggle').click();
    await inBanner(page, '.items').waitFor();
    expect(await run()).toEqual([]);
  });
});

describe('turning marking off', () => {
  it('removes the marks and their markers, and they stay off on the next load until turned on again', async () => {
    const page = await openPolicy();
    expect((await highlighted(page, 'policy-lens-marks')).length).toBeGreaterThan(0);
    const toggle = inBanner(page, 'button.marks-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await inBanner(page, '.banner[data-marks="off"]').waitFor();
    expect(await page.evaluate(() => CSS.highlights.has('policy-lens-marks'))).toBe(false);
    expect(await inBanner(page, '.marker').count()).toBe(0);
    await screenshot(page, 'marks-linkedin-off');
    // Remembered (the marks setting): the next load reads the page and marks nothing.
    await page.reload();
    await page.waitForSelector('policy-lens-banner[data-marked-ms]', { state: 'attached', timeout: 15_000 });
    expect(await inBanner(page, 'button.marks-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(await inBanner(page, '.counts').textContent()).toContain('found on this page');
    expect(await page.evaluate(() => CSS.highlights.has('policy-lens-marks'))).toBe(false);
    await inBanner(page, 'button.marks-toggle').click();
    await page.waitForFunction(() => CSS.highlights.has('policy-lens-marks'));
    expect(await highlighted(page, 'policy-lens-marks')).toHaveLength(onPolicy.length);
    await page.close();
  });
});

describe('the banner and chip UI is injected only where there is something to show', () => {
  const uiInWorld = async (page: Page) => {
    const world = await contentScriptWorld(session, page);
    if (!world) throw new Error('our content script did not run');
    await world.settled();
    const cdp = await session.context.newCDPSession(page);
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world.contextId,
      expression: 'typeof globalThis.policyLensPageUi',
    });
    await cdp.detach();
    await world.detach();
    return result.value as string;
  };

  it('not on an ordinary page of the platform (the content script ran and classified it)', async () => {
    const page = await session.context.newPage();
    await page.goto(FEED_URL);
    expect(await uiInWorld(page)).toBe('undefined');
    expect(await page.$('policy-lens-banner')).toBeNull();
    await page.close();
  });

  it('on the policy page, in the content script’s own world', async () => {
    const page = await openPolicy();
    expect(await uiInWorld(page)).toBe('function');
    // The page's own world does not see it.
    expect(await page.evaluate(() => typeof (globalThis as { policyLensPageUi?: unknown }).policyLensPageUi)).toBe(
      'undefined',
    );
    await page.close();
  });
});
