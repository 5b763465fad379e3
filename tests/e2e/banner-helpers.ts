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

export interface Emphasis {
  /** Which provision our root says it shows. */
  provisionId: string | null;
  /** The text under our boxes, as a reader sees it (the page's text, found by hit-testing at the boxes' ends). */
  text: string;
  /** Whether that text's element is rendered and no ancestor clips it away (overflow hidden at height 0, or outside). */
  visible: boolean;
  /** Whether our boxes have a size. */
  box: boolean;
  /** The boxes' extent in the viewport. */
  rect: { top: number; bottom: number; left: number; right: number };
  /** Whether the text lies inside the element `within` names (when asked). */
  within: boolean | null;
}

/**
 * The passage emphasised in the page as we drew it: our boxes in the closed root's emphasis layer
 * (utils/content/emphasis.ts), and the page's text under them, found the way a reader's eye would:
 * the caret position at the first box's start and at the last box's end (our boxes take no pointer
 * events, so the hit test goes through them to the text; the rest of our UI is taken out of the hit
 * test for that moment). Empty when nothing is emphasised.
 */
export async function highlight(page: Page, within?: string): Promise<Emphasis[]> {
  const read = await (await banner(page)).evaluate((root, selector: string | null) => {
    const layer = root.querySelector('.emphasis-layer');
    const boxes = [...(layer?.querySelectorAll('.emphasis') ?? [])]
      .map((b) => b.getBoundingClientRect())
      .filter((b) => b.width > 0 && b.height > 0)
      .sort((a, b) => a.top - b.top || a.left - b.left);
    const first = boxes[0];
    const last = boxes[boxes.length - 1];
    if (!first || !last) return [];
    const rect = {
      top: Math.min(...boxes.map((b) => b.top)),
      bottom: Math.max(...boxes.map((b) => b.bottom)),
      left: Math.min(...boxes.map((b) => b.left)),
      right: Math.max(...boxes.map((b) => b.right)),
    };
    // Our own UI out of the hit test while we look (a margin marker may sit over the text where the margin is narrow).
    // (Inline styles, which a page's CSP does not govern as it does a <style> element.)
    const ours = [...root.querySelectorAll<HTMLElement>('*')];
    for (const e of ours) e.style.setProperty('pointer-events', 'none', 'important');
    const start = document.caretRangeFromPoint(first.left + 1, first.top + first.height / 2);
    const end = document.caretRangeFromPoint(last.right - 1, last.top + last.height / 2);
    for (const e of ours) e.style.removeProperty('pointer-events');
    const base = { provisionId: layer?.getAttribute('data-provision') ?? null, box: true, rect };
    if (!start || !end) return [{ ...base, text: '', visible: false, within: null }];
    const r = document.createRange();
    r.setStart(start.startContainer, start.startOffset);
    r.setEnd(end.startContainer, end.startOffset);
    const element = r.startContainer.parentElement;
    const range = r.getBoundingClientRect();
    let clipped = false;
    for (let a = element?.parentElement; a; a = a.parentElement) {
      if (!/hidden|clip/.test(getComputedStyle(a).overflowY)) continue;
      const c = a.getBoundingClientRect();
      if (c.height < 1 || range.top >= c.bottom || range.bottom <= c.top) clipped = true;
    }
    const rendered = element?.checkVisibility({ visibilityProperty: true }) ?? false;
    // The text as a reader sees it: without text clipped to a 1 px box for screen readers only.
    let text = '';
    const common = r.commonAncestorContainer;
    const walker = document.createTreeWalker(common, NodeFilter.SHOW_TEXT);
    for (let n = common.nodeType === Node.TEXT_NODE ? common : walker.nextNode(); n; n = walker.nextNode()) {
      const box = n.parentElement?.getBoundingClientRect();
      if (!r.intersectsNode(n) || (box && box.width <= 1 && box.height <= 1)) continue;
      const data = (n as Text).data;
      text += data.slice(n === r.startContainer ? r.startOffset : 0, n === r.endContainer ? r.endOffset : data.length);
    }
    const container = selector ? document.querySelector(selector) : null;
    return [
      {
        ...base,
        text,
        visible: rendered && !clipped,
        within: selector ? Boolean(container?.contains(r.startContainer) && container.contains(r.endContainer)) : null,
      },
    ];
  }, within ?? null);
  return read ?? [];
}

/** Every highlight in the page's registry, as the page's own scripts can list it: names, and each range's text. */
export function pageRegistry(page: Page): Promise<Array<[string, string[]]>> {
  return page.evaluate(() =>
    Array.from(CSS.highlights, ([name, h]) => [name, Array.from(h, (r) => r.toString())] as [string, string[]]),
  );
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
