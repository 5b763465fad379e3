/**
 * The banner at a glance and the marks, on LinkedIn's privacy policy (the captured text with the
 * real HTML of its AI paragraph), in real Chromium: what the collapsed banner says, the passages
 * marked before any click (painted, with margin markers, the page's layout untouched), a marker
 * opening its provision, the keyboard stepping from mark to mark, the switch that turns marks off
 * (remembered), the UI injected only where it is needed, and axe on the banner. Our UI is in a
 * closed shadow root: the test reads and clicks it through the DevTools protocol (banner-helpers.ts).
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
import { banner, highlight, timing, until } from './banner-helpers';
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
  await timing(page, 'markedMs');
  return page;
}

const text = async (page: Page, selector: string) => (await banner(page)).text(selector);
const attr = async (page: Page, selector: string, name: string) => (await banner(page)).attr(selector, name);
const count = async (page: Page, selector: string) =>
  (await banner(page)).evaluate((root, sel: string) => root.querySelectorAll(sel).length, selector);
const click = async (page: Page, selector: string) => (await banner(page)).click(selector);
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
    expect(await text(page, '.document')).toBe('LinkedIn Privacy Policy');
    const counts = await text(page, '.counts');
    expect(counts).toContain(`Flagged: ${onPolicy.length}`);
    expect(counts).toContain(`${onPolicy.length} of ${onPolicy.length} found on this page`);
    const lines =
      (await (
        await banner(page)
      ).evaluate((root) =>
        [...root.querySelectorAll('.glance [data-provision]')].map((e) => ({
          id: e.getAttribute('data-provision'),
          text: e.textContent ?? '',
        })),
      )) ?? [];
    expect(lines.map((l) => l.id)).toEqual(onPolicy.map((p) => p.id));
    const aiLine = lines.find((l) => l.id === ai.id)?.text ?? '';
    expect(aiLine).toContain(ai.title);
    expect(aiLine).toContain(SEVERITY_LABEL[ai.severity]);
    // Collapsed indeed: the details are not shown.
    expect(await count(page, '.items')).toBe(0);
    expect(await attr(page, 'button.toggle', 'aria-expanded')).toBe('false');
  });

  it('the AI-training passage is marked with a CSS highlight that paints, nothing emphasised yet', async () => {
    const marks = await highlighted(page, 'policy-lens-marks');
    expect(marks.map(compact)).toContain(compact(aiQuote));
    expect(marks).toHaveLength(onPolicy.length);
    expect(await highlight(page)).toEqual([]);
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
    const placed = await (await banner(page)).evaluate(
      (root, { id, i }: { id: string; i: number }) => {
        const marker = root.querySelector(`.marker[data-provision="${id}"]`);
        const range = [...((CSS.highlights.get('policy-lens-marks') ?? []) as Iterable<Range>)][i];
        if (!marker || !range) return null;
        const m = marker.getBoundingClientRect();
        const line = range.getClientRects()[0];
        const paragraph = range.startContainer.parentElement?.closest('p, div, li')?.getBoundingClientRect();
        return {
          markers: root.querySelectorAll('.marker').length,
          left: m.right <= (paragraph?.left ?? 0) + 1,
          level: line ? m.bottom > line.top && m.top < line.bottom : false,
        };
      },
      { id: ai.id, i: index },
    );
    expect(placed).toEqual({ markers: onPolicy.length, left: true, level: true });
  });

  it("does not move the page's text: every paragraph is where it is without our UI", async () => {
    // The page cannot hide our host by style (our :host reset is !important): take it out and put it
    // back within one task, before our re-attach observer runs, measuring the layout both ways.
    const { withUi, without } = await page.evaluate(() => {
      const layout = () => ({
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth,
        boxes: [...document.querySelectorAll('main > *')].slice(0, 400).map((e) => {
          const r = e.getBoundingClientRect();
          return [r.left, r.top + scrollY, r.width, r.height].map(Math.round).join(',');
        }),
      });
      const host = document.querySelector('policy-lens-banner');
      const ui = layout();
      host?.remove();
      const none = layout();
      if (host) document.documentElement.append(host);
      return { withUi: ui, without: none };
    });
    expect(await page.$('policy-lens-banner')).not.toBeNull();
    expect(withUi.boxes.length).toBeGreaterThan(100);
    expect(withUi).toEqual(without);
  });

  it('a margin marker opens its provision in the banner, focused', async () => {
    await click(page, `.marker[data-provision="${ai.id}"]`);
    await until(page, (ui) =>
      ui.evaluate((root, id: string) => root.activeElement?.getAttribute('data-provision') === id || null, ai.id),
    );
    expect(await attr(page, 'button.toggle', 'aria-expanded')).toBe('true');
    expect(await attr(page, `.items [data-provision="${ai.id}"]`, 'data-current')).toBe('true');
    await screenshot(page, 'marks-linkedin-marker-opened');
    await click(page, 'button.toggle');
  });

  it('the keyboard moves from mark to mark in reading order, emphasising and announcing each', async () => {
    const order = (await highlighted(page, 'policy-lens-marks')).map(compact);
    const status = async () => (await text(page, '.status')) ?? '';
    /** Press Enter on the focused control; the position the banner announces then (1-based). */
    const enter = async () => {
      const before = await status();
      await page.keyboard.press('Enter');
      await until(page, async () => {
        const now = await status();
        return now !== '' && now !== before;
      });
      const match = /^Passage (\d+) of (\d+): /.exec(await status());
      expect(match?.[2]).toBe(String(order.length));
      return Number(match?.[1]);
    };
    await (await banner(page)).evaluate((root) => root.querySelector<HTMLElement>('button.step.next')?.focus());
    const first = await enter();
    expect((await highlight(page)).map((h) => compact(h.text))).toEqual([order[first - 1]]);
    const second = await enter();
    expect(second).toBe((first % order.length) + 1);
    const [shown] = await highlight(page);
    expect([compact(shown?.text ?? '')]).toEqual([order[second - 1]]);
    // The passage is scrolled into view.
    const innerHeight = await page.evaluate(() => window.innerHeight);
    expect(Boolean(shown && shown.rect.top >= 0 && shown.rect.bottom <= innerHeight)).toBe(true);
    // Shift+Tab reaches "previous": back to the first.
    await page.keyboard.press('Shift+Tab');
    expect(await enter()).toBe(first);
  });

  it('has no serious or critical accessibility violations in the banner, collapsed and expanded (axe-core)', async () => {
    await page.addScriptTag({ content: axeSource });
    // axe cannot enter a closed shadow root (no page script can): it checks a copy of ours, the same
    // nodes and stylesheet under an open root in the same place, made through the DevTools handle.
    const run = async () => {
      const copied = await (await banner(page)).evaluate((root) => {
        const copy = document.createElement('e2e-banner-copy');
        copy.attachShadow({ mode: 'open' }).append(...[...root.childNodes].map((n) => n.cloneNode(true)));
        document.documentElement.append(copy);
        return copy.shadowRoot?.querySelector('.banner') !== null;
      });
      expect(copied).toBe(true);
      const ids = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: { run: (c: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> };
          }
        ).axe;
        const result = await axe.run({ include: [['e2e-banner-copy']] });
        document.querySelector('e2e-banner-copy')?.remove();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      return ids;
    };
    expect(await run()).toEqual([]);
    await click(page, 'button.toggle');
    await until(page, (ui) => ui.exists('.items'));
    expect(await run()).toEqual([]);
  });
});

describe('when the page’s layout changes', () => {
  it('the margin markers follow their passages', async () => {
    const page = await openPolicy();
    try {
      /** The AI-training marker's top, and whether it is level with its passage's first line. */
      const marker = async () =>
        (await banner(page)).evaluate((root, id: string) => {
          const m = root.querySelector(`.marker[data-provision="${id}"]`)?.getBoundingClientRect();
          const ranges = [...((CSS.highlights.get('policy-lens-marks') ?? []) as Iterable<Range>)];
          const lines = ranges.map((r) => r.getClientRects()[0]);
          const level = lines.some((line) => m && line && m.bottom > line.top && m.top < line.bottom);
          return m ? { top: m.top, level } : null;
        }, ai.id);
      const before = await marker();
      expect(before?.level).toBe(true);
      // The page grows a block above its text (a late notice, say): every passage moves down.
      await page.evaluate(() => {
        const block = document.createElement('div');
        block.style.height = '240px';
        document.body.prepend(block);
      });
      const after = await until(page, async () => {
        const now = await marker();
        return now && now.top - (before?.top ?? 0) >= 240 ? now : null;
      });
      expect(after.level).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('turning marking off', () => {
  it('removes the marks and their markers, and they stay off on the next load until turned on again', async () => {
    const page = await openPolicy();
    expect((await highlighted(page, 'policy-lens-marks')).length).toBeGreaterThan(0);
    expect(await attr(page, 'button.marks-toggle', 'aria-pressed')).toBe('true');
    await click(page, 'button.marks-toggle');
    await until(page, (ui) => ui.exists('.banner[data-marks="off"]'));
    expect(await page.evaluate(() => CSS.highlights.has('policy-lens-marks'))).toBe(false);
    expect(await count(page, '.marker')).toBe(0);
    await screenshot(page, 'marks-linkedin-off');
    // Remembered (the marks setting): the next load reads the page and marks nothing.
    await page.reload();
    await timing(page, 'markedMs');
    expect(await attr(page, 'button.marks-toggle', 'aria-pressed')).toBe('false');
    expect(await text(page, '.counts')).toContain('found on this page');
    expect(await page.evaluate(() => CSS.highlights.has('policy-lens-marks'))).toBe(false);
    await click(page, 'button.marks-toggle');
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
