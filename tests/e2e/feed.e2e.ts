/**
 * Live data in real Chromium: an extension built with a test feed address on 127.0.0.1 and a
 * throw-away key, a local feed server, and the updates as the user meets them — at start-up, by
 * "Update now", a tampered feed refused, a platform added by the feed shown in its tab's popup —
 * and the feed and its signature as the only requests the extension makes.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import type { Feed, Platform } from '../../utils/schema';
import { jsonBytes, makeKeyPair } from '../support/feed-keys';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import {
  clickToolbarButton,
  extensionUrl,
  launch,
  openPopupFor,
  type PopupTarget,
  type Session,
  servePage,
} from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = '.output/e2e-feed';
const EXTENSION_DIR = resolve(ROOT, OUT, 'chrome-mv3');
const keys = makeKeyPair();
const bundled = loadBundledFeed();
const NEW_HOST = 'www.policy-lens-test.example';

let server: FeedServer;
let version = bundled.version;

/** A feed newer than any served so far, changed by `edit`, served signed. */
function serveNext(edit: (feed: Feed) => void = () => undefined): Feed {
  const feed = structuredClone(bundled);
  version += 1;
  feed.version = version;
  edit(feed);
  const bytes = jsonBytes(feed);
  server.setFeed(bytes, keys.sign(bytes));
  return feed;
}

function retitleLinkedInAi(title: string) {
  return (feed: Feed) => {
    const ai = feed.platforms.find((p) => p.id === 'linkedin')?.provisions.find((p) => p.id === 'linkedin.ai-training');
    if (!ai) throw new Error('linkedin.ai-training missing');
    ai.title = title;
  };
}

/** A made-up platform on a test host: what a feed update that adds a platform looks like. */
function testPlatform(): Platform {
  const url = `https://${NEW_HOST}/privacy`;
  return {
    id: 'test-platform',
    name: 'Test Platform (e2e)',
    domains: ['policy-lens-test.example'],
    documents: [
      {
        id: 'privacy-policy',
        kind: 'privacy-policy',
        title: 'Test Platform Privacy Policy',
        versions: [
          {
            id: 'default',
            regions: ['*'],
            urls: [url],
            capture: {
              sourceUrl: url,
              archiveUrl: 'https://github.com/OpenTermsArchive/contrib-versions/blob/main/Test/Privacy%20Policy.md',
              waybackUrl: `https://web.archive.org/web/20261201/${url}`,
              sha256: 'a'.repeat(64),
              capturedAt: '2026-12-01',
              documentLastUpdated: '2026-12-01',
              verifiedAt: '2026-12-01',
            },
          },
        ],
      },
    ],
    settingsPages: [],
    walkthroughs: [],
    provisions: [
      {
        id: 'test-platform.ai-training',
        title: 'Trains AI on what you post (test record)',
        severity: 'medium',
        severityRationale: 'A test record.',
        categories: ['ai-training'],
        documentId: 'privacy-policy',
        quotes: [{ versionId: 'default', text: 'We may train models on your posts.' }],
        whyItMatters: 'A test record for the end-to-end tests.',
        consumerImpact: 'None: it is a test.',
        actions: [],
        firstTracked: '2026-12-01',
      },
    ],
  };
}

async function popupText(popup: PopupTarget, selector: string): Promise<string> {
  return popup.evaluate<string>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
}

/** The LinkedIn popup (real toolbar popup for a LinkedIn tab), once it has data. */
async function linkedinPopup(session: Session): Promise<{ popup: PopupTarget; page: Page }> {
  const page = await session.context.newPage();
  await page.goto('https://www.linkedin.com/feed/');
  const popup = await openPopupFor(session, page);
  await popup.waitFor('document.body.dataset.ready === "true"');
  return { popup, page };
}

/** The settings page: press "Update now" and wait for the check to end. */
async function updateNow(session: Session): Promise<Page> {
  const options = await session.context.newPage();
  await options.goto(extensionUrl(session, 'options.html'));
  await options.waitForSelector('body[data-ready="true"]');
  const before = await options.textContent('.data-status');
  await options.click('button.update-now');
  await options.waitForFunction(
    (was) =>
      document.querySelector('.data-status')?.textContent !== was &&
      !document.querySelector('button.update-now[disabled]'),
    before,
  );
  return options;
}

async function launchWithFeed(): Promise<Session> {
  const session = await launch({ extensionDir: EXTENSION_DIR });
  // The feed server is real (loopback); everything else stays routed or aborted.
  await session.context.route(`${server.origin}/**`, (route) => route.continue());
  await servePage(
    session.context,
    'https://www.linkedin.com/feed/',
    '<!doctype html><title>LinkedIn feed (model)</title>',
  );
  await servePage(
    session.context,
    `https://${NEW_HOST}/`,
    '<!doctype html><title>Test platform (model)</title><h1>Test</h1>',
  );
  return session;
}

beforeAll(async () => {
  server = await startFeedServer();
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      WXT_FEED_URL: `${server.url}`,
      WXT_FEED_PUBLIC_KEYS: keys.publicKey,
      POLICY_LENS_OUT_DIR: OUT,
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('a newer signed feed at start-up', () => {
  let session: Session;
  afterAll(async () => session?.close());

  it('is stored on install and the popup shows the new text and what changed', async () => {
    serveNext(retitleLinkedInAi('AI training on your LinkedIn data (updated at start-up)'));
    session = await launchWithFeed();
    // The install check runs as the worker starts; the popup shows whatever data it has, so wait for the new.
    for (let i = 0; i < 50; i++) {
      const { popup, page } = await linkedinPopup(session);
      const title = await popupText(popup, '[data-provision="linkedin.ai-training"] .provision-title');
      if (title.endsWith('(updated at start-up)')) {
        expect(await popupText(popup, '.what-changed summary')).toMatch(
          /^What changed in the update of \d{4}-\d{2}-\d{2}$/,
        );
        expect(await popupText(popup, '[data-changed-provision="linkedin.ai-training"]')).toContain(
          'our explanation changed',
        );
        expect(await popupText(popup, '.data-status')).toContain(`Data version ${version}, from the update feed`);
        await page.close();
        return;
      }
      await page.close();
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the start-up update did not arrive');
  });
});

describe('updates while the browser runs', () => {
  let session: Session;
  beforeAll(async () => {
    serveNext();
    session = await launchWithFeed();
  });
  afterAll(async () => session?.close());

  it('"Update now" picks up a newer feed; the popup shows the new text', async () => {
    serveNext(retitleLinkedInAi('AI training on your LinkedIn data (updated now)'));
    const options = await updateNow(session);
    expect(await options.textContent('.data-status')).toContain(`Data version ${version}, from the update feed`);
    expect(await options.getAttribute('.data-status', 'data-status')).toBe('ok');
    await options.close();
    const { popup, page } = await linkedinPopup(session);
    expect(await popupText(popup, '[data-provision="linkedin.ai-training"] .provision-title')).toBe(
      'AI training on your LinkedIn data (updated now)',
    );
    await page.close();
  });

  it('refuses a tampered feed with a higher version: the previous data stays, with the error shown', async () => {
    serveNext(retitleLinkedInAi('AI training on your LinkedIn data (trusted)'));
    (await updateNow(session)).close();
    serveNext(retitleLinkedInAi('Tampered title'));
    server.mode.tamper = true;
    try {
      const options = await updateNow(session);
      expect(await options.getAttribute('.data-status', 'data-status')).toBe('error');
      expect(await options.textContent('.update-error')).toMatch(/signature.*Your data was not changed\./);
      await options.close();
    } finally {
      server.mode.tamper = false;
    }
    const { popup, page } = await linkedinPopup(session);
    expect(await popupText(popup, '[data-provision="linkedin.ai-training"] .provision-title')).toBe(
      'AI training on your LinkedIn data (trusted)',
    );
    expect(await popupText(popup, '.update-error')).toContain('Your data was not changed.');
    await page.close();
  });

  it('shows a platform the feed adds in that tab’s popup, and says the site needs a grant', async () => {
    serveNext((feed) => {
      feed.platforms.push(testPlatform());
    });
    (await updateNow(session)).close();
    const page = await session.context.newPage();
    await page.goto(`https://${NEW_HOST}/`);
    const popup = await clickToolbarButton(session, page);
    await popup.waitFor('document.body.dataset.ready === "true"');
    expect(await popupText(popup, '.platform-header h1')).toContain('Test Platform (e2e)');
    expect(await popupText(popup, '[data-provision="test-platform.ai-training"] .provision-title')).toBe(
      'Trains AI on what you post (test record)',
    );
    expect(await popupText(popup, '.site-access')).toContain('policy-lens-test.example');
    await page.close();
  });

  it('made no request but the feed and its signature', () => {
    expect(server.requests.length).toBeGreaterThan(0);
    expect([...new Set(server.requests.map((r) => `${r.method} ${r.path}`))].sort()).toEqual([
      'GET /feed.json',
      'GET /feed.json.sig',
    ]);
    // No cookies, no referrer, nothing about the user.
    for (const r of server.requests) {
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
    }
    expect(session.unrouted.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
  });
});
