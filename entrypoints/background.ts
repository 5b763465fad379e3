import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '@/utils/background/app';

/** Version and SHA-256 of the feed bundled with this build (wxt.config.ts defines them from the dataset). */
declare const __BUNDLED_FEED__: { version: number; sha256: string };

export default defineBackground(() => {
  startBackground({
    runtime: browser.runtime,
    storage: browser.storage,
    tabs: browser.tabs,
    action: browser.action,
    // The walkthrough overlay (entrypoints/walkthrough.content) goes only into a tab where the user started one.
    injectWalkthrough: (tabId) =>
      browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/walkthrough.js'] }),
    fetchPackaged: async (url) => (await fetch(url)).arrayBuffer(),
    bundled: __BUNDLED_FEED__,
  });
});
