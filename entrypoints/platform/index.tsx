import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageClassifier } from '@/utils/content/classify';
import { pageSessions } from '@/utils/content/page-session';
import { pageUiWhenInjected } from '@/utils/content/ui-hook';
import { claimInstance } from '@/utils/lifecycle';
import { request } from '@/utils/messages';
import { watchNavigation } from '@/utils/navigation';

/**
 * On every page of a tracked platform: classify the URL locally; on a policy or settings page ask
 * the background, which injects the banner and chip UI (entrypoints/page-ui) when there is
 * something to show. See utils/content/ui-hook.ts for what keeping the UI out of here saves.
 *
 * Put in the manifest by wxt.config.ts (matches: the dataset's platform domains; css:
 * public/highlight.css, the highlight style the browser injects before the page's DOM exists) and
 * registered at run time for platforms a feed added. An unlisted script, not a WXT content script:
 * WXT's content-script context announces itself to the page with a DOM event the page can also
 * send to switch us off (see utils/lifecycle.ts).
 */
export default defineUnlistedScript(() => {
  const started = performance.now();
  const report = (e: unknown) => console.warn('Policy Lens:', e);
  claimInstance(globalThis as unknown as Record<string, unknown>, 'platform', browser.runtime, (lifetime) => {
    const pages = pageSessions(
      {
        send: (type, payload) => request(browser.runtime, type, payload),
        url: () => location.href,
        alive: lifetime.valid,
      },
      pageClassifier(browser.storage.local, location.hostname),
      async () =>
        (
          await pageUiWhenInjected((fn, ms) => {
            const handle = setTimeout(fn, ms);
            return () => clearTimeout(handle);
          })
        )?.(lifetime),
    );
    lifetime.onInvalidated(pages.close);
    pages.open(location.href, started).catch(report);
    let last = location.href;
    watchNavigation(
      window,
      (url) => {
        // A jump within the page (table of contents, #section) is not a new page.
        const within = url.split('#')[0] === last.split('#')[0];
        last = url;
        if (!within) pages.open(url, performance.now()).catch(report);
      },
      lifetime.signal,
    );
    return { injectedAgain: () => undefined };
  });
});
