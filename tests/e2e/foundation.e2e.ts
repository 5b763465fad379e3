import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionUrl, launch, type Session, screenshot } from './harness';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

describe('the built extension in Chromium', () => {
  it('loads, starts its service worker and asks for no broad permissions', async () => {
    expect(session.worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
    const manifest = (await session.worker.evaluate(() => chrome.runtime.getManifest())) as chrome.runtime.ManifestV3;
    expect(manifest.manifest_version).toBe(3);
    // declarativeNetRequestWithHostAccess: Global Privacy Control's header, acting only where host access is held
    // (no install warning, unlike declarativeNetRequest).
    expect([...(manifest.permissions ?? [])].sort()).toEqual([
      'activeTab',
      'declarativeNetRequestWithHostAccess',
      'scripting',
      'storage',
    ]);
    expect(manifest.permissions ?? []).not.toContain('declarativeNetRequest');
    expect(manifest.permissions ?? []).not.toContain('tabs');
    // Host permissions are exactly the tracked platforms' domains.
    expect((manifest.host_permissions ?? []).every((p) => /^https:\/\/\*\.[a-z0-9.-]+\/\*$/.test(p))).toBe(true);
    expect(manifest.host_permissions ?? []).not.toContain('<all_urls>');
    expect(manifest.host_permissions).toContain('https://*.linkedin.com/*');
    // https only (an on-path attacker on plain http could play the platform's page).
    expect((manifest.host_permissions ?? []).filter((p: string) => !p.startsWith('https://'))).toEqual([]);
  });

  it('ingests the bundled feed into IndexedDB and the popup lists the platforms from it', async () => {
    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'popup.html'));
    await page.waitForSelector('body[data-ready="true"]');
    const names = await page.locator('.platform-name').allTextContents();
    expect(names).toContain('LinkedIn');
    // The list really comes from the store: the same names are in IndexedDB.
    const stored = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('policy-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('platforms').objectStore('platforms').getAll();
            req.onsuccess = () => resolve((req.result as { name: string }[]).map((p) => p.name).sort());
            req.onerror = () => reject(req.error);
          };
        }),
    );
    expect([...names].sort()).toEqual(stored);
    await screenshot(page, 'popup-platform-list');
    await page.close();
  });
});
