/**
 * The banner on the real HTML snapshots of the corpus (scripts stripped), served under the URLs
 * they were fetched from and the other URLs the same policies live at: Google's en-GB policy,
 * Microsoft's Privacy Statement (with its "Learn more" sections collapsed as the live site's CSS
 * does), Amazon's Privacy Notice from its ref= links, and X's policy re-rendered by the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { normalizeText } from '../../utils/text';
import { corpusPage } from '../support/corpus-page';
import { quoteOf } from '../support/data';
import { MICROSOFT_COLLAPSED_CSS, MICROSOFT_TOGGLE_SCRIPT, SNAPSHOTS, snapshotPage } from '../support/snapshot-page';
import { highlight, located, noteOf, showEach, showInPage } from './banner-helpers';
import { changeSettings, launch, logTiming, pageIndexPublished, type Session, screenshot, servePage } from './harness';

const feed = loadBundledFeed();
const platform = (id: string) => {
  const p = feed.platforms.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing`);
  return p;
};

let session: Session;
beforeAll(async () => {
  session = await launch();
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

describe("Google's privacy policy, the real en-GB page", () => {
  const google = platform('google');
  const quote = (id: string) => {
    const p = google.provisions.find((x) => x.id === id);
    if (!p) throw new Error(id);
    return quoteOf(google, p, 'en-gb-eea');
  };
  const expected = google.provisions
    .filter((p) => p.documentId === 'privacy-policy' && !p.absentFrom?.some((a) => a.versionId === 'en-gb-eea'))
    .map((p) => p.id)
    .sort();

  /** Open `url` with the captured en-GB (EEA) page and check the banner shows that version’s provisions. */
  async function showsEeaVersion(url: string) {
    await servePage(session.context, url, snapshotPage(SNAPSHOTS.google.file));
    const page = await session.context.newPage();
    await page.goto(url);
    const { summary, items } = await located(page);
    expect(items.map((i) => i.id).sort()).toEqual(expected);
    const found = items.filter((i) => i.found === 'true').length;
    expect(summary).toContain(`${found} of ${items.length} found on this page`);
    expect(found).toBeGreaterThan(0);
    for (const item of items) expect(item.text, item.id).not.toContain('may have changed');
    expect(await showEach(page, items, quote)).toBe(found);
    return page;
  }

  it('at the address it was fetched from (gl=IE: the EEA text whoever visits) shows that version, paints the ones on the page, claims no change', async () => {
    // The browser's language is en-US: the country in the address wins over the visitor's region.
    const page = await showsEeaVersion(SNAPSHOTS.google.url);
    await screenshot(page, 'real-google-en-gb-highlight');
    await page.close();
  });

  it('at its canonical address (?hl=en-GB, served by the visitor’s location) shows it to a user in the EU', async () => {
    await changeSettings(session, { region: 'EU' });
    try {
      const page = await showsEeaVersion('https://policies.google.com/privacy?hl=en-GB');
      await page.close();
    } finally {
      await changeSettings(session, { region: 'US' });
    }
  });
});

describe("Microsoft's Privacy Statement, the real page", () => {
  const microsoft = platform('microsoft');
  const quote = (id: string) => {
    const p = microsoft.provisions.find((x) => x.id === id);
    if (!p) throw new Error(id);
    return quoteOf(microsoft, p, 'en-ie');
  };
  const onStatement = microsoft.provisions.filter((p) => p.documentId === 'privacy-statement');

  it.each([
    'https://www.microsoft.com/en-gb/privacy/privacystatement',
    'https://privacy.microsoft.com/en-gb/privacystatement',
    SNAPSHOTS.microsoft.url,
  ])('shows the en-GB text’s provisions, all found, at %s', async (url) => {
    await servePage(session.context, url, snapshotPage(SNAPSHOTS.microsoft.file));
    const page = await session.context.newPage();
    await page.goto(url);
    const { summary } = await located(page);
    expect(summary).toContain(`${onStatement.length} of ${onStatement.length} found on this page`);
    await page.close();
  });

  // The en-US text (captured from www.microsoft.com/en-us/…) at the addresses that serve it: the
  // locale in the address, not the visitor's region, decides which spelling's quotes to look for.
  it.each([
    'https://www.microsoft.com/en-us/privacy/privacystatement',
    'https://www.microsoft.com/privacy/privacystatement',
    'https://privacy.microsoft.com/privacystatement',
  ])('shows the en-US text’s provisions, all found, at %s', async (url) => {
    await servePage(
      session.context,
      url,
      corpusPage('policies/microsoft/privacy-policy.vlopses-us.md', {
        title: 'Microsoft Privacy Statement (test page)',
      }),
    );
    await changeSettings(session, { region: 'EU' });
    try {
      const page = await session.context.newPage();
      await page.goto(url);
      const { summary } = await located(page);
      expect(summary).toContain(`${onStatement.length} of ${onStatement.length} found on this page`);
      await page.close();
    } finally {
      await changeSettings(session, { region: 'US' });
    }
  });

  it('with the "Learn more" sections collapsed by CSS, "Show in page" opens each one and paints the passage', async () => {
    const url = 'https://www.microsoft.com/en-gb/privacy/privacystatement?collapsed=1';
    await servePage(
      session.context,
      url,
      snapshotPage(SNAPSHOTS.microsoft.file, { css: MICROSOFT_COLLAPSED_CSS, script: MICROSOFT_TOGGLE_SCRIPT }),
    );
    const page = await session.context.newPage();
    await page.goto(url);
    // Collapsed indeed: every detail block is hidden before we do anything.
    expect(
      await page.evaluate(() => [...document.querySelectorAll('.detail-content')].every((e) => !e.checkVisibility())),
    ).toBe(true);
    const { items } = await located(page);
    expect(items.filter((i) => i.found === 'true')).toHaveLength(onStatement.length);
    const started = Date.now();
    expect(await showEach(page, items, quote)).toBe(onStatement.length);
    logTiming('"Show in page" on a collapsed Microsoft section → opened and painted (per passage, incl. the click)', [
      (Date.now() - started) / onStatement.length,
    ]);
    await screenshot(page, 'real-microsoft-learn-more-highlight');
    await page.close();
  });

  it('when the section does not open (no page script), says where the passage is and how to open it', async () => {
    const url = 'https://www.microsoft.com/en-gb/privacy/privacystatement?collapsed=noscript';
    await servePage(session.context, url, snapshotPage(SNAPSHOTS.microsoft.file, { css: MICROSOFT_COLLAPSED_CSS }));
    const page = await session.context.newPage();
    await page.goto(url);
    await located(page);
    const id = 'microsoft.ai-training';
    await showInPage(page, id);
    const text = await noteOf(page, id);
    expect(text).toMatch(/^In the collapsed section 'Learn more' under '.+' — open it to read the passage\.$/);
    expect(await highlight(page)).toEqual([]);
    await page.close();
  });
});

describe("Amazon's Privacy Notice", () => {
  const onNotice = platform('amazon').provisions.filter((p) => p.documentId === 'privacy-notice');
  const page = corpusPage('policies/amazon/privacy-policy.md', { title: 'Amazon.com Privacy Notice (test page)' });

  it.each([
    'https://www.amazon.com/gp/help/customer/display.html/ref=footer_privacy?ie=UTF8&nodeId=GX7NJQ4ZB8MHFRNJ',
    'https://www.amazon.com/gp/help/customer/display.html/ref=hp_bc_nav?nodeId=GX7NJQ4ZB8MHFRNJ',
    'https://www.amazon.com/gp/help/customer/display.html?nodeId=GX7NJQ4ZB8MHFRNJ',
  ])('is recognised at %s', async (url) => {
    await servePage(session.context, url, page);
    const tab = await session.context.newPage();
    await tab.goto(url);
    const { items } = await located(tab);
    expect(items.map((i) => i.id).sort()).toEqual(onNotice.map((p) => p.id).sort());
    await tab.close();
  });
});

describe("X's privacy policy, re-rendered by the page", () => {
  const x = platform('x');
  const quote = (id: string) => {
    const p = x.provisions.find((y) => y.id === id);
    if (!p) throw new Error(id);
    return quoteOf(x, p);
  };

  it('still highlights the right passage after the policy container is replaced by an identical clone', async () => {
    await servePage(session.context, SNAPSHOTS.xPrivacy.url, snapshotPage(SNAPSHOTS.xPrivacy.file));
    const page = await session.context.newPage();
    await page.goto(SNAPSHOTS.xPrivacy.url);
    const { items } = await located(page);
    const target = items.find((i) => i.found === 'true');
    expect(target).toBeDefined();
    const id = target?.id ?? '';
    // The page's own script (main world) renders the policy again, as a framework would.
    const replaced = await page.evaluate(() => {
      const main = document.querySelector('main');
      const clone = main?.cloneNode(true) as HTMLElement | undefined;
      if (!main || !clone) return false;
      main.replaceWith(clone);
      return !main.isConnected;
    });
    expect(replaced).toBe(true);
    await showInPage(page, id);
    const [h] = await highlight(page, 'main');
    expect(h).toMatchObject({ visible: true, box: true });
    expect(normalizeText(h?.text ?? '').replaceAll(' ', '')).toBe(normalizeText(quote(id)).replaceAll(' ', ''));
    // In the page's new <main>, the only one now in the document.
    const inClone = h?.within === true;
    expect(inClone).toBe(true);
    await page.close();
  });
});
