/**
 * One page of a tracked platform at a time: classify its URL locally, and only for a policy or
 * settings page ask the background what it is and show the banner or the chip. A new URL (a
 * single-page app navigating) replaces whatever the previous one showed.
 */
import type { PageMatch } from '../match';
import { type BannerSession, startBannerSession } from './banner-session';
import { type ChipSession, startChipSession } from './chip-session';
import type { ContentEnv } from './env';

export interface PageSessions {
  /** Show what belongs on `url` (started: when the content script or the navigation began). */
  open(url: string, started: number): Promise<BannerSession | ChipSession | null>;
  close(): void;
}

export function pageSessions(env: ContentEnv, classify: (url: string) => Promise<PageMatch | undefined>): PageSessions {
  let current: BannerSession | ChipSession | null = null;
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
      const info = await env.send('getPageInfo', { url });
      // A walkthrough the user started in this tab has the page to itself (its overlay is injected).
      if (mine !== generation || !env.alive() || env.url() !== url || info.walkthroughInTab) return null;
      // The user turned banners off (everywhere, or on this platform): nothing on its policy pages.
      if (info.match?.pageKind === 'policy')
        current = info.display.banner ? startBannerSession(env, info, started) : null;
      else if (info.match?.pageKind === 'settings') current = startChipSession(env, info, started);
      return current;
    },
    close,
  };
}
