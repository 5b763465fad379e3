/**
 * What the hostile-page tests (hostile.e2e.ts, hostile-ui.e2e.ts) watch in a page: errors and
 * warnings from our code in any of its worlds, and the attributes the hostile page script
 * (tests/support/hostile-page.ts) writes on <html>, read without running code in the page's world.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Session } from './harness';

export interface OurErrors {
  /** Errors and warnings from our code: the page's console and exceptions in any of its worlds. */
  ours(): string[];
  detach(): Promise<void>;
}

/** Start recording, before the page is loaded, what our code throws or reports in `page`. */
export async function recordOurErrors(session: Session, page: Page): Promise<OurErrors> {
  const origin = `chrome-extension://${session.extensionId}`;
  const seen: string[] = [];
  const fromUs = (text: string) => text.includes(origin) || text.startsWith('Policy Lens');
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.stack ?? e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.push(`${m.type()}: ${m.text()} @ ${m.location().url}`);
  });
  // Exceptions in every world of the page, our isolated one included.
  const cdp: CDPSession = await session.context.newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) =>
    seen.push(
      `exception: ${d.exception?.description ?? d.text} @ ${d.url ?? ''} ${(d.stackTrace?.callFrames ?? []).map((f) => f.url).join(' ')}`,
    ),
  );
  // Console calls in every world too (Playwright's 'console' reports the worlds it knows).
  cdp.on('Runtime.consoleAPICalled', ({ type, args, stackTrace }) => {
    if (type !== 'error' && type !== 'warning') return;
    const text = args.map((a) => String(a.value ?? a.description ?? '')).join(' ');
    seen.push(`console-${type}: ${text} @ ${(stackTrace?.callFrames ?? []).map((f) => f.url).join(' ')}`);
  });
  await cdp.send('Runtime.enable');
  return {
    ours: () => seen.filter((s) => fromUs(s.replace(/^[\w-]+: /, '')) || s.includes(origin)),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

/** A number the hostile page wrote on <html> (data-counter, data-host-insertions, …). */
export const attr = async (page: Page, name: string) =>
  Number((await page.locator('html').getAttribute(`data-${name}`)) ?? 0);

/** The page's own script still runs: its counter moves on. */
export async function pageStillWorks(page: Page): Promise<void> {
  const before = await attr(page, 'counter');
  await page.waitForTimeout(500);
  expect(await attr(page, 'counter')).toBeGreaterThan(before);
}
