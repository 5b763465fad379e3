import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installMessages } from '@/utils/i18n';
import { claimInstance } from '@/utils/lifecycle';
import { isConfirmed, request } from '@/utils/messages';
import { watchNavigation } from '@/utils/navigation';
import { mountShadow } from '@/utils/shadow-host';
import { type Session, startSession } from '@/utils/walkthrough/session';
import css from './style.css?inline';

/**
 * The walkthrough overlay. Not in the manifest: the background injects it (scripting) only into
 * a tab where the user started a walkthrough, after each page load there, so the content script
 * that runs on every page of a tracked platform stays small. An unlisted script, not a WXT content
 * script: WXT's content-script context announces itself to the page (see utils/lifecycle.ts).
 * Injected again into the same document (the background injects after every completed load, and
 * Chrome reports fragment-only and history navigations as loads too), it hands over to the copy
 * that runs.
 */
export default defineUnlistedScript(() => {
  installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
  claimInstance(globalThis as unknown as Record<string, unknown>, 'walkthrough', browser.runtime, (lifetime) => {
    // This document's id for the background where the browser gives none (Firefox): drawn here, in
    // the isolated world, so no page script can read or send it.
    const pageId = crypto.randomUUID();
    let session: Session | null = null;
    let starting = false;
    const start = () => {
      if (starting) return;
      starting = true;
      void startSession({
        doc: document,
        client: {
          get: () => request(browser.runtime, 'getWalkthrough', {}),
          event: (event, stepIndex) => request(browser.runtime, 'walkthroughEvent', { event, stepIndex, pageId }),
          finish: async (returnToStart) => {
            await request(browser.runtime, 'finishWalkthrough', { returnToStart });
          },
          confirmInPopup: async (stepIndex) => {
            await request(browser.runtime, 'askInPopup', { action: { kind: 'do-it-for-me', stepIndex } });
          },
        },
        mount: () => mountShadow(lifetime, 'policy-lens-walkthrough', css, browser.i18n.getUILanguage(), 'closed'),
        reload: () => location.reload(),
        now: () => performance.now(),
        lifetime: lifetime.signal,
      })
        .then((started) => {
          session = started;
        })
        .catch(() => undefined)
        .finally(() => {
          starting = false;
        });
    };
    // A page with no overlay yet (none for it, or paused) may become one after an in-app navigation.
    const followed = () => (session ? session.navigated() : start());
    start();
    watchNavigation(window, followed, lifetime.signal);
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id === browser.runtime.id && isConfirmed(message)) session?.confirmed(message.stepIndex);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    lifetime.onInvalidated(() => {
      session?.stop();
      browser.runtime.onMessage.removeListener(onMessage);
    });
    return { injectedAgain: followed };
  });
});
