import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageClassifier } from '@/utils/content/classify';
import { pageSessions } from '@/utils/content/page-session';
import { injectedPageUi } from '@/utils/content/ui-hook';
import { request } from '@/utils/messages';
import './highlight.css';

/**
 * On every page of a tracked platform: classify the URL locally; on a policy or settings page ask
 * the background, which injects the banner and chip UI (entrypoints/page-ui) when there is
 * something to show. See utils/content/ui-hook.ts for what keeping the UI out of here saves.
 */
export default defineContentScript({
  // No "content script started" postMessage to the page (WXT's default would reveal our id to it).
  noScriptStartedPostMessage: true,
  // Replaced at build time by the dataset's platform domains (wxt.config.ts, build:manifestGenerated).
  matches: ['https://policy-lens.invalid/*'],
  runAt: 'document_idle',
  // The highlight style (./highlight.css) goes into the manifest: the browser injects it before the
  // page's DOM exists. Our UI's CSS goes into our shadow root only (entrypoints/page-ui).
  cssInjectionMode: 'manifest',
  main(ctx) {
    const started = performance.now();
    const report = (e: unknown) => console.warn('Policy Lens:', e);
    const pages = pageSessions(
      {
        send: (type, payload) => request(browser.runtime, type, payload),
        url: () => location.href,
        alive: () => !ctx.isInvalid,
      },
      pageClassifier(browser.storage.local, location.hostname),
      () => injectedPageUi()?.(ctx),
    );
    ctx.onInvalidated(pages.close);
    pages.open(location.href, started).catch(report);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      // A jump within the page (table of contents, #section) is not a new page.
      if (newUrl.href.split('#')[0] === oldUrl.href.split('#')[0]) return;
      pages.open(newUrl.href, performance.now()).catch(report);
    });
  },
});
