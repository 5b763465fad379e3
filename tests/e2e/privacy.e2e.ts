/**
 * What the extension sends over the network while the user browses (issue 15, "the privacy e2e"):
 * 20 pages served under their real hostnames — tracked policy pages, tracked settings pages, ordinary
 * pages on tracked hosts and untracked sites — visited in one browser, the real toolbar popup on a
 * few of them, and one walkthrough step. This build has no feed address, so the extension must make
 * no request at all.
 *
 * Two recorders, because no single one sees every sender:
 * - Playwright's routes see requests from page targets (our content script's fetches go out from
 *   the page) and the service worker's own fetches (tests/e2e/harness.ts: the catch-all records and
 *   aborts whatever no page is served for). Here every served request is recorded too, with its
 *   resource type: only the navigations the test makes (and the browser's favicon look-ups) may be there.
 * - The toolbar popup is a target Playwright does not attach to, so its requests skip the routes: the
 *   browser's own network log (--log-net-log, every request the network service starts, from any
 *   process) catches whatever escapes them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { corpusPage, linkedinPrivacyPage } from '../support/corpus-page';
import { contentScriptWorld, launch, openPopupFor, ownUi, pageIndexPublished, type Session } from './harness';

const feed = loadBundledFeed();
const platform = (id: string) => {
  const p = feed.platforms.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing from the dataset`);
  return p;
};
const policyUrl = (id: string, documentId = 'privacy-policy') => {
  const url = platform(id).documents.find((d) => d.id === documentId)?.versions[0]?.urls[0];
  if (!url) throw new Error(`${id} ${documentId} has no URL`);
  return url;
};
const settingsUrl = (id: string, pageId: string) => {
  const url = platform(id).settingsPages.find((s) => s.id === pageId)?.url;
  if (!url) throw new Error(`${id} ${pageId} has no URL`);
  return url;
};

const plain = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1><p>Model page.</p>`;
const FIXTURES = resolve(import.meta.dirname, '../fixtures/walkthroughs');
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

type Kind = 'policy' | 'settings' | 'ordinary' | 'untracked';
interface Visit {
  url: string;
  kind: Kind;
  html: string;
}
const PRIVACY_SETTINGS = 'https://www.linkedin.com/psettings/privacy';
const LINKEDIN_FEED = 'https://www.linkedin.com/feed/';
const visits: Visit[] = [
  { kind: 'policy', url: policyUrl('linkedin'), html: linkedinPrivacyPage() },
  {
    kind: 'policy',
    url: policyUrl('facebook'),
    html: corpusPage('policies/facebook/privacy-policy.md', { title: 'Meta Privacy Policy (test page)' }),
  },
  { kind: 'policy', url: policyUrl('linkedin', 'user-agreement'), html: plain('LinkedIn User Agreement (model)') },
  { kind: 'policy', url: policyUrl('reddit'), html: plain('Reddit Privacy Policy (model)') },
  { kind: 'policy', url: policyUrl('x'), html: plain('X Privacy Policy (model)') },
  { kind: 'policy', url: policyUrl('spotify'), html: plain('Spotify Privacy Policy (model)') },
  { kind: 'settings', url: PRIVACY_SETTINGS, html: fixture('linkedin-psettings-privacy.html') },
  { kind: 'settings', url: settingsUrl('reddit', 'privacy-settings'), html: plain('Reddit privacy settings (model)') },
  { kind: 'settings', url: settingsUrl('reddit', 'account-settings'), html: plain('Reddit account settings (model)') },
  { kind: 'settings', url: platform('x').settingsPages[0]?.url ?? '', html: plain('X settings (model)') },
  { kind: 'settings', url: platform('google').settingsPages[0]?.url ?? '', html: plain('Google settings (model)') },
  { kind: 'ordinary', url: LINKEDIN_FEED, html: plain('LinkedIn feed (model)') },
  { kind: 'ordinary', url: 'https://www.reddit.com/r/privacy/', html: plain('r/privacy (model)') },
  { kind: 'ordinary', url: 'https://x.com/home', html: plain('X home (model)') },
  { kind: 'ordinary', url: 'https://www.youtube.com/watch?v=model', html: plain('YouTube video (model)') },
  { kind: 'untracked', url: 'https://example.org/', html: plain('Example') },
  { kind: 'untracked', url: 'https://en.wikipedia.org/wiki/Privacy', html: plain('Privacy - Wikipedia (model)') },
  { kind: 'untracked', url: 'https://www.example.com/privacy', html: plain('Example privacy (model)') },
  { kind: 'untracked', url: 'https://developer.mozilla.org/en-US/', html: plain('MDN (model)') },
  { kind: 'untracked', url: 'https://www.gnu.org/', html: plain('GNU (model)') },
];

/** Whether `url`'s host is on a tracked platform's domains (the content script runs there). */
const tracked = (url: string) => {
  const host = new URL(url).hostname;
  return feed.platforms.some((p) => p.domains.some((d) => host === d || host.endsWith(`.${d}`)));
};

let session: Session;
let netLogDir: string;
const served: Array<{ url: string; type: string; navigation: boolean }> = [];
/** Page targets' requests the routes saw (any sender inside a page: the page's or our content script's). */
const pageRequests: Array<{ url: string; type: string }> = [];
const onRequest = (request: Request) => {
  // The extension's own files (the packaged data the background reads) are not network requests.
  if (/^https?:/.test(request.url())) pageRequests.push({ url: request.url(), type: request.resourceType() });
};

beforeAll(async () => {
  netLogDir = mkdtempSync(join(tmpdir(), 'policy-lens-netlog-'));
  session = await launch({ args: [`--log-net-log=${join(netLogDir, 'net.json')}`] });
  for (const visit of visits) {
    // A predicate, not a glob: some of these URLs have a query (`?` is a glob character).
    const at = visit.url.split('#')[0];
    await session.context.route(
      (url) => url.href === at,
      (route) => {
        const request = route.request();
        served.push({ url: request.url(), type: request.resourceType(), navigation: request.isNavigationRequest() });
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: visit.html });
      },
    );
  }
  session.context.on('request', onRequest);
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
  rmSync(netLogDir, { recursive: true, force: true });
});

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
}

/**
 * Every http(s) request the browser's network service started (URL_REQUEST_START_JOB), with its
 * initiator, from the net log (complete once the browser has closed). Requests a route fulfilled or
 * aborted never get that far, so these are the ones that skipped the routes.
 */
function netLogRequests(path: string): Array<{ url: string; initiator: string }> {
  if (!existsSync(path)) throw new Error('Chromium wrote no net log');
  const log = JSON.parse(readFileSync(path, 'utf8')) as NetLog;
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === startJob && /^https?:/.test(e.params?.url ?? ''))
    .map((e) => ({ url: e.params?.url ?? '', initiator: e.params?.initiator ?? '' }));
}

describe('the extension on 20 pages, with the popup and a walkthrough step', () => {
  it('lists 20 distinct pages of each kind', () => {
    expect(new Set(visits.map((v) => v.url)).size).toBe(20);
    for (const v of visits) expect(tracked(v.url), v.url).toBe(v.kind !== 'untracked');
    const kinds = new Set(visits.map((v) => v.kind));
    expect(kinds).toEqual(new Set(['policy', 'settings', 'ordinary', 'untracked']));
  });

  it('makes no request of its own: no feed in this build', async () => {
    const page: Page = await session.context.newPage();
    let ran = 0;
    for (const visit of visits) {
      await page.goto(visit.url);
      if (visit.kind === 'untracked') continue;
      // Positive signal first: our content script ran on this page and its start-up read answered.
      const world = await contentScriptWorld(session, page);
      expect(world, visit.url).not.toBeNull();
      await world?.settled();
      await world?.detach();
      ran++;
      if (visit.kind === 'policy') {
        const ui = await ownUi(page, 'policy-lens-banner');
        const end = Date.now() + 10_000;
        while (!(await ui.present()) && Date.now() < end) await page.waitForTimeout(50);
        expect(await ui.present(), `banner on ${visit.url}`).toBe(true);
        await ui.detach();
      }
    }
    expect(ran).toBe(15);

    // The real popup on a tracked policy page, a tracked ordinary page and an untracked site.
    for (const url of [policyUrl('linkedin'), 'https://www.reddit.com/r/privacy/', 'https://example.org/']) {
      const tab = await session.context.newPage();
      await tab.goto(url);
      const popup = await openPopupFor(session, tab);
      await popup.waitFor('document.body.dataset.ready === "true"');
      await tab.close();
    }

    // One walkthrough step: from the popup on the LinkedIn feed to the privacy settings, where the overlay names the next step.
    const tab = await session.context.newPage();
    await tab.goto(LINKEDIN_FEED);
    const popup = await openPopupFor(session, tab);
    await popup.waitFor('document.body.dataset.ready === "true"');
    const card = '[data-provision="linkedin.ai-training"]';
    await popup.click(`${card} .provision-toggle`);
    await popup.waitFor(`document.querySelector('${card} [data-action="ai-improvement-setting"] .guide-button')`);
    await popup.click(`${card} [data-action="ai-improvement-setting"] .guide-button`);
    await tab.waitForURL(`${PRIVACY_SETTINGS}**`);
    const overlay = await ownUi(tab, 'policy-lens-walkthrough');
    const end = Date.now() + 10_000;
    let step: string | null = null;
    while (step !== 'open-ai-setting' && Date.now() < end) {
      step = await overlay.attr('.card', 'data-step');
      if (step !== 'open-ai-setting') await tab.waitForTimeout(100);
    }
    expect(step).toBe('open-ai-setting');
    await overlay.detach();
    await tab.close();
    // A moment for anything the extension would send after the last page (a report, a feed check).
    await page.waitForTimeout(1_000);
    await page.close();

    // Routed senders: only the test's navigations were served, nothing else reached a route.
    expect(served.filter((s) => !s.navigation || s.type !== 'document')).toEqual([]);
    const ownRequests = pageRequests.filter(
      (r) => !(r.type === 'document' && served.some((s) => s.url === r.url)) && !r.url.endsWith('/favicon.ico'),
    );
    expect(ownRequests).toEqual([]);
    expect(session.unrouted.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);

    // Whatever skipped the routes (the popup's own requests) is in the browser's network log.
    // The browser finishes its log on exit (afterAll's close then only removes the profile).
    await session.context.close();
    // The browser's own requests (its update check, its account look-up: seen here with initiator
    // "not an origin") are not the extension's; anything a page or an extension page started names its origin.
    // Nor is a page's favicon, which the browser fetches for the tab strip, outside the routes.
    const escaped = netLogRequests(join(netLogDir, 'net.json')).filter(
      (r) => r.initiator !== 'not an origin' && r.url !== `${r.initiator}/favicon.ico`,
    );
    expect(escaped).toEqual([]);
  }, 240_000);
});
