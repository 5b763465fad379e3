import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageClassifier } from '@/utils/content/classify';
import type { ContentEnv } from '@/utils/content/env';
import { pageSessions } from '@/utils/content/page-session';
import { layoutVisibility } from '@/utils/content/reveal';
import { browserScheduler } from '@/utils/content/scheduler';
import { installMessages } from '@/utils/i18n';
import { claimInstance } from '@/utils/lifecycle';
import { request } from '@/utils/messages';
import { watchNavigation } from '@/utils/navigation';
import { mountShadow } from '@/utils/shadow-host';
import css from './style.css?inline';

/**
 * The content script of every tracked page. Put in the manifest by wxt.config.ts (matches: the
 * dataset's platform domains; css: public/highlight.css, the highlight style the browser injects
 * before the page's DOM exists) and registered at run time for platforms a feed added. An unlisted
 * script, not a WXT content script: WXT's content-script context announces itself to the page with
 * a DOM event the page can also send to switch us off (see utils/lifecycle.ts). Our UI's CSS goes
 * into our closed shadow root only, as a string (the ?inline import): no web-accessible resource.
 */
export default defineUnlistedScript(() => {
  const started = performance.now();
  installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
  claimInstance(globalThis as unknown as Record<string, unknown>, 'platform', browser.runtime, (lifetime) => {
    const env: ContentEnv = {
      doc: document,
      win: window,
      send: (type, payload) => request(browser.runtime, type, payload),
      mount: (name) => mountShadow(lifetime, name, css),
      scheduler: browserScheduler(),
      visibility: layoutVisibility(window),
      now: () => performance.now(),
      url: () => location.href,
      alive: lifetime.valid,
      report: (e) => console.warn('Policy Lens:', e),
    };
    const pages = pageSessions(env, pageClassifier(browser.storage.local, location.hostname));
    lifetime.onInvalidated(pages.close);
    pages.open(location.href, started).catch(env.report);
    let last = location.href;
    watchNavigation(
      window,
      (url) => {
        // A jump within the page (table of contents, #section) is not a new page.
        const within = url.split('#')[0] === last.split('#')[0];
        last = url;
        if (!within) pages.open(url, performance.now()).catch(env.report);
      },
      lifetime.signal,
    );
    return { injectedAgain: () => undefined };
  });
});
