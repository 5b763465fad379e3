/**
 * How the content script that runs on every page of a tracked platform reaches the banner and chip
 * UI, which the background injects (entrypoints/page-ui) only into a policy or settings page that
 * has something to show: both run in the extension's isolated world of the page, where the injected
 * script leaves a factory under `PAGE_UI_GLOBAL` (the page's own scripts cannot see that world).
 *
 * The background answers without waiting for the injection to have run (that wait was a round trip
 * page → browser → worker → browser → page, ~8 ms of the banner's start in a trace of the 30 KB bench
 * page), so the answer and the script arrive in either order: a content script that has the answer
 * first leaves a callback under `PAGE_UI_WAITER`, which the injected script calls.
 *
 * Measured with `npm run bench` (ordinary platform page, content script alone): the content script
 * with the UI inside cost 15.5 KB gzipped and ~4.7 ms of script per page load; without it, see the
 * numbers in README's bench table.
 */
import type { Lifetime } from '../lifecycle';
import type { PageInfo } from '../messages';
import type { BannerSession } from './banner-session';
import type { ChipSession } from './chip-session';

export const PAGE_UI_GLOBAL = 'policyLensPageUi';
export const PAGE_UI_WAITER = 'policyLensPageUiWaiter';
/**
 * How long a content script waits for a UI the background said it is injecting. The injection
 * takes milliseconds; it fails only when the frame went or its access was withdrawn, and then
 * nothing is shown (the next page asks for it again).
 */
export const PAGE_UI_WAIT_MS = 10_000;

/** The UI for one page, bound to its environment (utils/content/page-ui.ts). */
export interface PageUi {
  banner(info: PageInfo, started: number): BannerSession | null;
  chip(info: PageInfo, started: number): ChipSession | null;
}

/** What the injected script leaves in the isolated world: the UI, given the content script's lifetime. */
export type PageUiFactory = (lifetime: Pick<Lifetime, 'onInvalidated' | 'valid'>) => PageUi;

type Scope = Record<string, unknown>;

/** The factory the injected script left, if it ran. */
export function injectedPageUi(scope: object = globalThis): PageUiFactory | undefined {
  return (scope as Record<string, PageUiFactory | undefined>)[PAGE_UI_GLOBAL];
}

/**
 * The factory as soon as the injected script has run (at once if it has); undefined when it has
 * not within `timeoutMs`. One waiter at a time: a newer wait replaces an older one, which gives up.
 */
export function pageUiWhenInjected(
  later: (fn: () => void, ms: number) => () => void,
  timeoutMs = PAGE_UI_WAIT_MS,
  scope: object = globalThis,
): Promise<PageUiFactory | undefined> {
  const s = scope as Scope;
  const ready = injectedPageUi(scope);
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    (s[PAGE_UI_WAITER] as ((f: PageUiFactory | undefined) => void) | undefined)?.(undefined);
    let cancel = () => {};
    const waiter = (factory: PageUiFactory | undefined) => {
      if (s[PAGE_UI_WAITER] === waiter) delete s[PAGE_UI_WAITER];
      cancel();
      resolve(factory);
    };
    s[PAGE_UI_WAITER] = waiter;
    cancel = later(() => waiter(undefined), timeoutMs);
  });
}

/** In the injected script: leave the factory, and hand it to a content script waiting for it. */
export function offerPageUi(factory: PageUiFactory, scope: object = globalThis): void {
  const s = scope as Scope;
  s[PAGE_UI_GLOBAL] = factory;
  (s[PAGE_UI_WAITER] as ((f: PageUiFactory) => void) | undefined)?.(factory);
}
