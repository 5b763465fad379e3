/** The banner and the chip bound to one page's environment: what the injected UI script offers (ui-hook.ts). */
import { type GetMessage, installMessages, tableMessages } from '../i18n';
import type { PageInfo } from '../messages';
import { startBannerSession } from './banner-session';
import { startChipSession } from './chip-session';
import type { ContentEnv } from './env';
import type { PageUi } from './ui-hook';

/** `browserMessage`: the page's own i18n, for a message the background did not hand over (ui-strings.ts). */
export function pageUi(env: ContentEnv, browserMessage?: GetMessage): PageUi {
  const useStrings = ({ strings }: PageInfo) => {
    if (strings) installMessages(tableMessages(strings, browserMessage));
  };
  return {
    banner: (info, started) => {
      useStrings(info);
      return startBannerSession(env, info, started);
    },
    chip: (info, started) => {
      useStrings(info);
      return startChipSession(env, info, started);
    },
  };
}
