import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installMessages } from '@/utils/i18n';
import { mountShadow } from '@/utils/shadow-host';
import { resumeWalkthrough } from './controller';
import css from './style.css?inline';

/**
 * The walkthrough overlay. Not in the manifest: the background injects it (scripting) only into
 * a tab where the user started a walkthrough, after each page load there, so the content script
 * that runs on every page of a tracked platform stays small.
 */
const withoutHash = (url: URL) => url.href.split('#')[0];

export default defineContentScript({
  registration: 'runtime',
  // No "content script started" postMessage to the page (WXT's default would reveal our id to it).
  noScriptStartedPostMessage: true,
  // Injected by tab id; host permissions (from the dataset) decide where that is allowed.
  matches: ['https://policy-lens.invalid/*'],
  main(ctx) {
    installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
    // Injected again into the same document: the background injects after every completed load, and
    // Chrome reports a fragment-only navigation (chatgpt.com/#settings/...) as one too. Creating this
    // script's context has already invalidated the earlier instance (WXT removes its overlay), so
    // this one takes over. It is then no fresh page: what it observes first is not what the platform
    // served after a reload.
    const flag = globalThis as { policyLensWalkthrough?: boolean };
    const freshPage = !flag.policyLensWalkthrough;
    flag.policyLensWalkthrough = true;
    const mount = () => mountShadow(ctx, 'policy-lens-walkthrough', css, browser.i18n.getUILanguage());
    void resumeWalkthrough(mount, ctx.signal, freshPage).then((controller) => {
      if (!controller) return;
      ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
        if (withoutHash(newUrl) !== withoutHash(oldUrl)) controller.navigated(newUrl.href);
        else if (newUrl.hash !== oldUrl.hash) controller.fragmentChanged(newUrl.href);
      });
    });
  },
});
