/**
 * How the content script that runs on every page of a tracked platform reaches the banner and chip
 * UI, which the background injects (entrypoints/page-ui) only into a policy or settings page that
 * has something to show: both run in the extension's isolated world of the page, where the injected
 * script leaves a factory under `PAGE_UI_GLOBAL` (the page's own scripts cannot see that world).
 *
 * Measured with `npm run bench` (ordinary platform page, content script alone): the content script
 * with the UI inside cost 15.5 KB gzipped and ~4.7 ms of script per page load; without it, see the
 * numbers in entrypoints/platform.content/index.tsx.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageInfo } from '../messages';
import type { BannerSession } from './banner-session';
import type { ChipSession } from './chip-session';

export const PAGE_UI_GLOBAL = 'policyLensPageUi';

/** The UI for one page, bound to its environment (utils/content/page-ui.ts). */
export interface PageUi {
  banner(info: PageInfo, started: number): BannerSession | null;
  chip(info: PageInfo, started: number): ChipSession | null;
}

/** What the injected script leaves in the isolated world: the UI, given the content script's lifetime. */
export type PageUiFactory = (ctx: Pick<ContentScriptContext, 'onInvalidated' | 'isInvalid'>) => PageUi;

/** The factory the injected script left, if it ran. */
export function injectedPageUi(scope: object = globalThis): PageUiFactory | undefined {
  return (scope as Record<string, PageUiFactory | undefined>)[PAGE_UI_GLOBAL];
}
