/**
 * Mounting our UI in a shadow root: the host element is the only thing we add to a page's DOM.
 * A few lines of our own instead of WXT's createShadowRootUi, which cost 2.8 KB gzipped in the
 * content script that runs on every page of a tracked platform (budget: 15 KB).
 *
 * Against a hostile page: the root is closed (the page cannot read the flagged provisions, our
 * timings or our buttons: `host.shadowRoot` is null to it); the host hangs from <html>, outside the
 * <body> a page re-renders and styles, and our CSS resets every property on it with `!important`
 * (in the cascade an important :host rule wins over the page's, even its inline style); a page that
 * keeps removing or moving the host gets it back a few times, then we stay away rather than fight.
 */
import { HOST_ATTRIBUTE, ownHosts } from './own-ui';
import { type VisibilityCheck, watchVisibility } from './visibility';

/** What ends our UI with the script: utils/lifecycle.ts's Lifetime (or WXT's context, which has the same method). */
export interface UiLifetime {
  onInvalidated(listener: () => void): unknown;
}

export interface Mounted {
  container: HTMLElement;
  host: HTMLElement;
  remove(): void;
  /** Whether what we drew (the container's first element) can be seen as drawn now (utils/visibility.ts). */
  visible(): boolean;
}

/** Keys typed in our UI must not reach the page's shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
/** Put back at most this many times in REATTACH_WINDOW_MS; a page that removes us more often wins. */
export const MAX_REATTACH = 5;
const REATTACH_WINDOW_MS = 10_000;

/** `lang`: the language our text is in (the browser's), which a page's own `<html lang>` is not. */
export function mountShadow(
  ctx: UiLifetime,
  name: string,
  css: string,
  lang: string,
  /** Open only for a test that must read our UI from the page (none does in Chromium: see tests/e2e/harness.ts). */
  mode: ShadowRootMode = 'closed',
): Mounted {
  const root = document.documentElement;
  const host = document.createElement(name);
  host.setAttribute(HOST_ATTRIBUTE, '');
  ownHosts.add(host);
  const shadow = host.attachShadow({ mode });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  container.lang = lang;
  for (const type of ISOLATED_EVENTS) container.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, container);
  root.append(host);

  let removed = false;
  const putBack: number[] = [];
  // A page (or its framework) that drops or moves our host: back under <html>, within a budget.
  const watcher = new MutationObserver(() => {
    if (removed || host.parentNode === root) return;
    const now = Date.now();
    while (putBack.length > 0 && now - (putBack[0] as number) > REATTACH_WINDOW_MS) putBack.shift();
    if (putBack.length >= MAX_REATTACH) {
      remove();
      return;
    }
    putBack.push(now);
    root.append(host);
  });
  watcher.observe(root, { childList: true });

  let check: VisibilityCheck | null = null;
  let observed: Element | null = null;
  /** The check for what is drawn now (a new one when the first element was replaced); null when nothing is. */
  const watched = (): VisibilityCheck | null => {
    const drawn = container.firstElementChild;
    if (!drawn || removed) return null;
    if (drawn !== observed) {
      check?.disconnect();
      check = watchVisibility(drawn, window);
      observed = drawn;
    }
    return check;
  };
  const visible = () => watched()?.visible() ?? false;
  // Watch what we draw from the moment it is there: the browser's visibility samples take ~100 ms.
  // Only the watch starts here; the style checks wait for a click that needs them. Run here, they
  // forced a layout of the whole page in the task that drew the banner, before its first paint
  // (8.5 ms of the 1.1 MB bench page's 28 ms banner task, in a trace).
  const drawnWatcher = new MutationObserver(() => void watched());
  drawnWatcher.observe(container, { childList: true });

  const remove = () => {
    if (removed) return;
    removed = true;
    watcher.disconnect();
    drawnWatcher.disconnect();
    check?.disconnect();
    host.remove();
  };
  ctx.onInvalidated(remove);
  return { container, host, remove, visible };
}
