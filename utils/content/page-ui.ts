/** The banner and the chip bound to one page's environment: what the injected UI script offers (ui-hook.ts). */
import { startBannerSession } from './banner-session';
import { startChipSession } from './chip-session';
import type { ContentEnv } from './env';
import type { PageUi } from './ui-hook';

export function pageUi(env: ContentEnv): PageUi {
  return {
    banner: (info, started) => startBannerSession(env, info, started),
    chip: (info, started) => startChipSession(env, info, started),
  };
}
