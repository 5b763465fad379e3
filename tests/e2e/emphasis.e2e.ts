/**
 * "Show in page" cannot be read by the page (issue 15, item 5), in real Chromium with the built
 * extension. The quiet marks of every flagged passage are a CSS highlight (public data: which
 * passages we flag); the emphasis of the one the user asked for is boxes in our closed shadow root
 * (utils/content/emphasis.ts). From the page's own world: the highlight registry lists the same
 * names and ranges before and after "Show in page", whichever provision was asked for, and a hit
 * test at the passage finds the same elements as before. The emphasis is painted (the passage's
 * pixels differ with our boxes and without), and it follows the text when the page's layout changes
 * and when a scroll container of the page scrolls, never drawn outside that container.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { normalizeText } from '../../utils/text';
import { linkedinPrivacyPage, POLICY_COLUMN_CSS } from '../support/corpus-page';
import { quoteOf } from '../support/data';
import { banner, type Emphasis, expand, highlight, located, pageRegistry, showInPage, until } from './banner-helpers';
import { launch, pageIndexPublished, type Session, screenshot, servePage } from './harness';

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const SCROLLER_URL = 'https://www.linkedin.com/legal/privacy-policy?scroller=1';
const APP_SHELL_URL = 'https://www.linkedin.com/legal/privacy-policy?shell=1';
const linkedin = loadBundledFeed().platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing from the dataset');
const quote = (id: string) => {
  const p = linkedin.provisions.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing`);
  return quoteOf(linkedin, p);
};
const squash = (text: string) => normalizeText(text).replaceAll(' ', '');

let session: Session;
beforeAll(async () => {
  session = await launch();
  await servePage(session.context, POLICY_URL, linkedinPrivacyPage({ css: POLICY_COLUMN_CSS }));
  // The policy in a scroll container of the page's own (the page itself does not scroll).
  await servePage(
    session.context,
    SCROLLER_URL,
    linkedinPrivacyPage({
      css: `${POLICY_COLUMN_CSS} main { height: 500px; overflow: auto; margin-top: 100px; }`,
    }),
  );
  // A single-page app's shell: the document never scrolls, only its content pane does.
  await servePage(
    session.context,
    APP_SHELL_URL,
    linkedinPrivacyPage({
      css: `${POLICY_COLUMN_CSS} html, body { margin: 0; height: 100%; overflow: hidden; } main { height: 500px; overflow: auto; margin-top: 100px; }`,
    }),
  );
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

/** The elements a hit test from the page's world finds at a point (what a script could probe our boxes with). */
const hitFromPage = (page: Page, x: number, y: number) =>
  page.evaluate(([px, py]) => document.elementsFromPoint(px, py).map((e) => e.tagName), [x, y] as const);

/** Our emphasis once it shows `id`'s passage. */
async function shown(page: Page, id: string): Promise<Emphasis> {
  return until(page, async () => {
    const [h] = await highlight(page);
    return h?.provisionId === id && h.text ? h : null;
  });
}

/** The passage's pixels with our boxes, and with the emphasis layer hidden for the moment (through our closed root). */
async function withAndWithout(page: Page, rect: Emphasis['rect']): Promise<[Buffer, Buffer]> {
  const clip = {
    x: rect.left,
    y: rect.top,
    width: Math.min(rect.right - rect.left, 400),
    height: rect.bottom - rect.top,
  };
  const painted = await page.screenshot({ clip });
  const ui = await banner(page);
  await ui.evaluate((root) =>
    (root.querySelector('.emphasis-layer') as HTMLElement).style.setProperty('display', 'none'),
  );
  const plain = await page.screenshot({ clip });
  await ui.evaluate((root) => (root.querySelector('.emphasis-layer') as HTMLElement).style.removeProperty('display'));
  return [painted, plain];
}

describe('"Show in page" on the LinkedIn policy', () => {
  it('paints the asked-for passage while the page’s world sees the same highlights and hit test as before', async () => {
    const page = await session.context.newPage();
    await page.goto(POLICY_URL);
    const list = await located(page);
    const found = list.items.filter((i) => i.found === 'true').map((i) => i.id);
    expect(found.length).toBeGreaterThan(1);
    // The marks are there (the page can list them: which passages we flag is public).
    const before = await pageRegistry(page);
    expect(before.map(([name]) => name)).toEqual(['policy-lens-marks']);
    expect(before[0]?.[1]).toHaveLength(found.length);

    const seen: Array<Array<[string, string[]]>> = [];
    for (const id of ['linkedin.ai-training', found.find((f) => f !== 'linkedin.ai-training') ?? '']) {
      if (!(await (await banner(page)).exists('.items'))) await expand(page);
      // Where the passage is, seen from the page before we emphasise it.
      await showInPage(page, id);
      const emphasis = await shown(page, id);
      expect(squash(emphasis.text)).toBe(squash(quote(id)));
      expect(emphasis).toMatchObject({ visible: true, box: true });
      // Painted: the passage's pixels with our boxes differ from the same pixels without them.
      const [painted, plain] = await withAndWithout(page, emphasis.rect);
      expect(painted.equals(plain)).toBe(false);
      // The page's world: the same registry as before any click, whichever passage was asked for…
      seen.push(await pageRegistry(page));
      // …and its hit test at the passage finds the page's own elements only (our boxes take no pointer events).
      const x = emphasis.rect.left + 20;
      const y = emphasis.rect.top + 5;
      expect(await hitFromPage(page, x, y)).not.toContain('POLICY-LENS-BANNER');
      if (id === 'linkedin.ai-training') await screenshot(page, 'emphasis-linkedin-ai-training');
    }
    expect(seen).toEqual([before, before]);
    await page.close();
  });

  it('with the marks off: the page’s registry is empty before and after, and the passage is still painted', async () => {
    const page = await session.context.newPage();
    await page.goto(POLICY_URL);
    await located(page);
    await (await banner(page)).click('button.marks-toggle');
    await until(page, async () => (await pageRegistry(page)).length === 0);
    await showInPage(page, 'linkedin.ai-training');
    const emphasis = await shown(page, 'linkedin.ai-training');
    expect(await pageRegistry(page)).toEqual([]);
    const [painted, plain] = await withAndWithout(page, emphasis.rect);
    expect(painted.equals(plain)).toBe(false);
    // Leave the setting as it was for the other tests.
    await (await banner(page)).click('button.marks-toggle');
    await until(page, async () => (await pageRegistry(page)).length === 1);
    await page.close();
  });

  it('follows the text when the page’s layout changes above it', async () => {
    const page = await session.context.newPage();
    await page.goto(POLICY_URL);
    await located(page);
    await showInPage(page, 'linkedin.ai-training');
    const first = await shown(page, 'linkedin.ai-training');
    const scrollY = () => page.evaluate(() => window.scrollY);
    const firstTop = first.rect.top + (await scrollY());
    // The page puts 120 px of its own content at the top (a late banner of its own, say): the text moves
    // down the document (the browser's scroll anchoring may keep it in place on screen).
    await page.evaluate(() => {
      const block = document.createElement('div');
      block.style.height = '120px';
      document.body.prepend(block);
    });
    // Our boxes go with it: further down the document, and over the passage's text again.
    const moved = await until(page, async () => {
      const [h] = await highlight(page);
      return h &&
        h.rect.top + (await scrollY()) - firstTop >= 120 &&
        squash(h.text) === squash(quote('linkedin.ai-training'))
        ? h
        : null;
    });
    expect(moved.box).toBe(true);
    await page.close();
  });
});

describe('"Show in page" on a policy in a scroll container of the page', () => {
  it.each([
    ['in a page that scrolls too', SCROLLER_URL],
    ['in an app shell (the page itself does not scroll: html and body overflow hidden)', APP_SHELL_URL],
  ])('follows the container’s scrolling and is never drawn outside it, %s', async (_, url) => {
    const page = await session.context.newPage();
    await page.goto(url);
    await located(page);
    await showInPage(page, 'linkedin.ai-training');
    const first = await shown(page, 'linkedin.ai-training');
    expect(squash(first.text)).toBe(squash(quote('linkedin.ai-training')));
    const container = await page.evaluate(() => {
      const r = (document.querySelector('main') as HTMLElement).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    // The page scrolls its container by 60 px: the boxes go with the text.
    await page.evaluate(() => {
      (document.querySelector('main') as HTMLElement).scrollTop += 60;
    });
    const scrolled = await until(page, async () => {
      const [h] = await highlight(page);
      return h && Math.abs(h.rect.top - (first.rect.top - 60)) <= 2 ? h : null;
    });
    expect(squash(scrolled.text)).toBe(squash(quote('linkedin.ai-training')));
    // Scrolled until the passage's top is out of the container: nothing of ours above the container's top.
    await page.evaluate(
      (by) => {
        (document.querySelector('main') as HTMLElement).scrollTop += by;
      },
      scrolled.rect.top - container.top + 10,
    );
    const clipped = await until(page, async () => {
      const [h] = await highlight(page);
      return h && h.rect.top < scrolled.rect.top - 5 ? h : null;
    });
    expect(clipped.rect.top).toBeGreaterThanOrEqual(container.top - 1);
    expect(clipped.rect.bottom).toBeLessThanOrEqual(container.bottom + 1);
    await page.close();
  });
});
