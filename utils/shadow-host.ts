/**
 * Mounting our UI in a shadow root: the host element is the only thing we add to a page's DOM.
 * A few lines of our own instead of WXT's createShadowRootUi, which cost 2.8 KB gzipped in the
 * content script that runs on every page of a tracked platform (budget: 15 KB).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { HOST_ATTRIBUTE, ownHosts } from './own-ui';

export interface Mounted {
  container: HTMLElement;
  host: HTMLElement;
  remove(): void;
}

/** Keys typed in our UI must not reach the page's shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** `lang`: the language our text is in (the browser's), which a page's own `<html lang>` is not. */
export function mountShadow(
  ctx: Pick<ContentScriptContext, 'onInvalidated'>,
  name: string,
  css: string,
  lang: string,
): Mounted {
  const host = document.createElement(name);
  host.setAttribute(HOST_ATTRIBUTE, '');
  ownHosts.add(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  container.lang = lang;
  for (const type of ISOLATED_EVENTS) container.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, container);
  const attach = () => (document.body ?? document.documentElement).append(host);
  attach();
  // Single-page apps re-render whole bodies: put our host back when it is dropped (direct children
  // of <html> and of the current <body> only, cheap), and watch whichever body is current.
  let watchedBody: HTMLElement | null = null;
  const watcher = new MutationObserver(() => {
    if (!host.isConnected) attach();
    watchBody();
  });
  const watchBody = () => {
    if (document.body && document.body !== watchedBody) {
      watchedBody = document.body;
      watcher.observe(watchedBody, { childList: true });
    }
  };
  watcher.observe(document.documentElement, { childList: true });
  watchBody();
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    watcher.disconnect();
    host.remove();
  };
  ctx.onInvalidated(remove);
  return { container, host, remove };
}
