/**
 * "Show in page" on a passage in each kind of collapsed section pages use, in real Chromium
 * layout: LinkedIn's policy page (the captured text, with the AI paragraph as the real HTML
 * fragment) with that paragraph folded away in our own markup, and where the page would open it
 * with its own script, our small model of that script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { normalizeText } from '../../utils/text';
import { readCorpus } from '../support/corpus';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { quoteOf } from '../support/data';
import { highlight, located, showInPage } from './banner-helpers';
import { launch, pageIndexPublished, type Session, servePage } from './harness';

const linkedin = loadBundledFeed().platforms.find((p) => p.id === 'linkedin');
const ai = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!linkedin || !ai) throw new Error('linkedin.ai-training missing');
const aiQuote = quoteOf(linkedin, ai);
const fragment = readCorpus('policies/linkedin/html/privacy-policy.FRAGMENT-section2-ai.html');

interface Case {
  /** The section markup around the paragraph. */
  wrap: (paragraph: string) => string;
  /** The page's own script that opens it (none: the browser does, or nothing can). */
  script?: string;
}

const CASES: Record<string, Case> = {
  'a panel at height 0 behind an aria-controls accordion button': {
    wrap: (f) =>
      `<button type="button" class="acc" aria-expanded="false" aria-controls="ai-panel">How we use your data</button>` +
      `<div id="ai-panel" style="height: 0; overflow: hidden">${f}</div>`,
    script: `document.querySelector('.acc').addEventListener('click', (e) => {
      document.getElementById('ai-panel').style.height = 'auto';
      e.currentTarget.setAttribute('aria-expanded', 'true');
    });`,
  },
  'a block hidden with visibility, behind a "Show more" button': {
    wrap: (f) =>
      `<div class="more" style="visibility: hidden">${f}</div><span role="button" tabindex="0" class="show">Show more</span>`,
    script: `document.querySelector('.show').addEventListener('click', () => {
      document.querySelector('.more').style.visibility = 'visible';
    });`,
  },
  'a block with content-visibility: hidden, behind a "Read more" button': {
    wrap: (f) =>
      `<div class="cv" style="content-visibility: hidden">${f}</div><button type="button" class="rm">Read more</button>`,
    script: `document.querySelector('.rm').addEventListener('click', () => {
      document.querySelector('.cv').style.contentVisibility = 'visible';
    });`,
  },
  'a closed <details>': {
    wrap: (f) => `<details><summary>AI and your data</summary>${f}</details>`,
  },
  'a hidden="until-found" section': {
    wrap: (f) => `<div hidden="until-found">${f}</div>`,
  },
};

let session: Session;
beforeAll(async () => {
  session = await launch();
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

async function open(name: string, c: Case) {
  const url = `https://www.linkedin.com/legal/privacy-policy?case=${encodeURIComponent(name)}`;
  let html = linkedinPrivacyPage().replace(fragment, c.wrap(fragment));
  if (c.script) html = html.replace('</body>', `<script>${c.script}</script></body>`);
  await servePage(session.context, url, html);
  const page = await session.context.newPage();
  await page.goto(url);
  // Folded away indeed: the paragraph is not rendered, or clipped to nothing, before we do anything.
  const shown = await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((e) => e.textContent?.includes('train artificial'));
    if (!p?.checkVisibility({ visibilityProperty: true })) return false;
    for (let a = p.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowY === 'hidden' && a.getBoundingClientRect().height < 1) return false;
    }
    return true;
  });
  expect(shown).toBe(false);
  const { items } = await located(page);
  expect(items.find((i) => i.id === 'linkedin.ai-training')?.found).toBe('true');
  return page;
}

describe('"Show in page" on a passage in a collapsed section', () => {
  it.each(Object.entries(CASES))('opens %s, then paints the passage', async (name, c) => {
    const page = await open(name, c);
    await showInPage(page, 'linkedin.ai-training');
    const [h] = await highlight(page);
    expect(h).toMatchObject({ visible: true, box: true });
    expect(normalizeText(h?.text ?? '')).toBe(normalizeText(aiQuote));
    await page.close();
  });

  it('says where the passage is when nothing on the page opens it', async () => {
    const page = await open('display: none, no control', { wrap: (f) => `<div style="display: none">${f}</div>` });
    await showInPage(page, 'linkedin.ai-training');
    const note = await page.evaluate(
      () =>
        document
          .querySelector('policy-lens-banner')
          ?.shadowRoot?.querySelector('[data-provision="linkedin.ai-training"] .note')?.textContent ?? '',
    );
    // The heading before it, as the page built from the captured markdown has it.
    expect(note).toBe(
      "In a collapsed part of the page under '3. 2. How We Use Your Data' — open it to read the passage.",
    );
    expect(await highlight(page)).toEqual([]);
    await page.close();
  });
});
