/**
 * Plain http (issue 15, item 7), in real Chromium with the built extension: LinkedIn's policy page
 * from the corpus served at its http:// address, which an on-path attacker could rewrite at will.
 * Our content script does not run there and nothing of ours is drawn in it, while the same page
 * over https in another tab shows the banner (the extension is alive and would have shown it). The
 * popup on the http tab (a toolbar click, so activeTab lets it see the address) names the platform
 * and its provisions as general information, says why it shows nothing on the page, and makes no
 * claim about the page: it does not say which policy the tab is reading.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { until } from './banner-helpers';
import { clickToolbarButton, contentScriptWorld, launch, pageIndexPublished, type Session } from './harness';

const HTTPS_URL = 'https://www.linkedin.com/legal/privacy-policy';
const HTTP_URL = 'http://www.linkedin.com/legal/privacy-policy';
const linkedin = loadBundledFeed().platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing from the dataset');

let session: Session;
/** Requests the test's routes answered, in order: to see that the http page was served as http. */
const served: string[] = [];
beforeAll(async () => {
  session = await launch();
  for (const url of [HTTPS_URL, HTTP_URL]) {
    await session.context.route(url, (route) => {
      served.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: linkedinPrivacyPage() });
    });
  }
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
});

describe('a tracked policy page over plain http', () => {
  let http: Page;
  it('gets nothing of ours, while the same page over https shows the banner', async () => {
    http = await session.context.newPage();
    await http.goto(HTTP_URL);
    // Served as http (no upgrade to https on the way: then this test would prove nothing).
    expect(http.url()).toBe(HTTP_URL);
    expect(served).toEqual([HTTP_URL]);
    // Positive signal: the extension is alive and shows its banner on the same text over https.
    const https = await session.context.newPage();
    await https.goto(HTTPS_URL);
    await until(https, async (ui) => (await ui.text('.document')) === 'LinkedIn Privacy Policy');
    // Our content script never ran in the http page (no isolated world of ours in it)…
    expect(await contentScriptWorld(session, http, 1_000)).toBeNull();
    // …and nothing of ours is in it: no host, no marks, no highlight.
    expect(
      await http.evaluate(() => ({
        hosts: document.querySelectorAll('policy-lens-banner, policy-lens-chip, policy-lens-marks').length,
        highlights: CSS.highlights.size,
      })),
    ).toEqual({ hosts: 0, highlights: 0 });
    await https.close();
  });

  it('gets a popup that names LinkedIn as general information but makes no claim about the page', async () => {
    const popup = await clickToolbarButton(session, http);
    await popup.waitFor('document.body.dataset.ready === "true"');
    const read = await popup.evaluate<Record<string, unknown>>(`(() => ({
      header: document.querySelector('.platform-header h1')?.textContent ?? null,
      reading: document.querySelector('.platform-header')?.textContent.includes('You are reading') ?? null,
      notice: document.querySelector('[data-state="plain-http"]')?.textContent ?? null,
      notTracked: document.querySelector('[data-state="not-tracked"]') !== null,
      provisions: document.querySelectorAll('.provisions [data-provision]').length,
    }))()`);
    // The platform's data as general information, with the reason nothing was shown on the page…
    expect(read.header).toContain('LinkedIn');
    expect(read.provisions).toBe(linkedin.provisions.length);
    expect(read.notice).toContain('plain http');
    expect(read.notice).toContain('shows nothing on it');
    expect(read.notTracked).toBe(false);
    // …and no claim about the page: not "You are reading: LinkedIn Privacy Policy".
    expect(read.reading).toBe(false);
    // The same page over https, for contrast: there the popup does name the document.
    const https = await session.context.newPage();
    await https.goto(HTTPS_URL);
    const onHttps = await clickToolbarButton(session, https);
    await onHttps.waitFor('document.body.dataset.ready === "true"');
    expect(await onHttps.evaluate<string>(`document.querySelector('.platform-header')?.textContent ?? ''`)).toContain(
      'You are reading: LinkedIn Privacy Policy',
    );
    expect(await onHttps.evaluate<boolean>(`document.querySelector('[data-state="plain-http"]') === null`)).toBe(true);
    await https.close();
    await http.close();
  });
});
