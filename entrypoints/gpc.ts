import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * Global Privacy Control in a tracked platform's page: `navigator.globalPrivacyControl` is true.
 * Registered by the background (utils/background/gpc.ts) in the page's MAIN world at document
 * start, on the tracked domains only and only while the user has GPC on; nowhere else.
 * On the prototype, as browsers that support GPC define it (Firefox has its own getter there,
 * false unless its pref is on), so `'globalPrivacyControl' in navigator` reads the same.
 */
export default defineUnlistedScript(() => {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
    get: () => true,
    configurable: true,
    enumerable: true,
  });
});
