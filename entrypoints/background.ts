import { applyTabState, tabKey } from '@/utils/badge';
import { matchUrl } from '@/utils/match';
import { publishPageIndex } from '@/utils/page-index';
import { createMessageListener } from '@/utils/protocol';
import { createHandlers, initService, tabStateFor } from '@/utils/service';
import { forgetTab, runsIn } from '@/utils/walkthrough/runs';

/** The walkthrough overlay script (entrypoints/walkthrough.content, registered at run time). */
function injectWalkthrough(tabId: number): Promise<unknown> {
  return browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/walkthrough.js'] });
}

export default defineBackground(() => {
  const ready = initService({
    fetchFn: (input, init) => fetch(input, init),
    bundledFeedUrl: browser.runtime.getURL('/data/feed.json'),
  });
  ready
    .then((state) => state.meta && publishPageIndex(browser.storage.local, state.meta.sha256, state.platforms))
    .catch((error: unknown) => console.error('Policy Lens: could not load data', error));

  const policy = ready.then((state) => ({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    isTrackedUrl: (url: string) => matchUrl(state.index, url) !== undefined,
  }));
  // Requests received since start, by type: diagnostics for the e2e tests (never leaves the worker).
  const received: Record<string, number> = {};
  (globalThis as { policyLensReceived?: Record<string, number> }).policyLensReceived = received;
  browser.runtime.onMessage.addListener(
    createMessageListener(
      createHandlers(ready, {
        settings: browser.storage.local,
        walkthroughs: { session: browser.storage.session, tabs: browser.tabs, inject: injectWalkthrough },
      }),
      policy,
      (type) => {
        received[type] = (received[type] ?? 0) + 1;
      },
    ),
  );

  // Badge each tab. Its URL is visible to us only on tracked platforms (host permissions):
  // elsewhere `tab.url` is undefined and the badge is cleared.
  const env = { action: browser.action, session: browser.storage.session };
  const refresh = async (tabId: number, url: string | undefined) => {
    const state = await ready;
    await applyTabState(env, tabId, tabStateFor(state, url));
  };
  const report = (error: unknown) => console.warn('Policy Lens: badge update failed', error);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'loading') refresh(tabId, tab.url).catch(report);
    // A walkthrough the user started in this tab: bring its overlay to each page that loads.
    if (change.status === 'complete') {
      runsIn(browser.storage.session, tabId)
        .then((running) => (running ? injectWalkthrough(tabId) : undefined))
        .catch(report);
    }
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    browser.tabs
      .get(tabId)
      .then((tab) => refresh(tabId, tab.url))
      .catch(report);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    browser.storage.session.remove(tabKey(tabId)).catch(report);
    forgetTab(browser.storage.session, tabId).catch(report);
  });
});
