/**
 * A hostile LinkedIn policy page (issue 15's "hostile-page e2e"), in real Chromium with the built
 * extension: a strict CSP header, built-ins replaced in the page's world, a janitor that removes
 * foreign nodes every 200 ms, a 100,000-node variant, and a look-alike Policy Lens UI with synthetic
 * events sent at our host (tests/support/hostile-page.ts). In each: the page keeps working (its
 * counter still moves), our banner works (every passage a clean page finds is found, Show in page
 * paints) or, against the janitor, stays away after its re-attach budget without a re-mount loop,
 * and our code throws nothing and reports nothing.
 *
 * The test reads our closed root from a world of its own (harness `ownUi` `world: 'test'`) and the
 * page's attributes through Playwright's utility world: the page's world, where the built-ins are
 * replaced, runs no test code.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { MAX_REATTACH } from '../../utils/shadow-host';
import { normalizeText } from '../../utils/text';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { quoteOf } from '../support/data';
import { FILLER_PARAGRAPHS, HOSTILE_CSP, type Hostility, hostileLinkedinPage } from '../support/hostile-page';
import { banner, bannerFromTestWorld, highlight, located, showInPage, until } from './banner-helpers';
import { contentScriptWorld, launch, pageIndexPublished, type Session } from './harness';
import { attr, pageStillWorks, recordOurErrors } from './hostile-helpers';

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const linkedin = loadBundledFeed().platforms.find((p) => p.id === 'linkedin');
const ai = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedin || !ai) throw new Error('linkedin.ai-training missing from the dataset');
const aiQuote = quoteOf(linkedin, ai);

/** What the route serves at POLICY_URL next: null for the clean corpus page. */
let serving: Hostility | null = null;
let session: Session;
/** The ids our banner finds on the clean page: what it must find on each hostile variant. */
let cleanFound: string[] = [];

beforeAll(async () => {
  session = await launch();
  await session.context.route(POLICY_URL, (route) =>
    serving
      ? route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': HOSTILE_CSP },
          body: hostileLinkedinPage(serving),
        })
      : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: linkedinPrivacyPage() }),
  );
  await pageIndexPublished(session);
  serving = null;
  const page = await session.context.newPage();
  await page.goto(POLICY_URL);
  const list = await located(page);
  cleanFound = list.items.filter((i) => i.found === 'true').map((i) => i.id);
  await page.close();
});
afterAll(async () => {
  await session?.close();
});

interface Opened {
  page: Page;
  /** Errors and warnings from our code: the page's console and exceptions in any of its worlds. */
  ours(): string[];
  close(): Promise<void>;
}

/** Open the policy page as `hostility` serves it, recording what our code throws or reports. */
async function open(hostility: Hostility): Promise<Opened> {
  serving = hostility;
  const page = await session.context.newPage();
  const errors = await recordOurErrors(session, page);
  bannerFromTestWorld(page);
  await page.goto(POLICY_URL);
  return {
    page,
    ours: errors.ours,
    close: async () => {
      await errors.detach();
      await page.close();
    },
  };
}

/** The emphasised passage's text, read from the test's own world (the page's Array.prototype.map may throw). */
async function highlighted(page: Page): Promise<string[]> {
  return (await highlight(page)).map((h) => h.text);
}

/** Our banner finds what it finds on the clean page, and Show in page paints the AI-training sentence. */
async function bannerWorks(page: Page): Promise<void> {
  const list = await located(page);
  const found = list.items.filter((i) => i.found === 'true').map((i) => i.id);
  expect(found.length).toBeGreaterThan(0);
  expect(found).toEqual(cleanFound);
  await showInPage(page, 'linkedin.ai-training');
  const ranges = await highlighted(page);
  expect(ranges).toHaveLength(1);
  expect(normalizeText(ranges[0] ?? '')).toBe(normalizeText(aiQuote));
}

describe('a hostile LinkedIn policy page', () => {
  it('with a strict CSP and its built-ins replaced: our banner finds and paints as on a clean page', async () => {
    const opened = await open({ patch: true });
    const { page } = opened;
    expect(await page.locator('html').getAttribute('data-patched')).toBe('true');
    await bannerWorks(page);
    // Our styles and scripts are not the page's to allow: nothing of ours met its CSP, and the banner is laid out as ours.
    expect(await page.locator('html').getAttribute('data-last-violation')).toBeNull();
    expect(
      await (await banner(page)).evaluate(
        (root) => getComputedStyle(root.querySelector('.banner') as Element).position,
      ),
    ).toBe('fixed');
    await pageStillWorks(page);
    expect(opened.ours()).toEqual([]);
    await opened.close();
  }, 120_000);

  it('with a look-alike banner and synthetic events at our host: ours works, theirs is left alone', async () => {
    const opened = await open({ patch: true, fake: true });
    const { page } = opened;
    // The page's events have been at our host a few times before the user acts.
    await until(page, async () => (await attr(page, 'synthetic')) >= 4);
    await bannerWorks(page);
    await until(page, async () => (await attr(page, 'synthetic')) >= 12);
    // Ours still there (no synthetic click dismissed it), and the page's look-alike untouched.
    expect(await page.locator('html > policy-lens-banner').count()).toBe(1);
    expect(await page.locator('body > policy-lens-banner').count()).toBe(1);
    expect(await page.locator('body > policy-lens-banner button').count()).toBe(3);
    // Its clicks were made (on its own look-alike's buttons, the only ones it can reach).
    expect(await attr(page, 'fake-clicks')).toBeGreaterThan(0);
    expect(await attr(page, 'host-insertions')).toBe(1);
    await pageStillWorks(page);
    expect(opened.ours()).toEqual([]);
    await opened.close();
  }, 120_000);

  it(`with ${2 * FILLER_PARAGRAPHS} more nodes: our banner finds and paints as on a clean page`, async () => {
    const opened = await open({ patch: true, nodes: true });
    const { page } = opened;
    expect(await page.locator('#filler > p').count()).toBe(FILLER_PARAGRAPHS);
    await bannerWorks(page);
    await pageStillWorks(page);
    expect(opened.ours()).toEqual([]);
    await opened.close();
  }, 120_000);

  it('with a janitor that removes foreign nodes every 200 ms: we come back within our budget, then stay away', async () => {
    const opened = await open({ patch: true, fake: true, janitor: true });
    const { page } = opened;
    // Positive signal: our script ran here and decided (its start-up read answered).
    const world = await contentScriptWorld(session, page);
    expect(world).not.toBeNull();
    await world?.settled();
    await world?.detach();
    // We mounted, were removed, and put our host back MAX_REATTACH times…
    await until(page, async () => (await attr(page, 'host-insertions')) >= 1 + MAX_REATTACH, 15_000);
    // …and then no more: over 3 s (15 janitor rounds) no host is inserted again.
    await page.waitForTimeout(3_000);
    expect(await attr(page, 'host-insertions')).toBe(1 + MAX_REATTACH);
    expect(await attr(page, 'janitor-removed')).toBe(1 + MAX_REATTACH);
    expect(await page.locator('html > policy-lens-banner').count()).toBe(0);
    await pageStillWorks(page);
    expect(opened.ours()).toEqual([]);
    await opened.close();
  }, 120_000);
});
