/**
 * Reading and driving our banner in end-to-end tests. Its shadow root is closed (the page cannot
 * read it, and neither can Playwright's locators): we reach it through the DevTools protocol
 * (harness `ownUi`), and click with real mouse input.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { normalizeText } from '../../utils/text';
import { type OwnUi, ownUi } from './harness';

export interface BannerItem {
  id: string;
  found: string | null;
  text: string;
}

const banners = new WeakMap<Page, Promise<OwnUi>>();
/** Our banner in `page`, through its closed shadow root (one DevTools session per page). */
export function banner(page: Page): Promise<OwnUi> {
  let ui = banners.get(page);
  if (!ui) {
    ui = ownUi(page, 'policy-lens-banner');
    banners.set(page, ui);
  }
  return ui;
}

/**
 * Read and drive our banner in `page` from a world of the test's own from now on (harness `ownUi`'s
 * `world: 'test'`): for a page that replaces built-ins in its own world, where the helpers' code would run.
 */
export function bannerFromTestWorld(page: Page): void {
  banners.set(page, ownUi(page, 'policy-lens-banner', { world: 'test' }));
}

/** Poll `check` on our banner until it holds (the page may be loading or re-rendering meanwhile). */
export async function until<T>(
  page: Page,
  check: (ui: OwnUi) => Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const ui = await banner(page);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check(ui).catch(() => null);
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error('the banner never got there');
    await page.waitForTimeout(50);
  }
}

/** A timing our script wrote on its container (the root's one <div>, after its <style>), in ms, once it is there. */
export async function timing(
  page: Page,
  name: 'sinceStartMs' | 'shownAtMs' | 'locateMs' | 'markedMs' | 'highlightMs',
): Promise<number> {
  const value = await until(
    page,
    (ui) =>
      ui.evaluate(
        (root, key) =>
          ([...root.children].find((e) => e.tagName === 'DIV') as HTMLElement | undefined)?.dataset[key] ?? null,
        name,
      ),
    15_000,
  );
  return Number(value);
}

/** The banner's text (null while there is none). */
export async function bannerText(page: Page): Promise<string | null> {
  return (await banner(page)).text();
}

/** The note a provision carries (where a collapsed passage is), or ''. */
export async function noteOf(page: Page, id: string): Promise<string> {
  return (await (await banner(page)).text(`[data-provision="${id}"] .note`)) ?? '';
}

/** Our banner, once our script has read the page, opened to its list. */
export async function located(page: Page): Promise<{ summary: string; items: BannerItem[] }> {
  await timing(page, 'locateMs');
  await expand(page);
  const ui = await banner(page);
  const read = await ui.evaluate((root) => ({
    summary: root.querySelector('.summary')?.textContent ?? '',
    items: [...root.querySelectorAll('.items > [data-provision]')].map((e) => ({
      id: e.getAttribute('data-provision') ?? '',
      found: e.getAttribute('data-found'),
      text: e.textContent ?? '',
    })),
  }));
  if (!read) throw new Error('no banner');
  return read;
}

/**
 * Our highlight as painted: its text (as a reader sees it); whether its element is rendered and no ancestor clips it
 * away (overflow hidden at height 0, or the passage outside the clipping box); whether it has a box.
 */
export function highlight(page: Page) {
  return page.evaluate(() => {
    const ranges = [...(CSS.highlights.get('policy-lens') ?? [])] as Range[];
    return ranges.map((r) => {
      const element = r.startContainer.parentElement;
      const rect = r.getBoundingClientRect();
      let clipped = false;
      for (let a = element?.parentElement; a; a = a.parentElement) {
        if (!/hidden|clip/.test(getComputedStyle(a).overflowY)) continue;
        const c = a.getBoundingClientRect();
        if (c.height < 1 || rect.top >= c.bottom || rect.bottom <= c.top) clipped = true;
      }
      const box = [...r.getClientRects()].some((b) => b.width > 0 && b.height > 0);
      const rendered = element?.checkVisibility({ visibilityProperty: true }) ?? false;
      // The text as a reader sees it: without text clipped to a 1 px box for screen readers only.
      let text = '';
      const common = r.commonAncestorContainer;
      const walker = document.createTreeWalker(common, NodeFilter.SHOW_TEXT);
      for (let n = common.nodeType === Node.TEXT_NODE ? common : walker.nextNode(); n; n = walker.nextNode()) {
        const box = n.parentElement?.getBoundingClientRect();
        if (!r.intersectsNode(n) || (box && box.width <= 1 && box.height <= 1)) continue;
        const data = (n as Text).data;
        text += data.slice(
          n === r.startContainer ? r.startOffset : 0,
          n === r.endContainer ? r.endOffset : data.length,
        );
      }
      return { text, visible: rendered && !clipped, box };
    });
  });
}

/** Click "Show in page" for a provision (a real click) and wait for the banner to step aside or say why not. */
export async function showInPage(page: Page, id: string): Promise<void> {
  const ui = await banner(page);
  await ui.click(`[data-provision="${id}"] button.show-in-page`);
  await until(
    page,
    async (u) =>
      (await u.evaluate(
        (root, provision) =>
          root.querySelector('.items') === null || root.querySelector(`[data-provision="${provision}"] .note`) !== null,
        id,
      )) === true,
    5_000,
  );
}

/** Open the banner's list (a real click on its toggle). */
export async function expand(page: Page): Promise<void> {
  const ui = await banner(page);
  await ui.click('button.toggle');
  await until(page, (u) => u.exists('.items'));
}

/** Show each found passage in turn; each must be painted, visible and have a box, and be its quote. */
export async function showEach(page: Page, items: BannerItem[], quote: (id: string) => string): Promise<number> {
  let painted = 0;
  const ui = await banner(page);
  for (const { id } of items.filter((i) => i.found === 'true')) {
    if (!(await ui.exists('.items'))) await expand(page);
    await showInPage(page, id);
    const [h] = await highlight(page);
    expect(h, id).toMatchObject({ visible: true, box: true });
    expect(normalizeText(h?.text ?? '').replaceAll(' ', ''), id).toBe(normalizeText(quote(id)).replaceAll(' ', ''));
    painted++;
  }
  return painted;
}
