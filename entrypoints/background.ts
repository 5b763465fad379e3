import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '@/utils/background/app';
import { feedConfigFromEnv } from '@/utils/feed/config';
import { installMessages } from '@/utils/i18n';

// Strings in the browser's language (public/_locales).
installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));

/** Version and SHA-256 of the feed bundled with this build (wxt.config.ts defines them from the dataset). */
declare const __BUNDLED_FEED__: { version: number; sha256: string };

// A module worker: Chrome compiles a classic service worker's whole script eagerly (for its code
// cache) but a module's functions only when they first run. Measured in Chromium 156 (npm run bench's
// heap figure): 1,174 KiB after GC as a classic script, 1,025 KiB as a module; an empty worker 364 KiB,
// and one whose classic script merely contains this bundle, never called, 731 KiB.
export default defineBackground({
  type: 'module',
  main() {
    const manifest = browser.runtime.getManifest();
    startBackground({
      runtime: browser.runtime,
      storage: browser.storage,
      tabs: browser.tabs,
      action: browser.action,
      // Undefined in a build without a feed (no `alarms` permission).
      alarms: browser.alarms as typeof browser.alarms | undefined,
      scripting: browser.scripting,
      dnr: browser.declarativeNetRequest,
      permissions: browser.permissions,
      // Only there once the user allowed change alerts (an optional permission).
      get notifications() {
        return browser.notifications;
      },
      manifestMatches: manifest.content_scripts?.flatMap((s) => s.matches ?? []) ?? [],
      feedConfig: feedConfigFromEnv(),
      // The one network request the extension makes: the constant feed URL (utils/feed/fetch.ts).
      fetchFn: (input, init) => fetch(input, init),
      // The walkthrough overlay (entrypoints/walkthrough) goes only into a tab where the user started one.
      injectWalkthrough: (tabId) => browser.scripting.executeScript({ target: { tabId }, files: ['/walkthrough.js'] }),
      // The banner and chip UI (entrypoints/page-ui) goes only into the frame of a policy or settings page that asked.
      injectPageUi: (tabId, frameId) =>
        browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/page-ui.js'] }),
      fetchPackaged: async (url) => (await fetch(url)).arrayBuffer(),
      bundled: __BUNDLED_FEED__,
    });
  },
});
