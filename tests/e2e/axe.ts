/** axe-core in a Playwright page: the serious and critical violations (id, impact, where). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * `within`: a selector of our own UI in someone else's page (the overlay's host, whose open shadow
 * root axe reads), so that the model page's own markup is not what gets judged.
 */
export async function seriousViolations(
  page: Page,
  within?: string,
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: Document | { include: string[][] },
          ): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, within);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The same for our UI in a closed shadow root, which axe cannot enter (no page script can): a copy of
 * its nodes and stylesheet under an open root in the same page, made through the DevTools handle, is
 * what axe checks (then removed).
 */
export async function closedRootViolations(
  page: Page,
  ui: { evaluate<T>(fn: (root: ShadowRoot) => T): Promise<T | null> },
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  const copied = await ui.evaluate((root) => {
    document.querySelector('e2e-ui-copy')?.remove();
    const copy = document.createElement('e2e-ui-copy');
    copy.attachShadow({ mode: 'open' }).append(...[...root.childNodes].map((n) => n.cloneNode(true)));
    document.documentElement.append(copy);
    return (copy.shadowRoot?.childElementCount ?? 0) > 0;
  });
  if (!copied) throw new Error('our UI is not in the page');
  try {
    return await seriousViolations(page, 'e2e-ui-copy');
  } finally {
    await page.evaluate(() => document.querySelector('e2e-ui-copy')?.remove());
  }
}
