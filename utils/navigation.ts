/**
 * Follow a page's URL when it changes without a new document: a single-page app's pushState and
 * replaceState, the Navigation API, back and forward (popstate), fragment changes. Our listeners
 * live in the content script's isolated world, so the page sees none of them; it can dispatch fake
 * events at the objects we listen on, which is why an event only makes us read `location.href`
 * again: a report is sent only when the URL really changed. (WXT's location watcher dispatches
 * `<extension id>:…:wxt:locationchange` on `window`, which the page sees; this one dispatches nothing.)
 */

/** How often to read the URL where the browser has no Navigation API to tell us (ms). */
const POLL_MS = 500;

interface NavigationLike {
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
}

export function watchNavigation(
  view: Pick<Window, 'location' | 'addEventListener' | 'setInterval' | 'clearInterval' | 'setTimeout'>,
  onChange: (url: string) => void,
  signal: AbortSignal,
): void {
  if (signal.aborted) return;
  let last = view.location.href;
  const check = () => {
    if (signal.aborted) return;
    const now = view.location.href;
    if (now === last) return;
    last = now;
    onChange(now);
  };
  // The Navigation API's event fires after the URL changed; popstate and hashchange too. A task
  // later, so that an app's own handlers have rendered the new view first.
  const soon = () => void view.setTimeout(check, 0);
  const navigation = (view as { navigation?: NavigationLike }).navigation;
  const options = { signal, passive: true };
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', soon, options);
  } else {
    // pushState from the page's world raises no event in ours: read the URL now and then.
    const timer = view.setInterval(check, POLL_MS);
    signal.addEventListener('abort', () => view.clearInterval(timer), { once: true });
  }
  view.addEventListener('popstate', soon, options);
  view.addEventListener('hashchange', soon, options);
}
