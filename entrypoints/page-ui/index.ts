import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageUi } from '@/utils/content/page-ui';
import { layoutVisibility } from '@/utils/content/reveal';
import { browserScheduler } from '@/utils/content/scheduler';
import { offerPageUi, type PageUiFactory } from '@/utils/content/ui-hook';
import { type GetMessage, installMessages } from '@/utils/i18n';
import { request } from '@/utils/messages';
import { mountShadow } from '@/utils/shadow-host';
import css from './style.css?inline';

/**
 * The banner (policy pages) and the chip (settings pages). Not in the manifest: the background
 * injects it (scripting.executeScript, into the asking frame only) when the content script's
 * getPageInfo finds something to show; it leaves its factory in the isolated world it shares
 * with the content script, which drives it (utils/content/ui-hook.ts).
 */
export default defineUnlistedScript(() => {
  // Until the background's answer hands over the UI's messages (utils/content/ui-strings.ts).
  const browserMessage: GetMessage = (key, substitutions) => browser.i18n.getMessage(key, substitutions);
  installMessages(browserMessage);
  const factory: PageUiFactory = (lifetime) =>
    pageUi(
      {
        doc: document,
        win: window,
        send: (type, payload) => request(browser.runtime, type, payload),
        mount: (name) => mountShadow(lifetime, name, css, browser.i18n.getUILanguage()),
        scheduler: browserScheduler(),
        visibility: layoutVisibility(window),
        now: () => performance.now(),
        url: () => location.href,
        alive: lifetime.valid,
        report: (e) => console.warn('Policy Lens:', e),
      },
      browserMessage,
    );
  offerPageUi(factory);
});
