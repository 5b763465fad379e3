import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { pageClassifier } from '@/utils/content/classify';
import type { ContentEnv } from '@/utils/content/env';
import { pageSessions } from '@/utils/content/page-session';
import { layoutVisibility } from '@/utils/content/reveal';
import { browserScheduler } from '@/utils/content/scheduler';
import { installMessages } from '@/utils/i18n';
import { request } from '@/utils/messages';
import { mountShadow } from '@/utils/shadow-host';
import './highlight.css';
import css from './style.css?inline';

export default defineContentScript({
  // No "content script started" postMessage to the page (WXT's default would reveal our id to it).
  noScriptStartedPostMessage: true,
  // Replaced at build time by the dataset's platform domains (wxt.config.ts, build:manifestGenerated).
  matches: ['https://policy-lens.invalid/*'],
  runAt: 'document_idle',
  // The highlight style (./highlight.css) goes into the manifest: the browser injects it before the
  // page's DOM exists. Our UI's CSS goes into our shadow root only, as a string (the ?inline import):
  // no web-accessible resource to probe for.
  cssInjectionMode: 'manifest',
  main(ctx) {
    const started = performance.now();
    installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
    const env: ContentEnv = {
      doc: document,
      win: window,
      send: (type, payload) => request(browser.runtime, type, payload),
      mount: (name) => mountShadow(ctx, name, css),
      scheduler: browserScheduler(),
      visibility: layoutVisibility(window),
      now: () => performance.now(),
      url: () => location.href,
      alive: () => !ctx.isInvalid,
      report: (e) => console.warn('Policy Lens:', e),
    };
    const pages = pageSessions(env, pageClassifier(browser.storage.local, location.hostname));
    ctx.onInvalidated(pages.close);
    pages.open(location.href, started).catch(env.report);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      // A jump within the page (table of contents, #section) is not a new page.
      if (newUrl.href.split('#')[0] === oldUrl.href.split('#')[0]) return;
      pages.open(newUrl.href, performance.now()).catch(env.report);
    });
  },
});
