/**
 * One page of a tracked platform at a time: classify its URL locally, and only for a policy or
 * settings page ask the background what it is and show the banner or the chip. A new URL (a
 * single-page app navigating) replaces whatever the previous one showed.
 *
 * The banner and chip code is not part of this script: the background injects it with its answer
 * when the page has something to show (`PageInfo.ui`), and `loadUi` picks it up (ui-hook.ts).
 */
import type { PageMatch } from '../match';
import type { BannerSession } from './banner-session';
import type { ChipSession } from './chip-session';
import type { Send } from './env';
import type { PageUi } from './ui-hook';

/** What the page logic needs of the content script's surroundings. */
export interface PageEnv {
  send: Send;
  /** The page's current URL (a single-page app may have moved on while we waited). */
  url(): string;
  /** False once the extension was reloaded or updated under the page. */
  alive(): boolean;
}

export interface PageSessions {
  /** Show what belongs on `url` (started: when the content script or the navigation began). */
  open(url: string, started: number): Promise<BannerSession | ChipSession | null>;
  close(): void;
}

export function pageSessions(
  env: PageEnv,
  classify: (url: string) => Promise<PageMatch | undefined>,
  /**
   * The injected UI, once the background's script has run in the page (it may arrive just after the
   * answer that says it is coming: ui-hook.ts); undefined when it never did.
   */
  loadUi: () => Promise<PageUi | undefined>,
): PageSessions {
  let current: BannerSession | ChipSession | null = null;
  let ui: PageUi | undefined;
  let generation = 0;
  const close = () => {
    generation++;
    current?.stop();
    current = null;
  };
  return {
    async open(url, started) {
      close();
      const mine = generation;
      // Classify locally: on any other page of the platform, nothing is sent and nothing is injected.
      const local = await classify(url);
      if (!local || local.pageKind === 'other') return null;
      const info = await env.send('getPageInfo', { url, uiLoaded: ui !== undefined });
      if (info.ui) ui ??= await loadUi();
      // A walkthrough the user started in this tab has the page to itself (its overlay is injected).
      if (mine !== generation || !env.alive() || env.url() !== url || info.walkthroughInTab || !ui) return null;
      if (info.match?.pageKind === 'policy') current = ui.banner(info, started);
      else if (info.match?.pageKind === 'settings') current = ui.chip(info, started);
      return current;
    },
    close,
  };
}
