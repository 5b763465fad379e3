/**
 * Storage faults in real Chromium (issue 15, "Storage faults"; the same cases on fake-indexeddb in
 * tests/unit/background/store-open.test.ts). With the service worker stopped, the extension's own
 * origin (a page of its package that runs none of our scripts) leaves the database in a state the
 * background cannot use as it is, then a tracked page wakes the worker:
 * - `newer`: the database at a higher version than this build's, as a newer release would leave it
 *   (VersionError on open), holding the user's progress;
 * - `lacking`: the database at this build's version with only its `kv` store (a half-made upgrade:
 *   the progress and the data stores are gone);
 * - `blocked`: the database at the version before this build's, kept open by another connection
 *   that never lets go, as another copy of the background would (the upgrade stays blocked).
 * Each time the banner on LinkedIn's policy page and the toolbar popup work from the bundled data,
 * the popup and the settings page show the storage notice with its words for what happened, and the
 * user's progress is shown as the notice says (kept, or no longer marked).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION } from '../../utils/db';
import { linkedinPrivacyPage } from '../support/corpus-page';
import { located } from './banner-helpers';
import { clickToolbarButton, currentWorker, extensionUrl, launch, pageIndexPublished, type Session } from './harness';
import { markDoneInPopup } from './progress-helpers';

const POLICY_URL = 'https://www.linkedin.com/legal/privacy-policy';
const FEED_URL = 'https://www.linkedin.com/feed/';
const card = '[data-provision="linkedin.ai-training"]';
const messages = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
const notice = (key: string) => messages[key]?.message ?? key;

type Fault = 'newer' | 'lacking' | 'blocked';

let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** A tab at an extension URL that runs none of our scripts: the extension's origin, nothing else. */
async function extensionOrigin(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(extensionUrl(s, 'icon/16.png'));
  return page;
}

/** Stop every service worker (a real stop: its database connection goes with it). */
async function stopWorker(s: Session, page: Page): Promise<void> {
  const cdp = await s.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Leave the database as `fault` has it, from the extension's origin in `page`; resolves once done. */
function damage(page: Page, fault: Fault): Promise<string> {
  return page.evaluate(
    ([fault, name, version]) => {
      const request = (open: () => IDBOpenDBRequest, upgrade: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const r = open();
          r.onupgradeneeded = () => upgrade(r.result);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const deleted = () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.deleteDatabase(name);
          r.onsuccess = () => resolve();
          r.onerror = () => reject(r.error);
        });
      if (fault === 'newer')
        // Five versions on, stores as they were (a newer release adds its own): ours cannot open it.
        return request(
          () => indexedDB.open(name, version + 5),
          () => undefined,
        ).then((db) => {
          const stores = [...db.objectStoreNames].join(',');
          db.close();
          return `v${version + 5}: ${stores}`;
        });
      if (fault === 'lacking')
        return deleted()
          .then(() =>
            request(
              () => indexedDB.open(name, version),
              (db) => db.createObjectStore('kv'),
            ),
          )
          .then((db) => {
            const stores = [...db.objectStoreNames].join(',');
            db.close();
            return `v${version}: ${stores}`;
          });
      // blocked: a connection at the version before ours, kept open, that ignores versionchange.
      return deleted()
        .then(() =>
          request(
            () => indexedDB.open(name, version - 1),
            (db) => db.createObjectStore('kv').put('kept', 'e2e-marker'),
          ),
        )
        .then((db) => {
          (globalThis as unknown as { held: IDBDatabase }).held = db;
          db.onversionchange = () => {
            document.documentElement.dataset.versionchange = 'seen';
          };
          return `v${version - 1} held open`;
        });
    },
    [fault, DB_NAME, DB_VERSION] as const,
  );
}

/** The database as it is now, read from the extension's origin: version and stores. */
function databaseNow(page: Page): Promise<string> {
  return page.evaluate(async (name) => {
    const info = (await indexedDB.databases()).find((d) => d.name === name);
    return `v${info?.version ?? 'none'}`;
  }, DB_NAME);
}

const EXPECTED: Record<Fault, { problem: string; words: string; progressShown: boolean; memory: boolean }> = {
  newer: { problem: 'rebuilt', words: notice('storageRebuilt'), progressShown: true, memory: false },
  lacking: { problem: 'rebuilt', words: notice('storageRebuiltLost'), progressShown: false, memory: false },
  blocked: { problem: 'memory', words: notice('storageMemory'), progressShown: false, memory: true },
};

describe.each(['newer', 'lacking', 'blocked'] as const)(
  'a database the background cannot use as it is (%s)',
  (fault) => {
    it('leaves the banner and the popup working from the bundled data, and the popup and settings say what happened', async () => {
      const expected = EXPECTED[fault];
      const s = await launch();
      session = s;
      for (const url of [POLICY_URL, FEED_URL])
        await s.context.route(url, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: linkedinPrivacyPage() }),
        );
      await pageIndexPublished(s);
      // The user's progress before the fault: one action marked done.
      await markDoneInPopup(s, FEED_URL);
      const origin = await extensionOrigin(s);
      await stopWorker(s, origin);
      const made = await damage(origin, fault);
      console.info(`[storage-faults] ${fault}: ${made}`);
      if (fault !== 'blocked') await origin.close();

      // A tracked page wakes the worker, which opens the store as it now is.
      const policy = await s.context.newPage();
      await policy.goto(POLICY_URL);
      const list = await located(policy);
      expect(list.summary).toContain('LinkedIn Privacy Policy');
      expect(list.items.filter((i) => i.found === 'true').length).toBeGreaterThan(0);

      const popup = await clickToolbarButton(s, policy);
      await popup.waitFor('document.body.dataset.ready === "true"');
      const read = await popup.evaluate<{ problem: string | null; text: string; provisions: number; done: boolean }>(
        `(() => ({
        problem: document.querySelector('#storage .storage-notice')?.dataset.problem ?? null,
        text: document.querySelector('#storage .storage-notice')?.textContent ?? '',
        provisions: document.querySelectorAll('.provisions [data-provision]').length,
        done: document.querySelector('${card} .done-pill') !== null,
      }))()`,
      );
      expect(read.problem).toBe(expected.problem);
      expect(read.text.startsWith(expected.words)).toBe(true);
      expect(read.provisions).toBeGreaterThan(0);
      expect(read.done).toBe(expected.progressShown);

      const settings = await s.context.newPage();
      await settings.goto(extensionUrl(s, 'options.html'));
      await settings.waitForSelector('#storage .storage-notice');
      expect(await settings.locator('#storage .storage-notice').getAttribute('data-problem')).toBe(expected.problem);
      expect((await settings.locator('#storage .storage-notice').textContent())?.startsWith(expected.words)).toBe(true);

      if (expected.memory) {
        // The other connection was asked to let go, and the database was left as it was (nothing deleted).
        expect(await origin.evaluate(() => document.documentElement.dataset.versionchange)).toBe('seen');
        expect(await databaseNow(origin)).toBe(`v${DB_VERSION - 1}`);
        // Once it does let go, nothing the blocked background left queued deletes the user's database: an open of
        // ours, queued after whatever the background asked for (the browser runs them in order), still finds it.
        expect(
          await origin.evaluate(
            (name) =>
              new Promise<unknown>((resolve, reject) => {
                (globalThis as unknown as { held: IDBDatabase }).held.close();
                const r = indexedDB.open(name);
                r.onsuccess = () => {
                  const db = r.result;
                  if (!db.objectStoreNames.contains('kv')) return resolve(`no kv store at v${db.version}`);
                  const get = db.transaction('kv').objectStore('kv').get('e2e-marker');
                  get.onsuccess = () => resolve(get.result);
                  get.onerror = () => reject(get.error);
                };
                r.onerror = () => reject(r.error);
              }),
            DB_NAME,
          ),
        ).toBe('kept');
      } else {
        // Rebuilt at this build's version.
        const check = await extensionOrigin(s);
        expect(await databaseNow(check)).toBe(`v${DB_VERSION}`);
      }
      expect(await (await currentWorker(s)).evaluate(() => typeof indexedDB)).toBe('object');
    }, 90_000);
  },
);
