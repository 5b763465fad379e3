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
