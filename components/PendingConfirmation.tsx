import { t } from '@/utils/i18n';
import type { PendingView } from '@/utils/messages';

export interface PendingConfirmationProps {
  pending: PendingView;
  onAnswer: (yes: boolean) => void;
}

/**
 * A click in our page UI that the page may have disguised (utils/visibility.ts), asked again here,
 * where no page can draw: what would happen, in our words, and the user's answer.
 */
export function PendingConfirmation({ pending, onAnswer }: PendingConfirmationProps) {
  const what =
    pending.kind === 'do-it-for-me'
      ? t('pendingDoIt', pending.title, pending.what)
      : pending.kind === 'guide'
        ? t('pendingGuide', pending.title)
        : t('pendingDismiss', pending.title);
  return (
    <section class="pending-confirmation" aria-labelledby="pending-title">
      <h2 id="pending-title">{t('pendingTitle', pending.platformName)}</h2>
      <p>{what}</p>
      <p class="muted">{t('pendingWhy')}</p>
      <div class="buttons">
        <button type="button" class="confirm primary" onClick={() => onAnswer(true)}>
          {t('pendingYes')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('pendingNo')}
        </button>
      </div>
    </section>
  );
}
