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
    // Injected again into the same document (a second load event): the first instance keeps running.
    const flag = globalThis as { policyLensWalkthrough?: boolean };
    if (flag.policyLensWalkthrough) return;
    flag.policyLensWalkthrough = true;
    void resumeWalkthrough(() => mountShadow(ctx, 'policy-lens-walkthrough', css), ctx.signal).then((controller) => {
      if (!controller) return;
      ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
        if (withoutHash(newUrl) !== withoutHash(oldUrl)) controller.navigated(newUrl.href);
      });
    });
  },
});
