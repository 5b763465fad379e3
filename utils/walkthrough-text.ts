/**
 * The walkthrough engine's messages (codes with parameters, utils/walkthrough/engine.ts) in the
 * user's language, for the overlay.
 */
import { type MessageKey, t } from './i18n';
import type { WalkthroughMessage } from './walkthrough/engine';

const KEYS: Record<WalkthroughMessage['code'], MessageKey> = {
  done: 'wt_done',
  incomplete: 'wt_incomplete',
  cancelled: 'wt_cancelled',
  'not-applicable': 'wt_not_applicable',
  'not-saved': 'wt_not_saved',
  'reload-to-confirm': 'wt_reload_to_confirm',
  'not-found': 'wt_not_found',
};

export function walkthroughText(message: WalkthroughMessage): string {
  return message.code === 'not-found' ? t(KEYS[message.code], String(message.seconds)) : t(KEYS[message.code]);
}
