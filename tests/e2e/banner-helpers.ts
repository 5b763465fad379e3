/** Reading and driving our banner in end-to-end tests (its shadow root is open to Playwright). */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { normalizeText } from '../../utils/text';

const HOST = '[data-policy-lens-host]';

export interface BannerItem {
  id: string;
  found: string | null;
  text: string;
}

/** Our banner as the page has it (its shadow root is open), once our script has read the page. */
export async function located(page: Page): Promise<{ summary: string; items: BannerItem[] }> {
  await page.waitForSelector(`${HOST}[data-locate-ms]`, { state: 'attached' });
  await page.locator('policy-lens-banner button.toggle').click();
  return page.evaluate(() => {
    const root = document.querySelector('policy-lens-banner')?.shadowRoot;
    return {
      summary: root?.querySelector('.summary')?.textContent ?? '',
      items: [...(root?.querySelectorAll('.items > [data-provision]') ?? [])].map((e) => ({
        id: e.getAttribute('data-provision') ?? '',
        found: e.getAttribute('data-found'),
        text: e.textContent ?? '',
      })),
    };
  });
}

/**
 * Our highlight as painted: its text; whether its element is rendered and no ancestor clips it
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
      return { text: r.toString(), visible: rendered && !clipped, box };
    });
  });
}

/** Click "Show in page" for a provision (a real click) and wait for the banner to step aside or say why not. */
export async function showInPage(page: Page, id: string): Promise<void> {
  const item = page.locator(`policy-lens-banner [data-provision="${id}"]`);
  await item.locator('button.show-in-page').click();
  await page.waitForFunction(
    (provision) => {
      const root = document.querySelector('policy-lens-banner')?.shadowRoot;
      return root?.querySelector('.items') === null || root?.querySelector(`[data-provision="${provision}"] .note`);
    },
    id,
    { timeout: 5_000 },
  );
}

export const expand = (page: Page) => page.locator('policy-lens-banner button.toggle').click();

/** Show each found passage in turn; each must be painted, visible and have a box, and be its quote. */
export async function showEach(page: Page, items: BannerItem[], quote: (id: string) => string): Promise<number> {
  let painted = 0;
  for (const { id } of items.filter((i) => i.found === 'true')) {
    if ((await page.locator('policy-lens-banner .items').count()) === 0) await expand(page);
    await showInPage(page, id);
    const [h] = await highlight(page);
    expect(h, id).toMatchObject({ visible: true, box: true });
    expect(normalizeText(h?.text ?? '').replaceAll(' ', ''), id).toBe(normalizeText(quote(id)).replaceAll(' ', ''));
    painted++;
  }
  return painted;
}
