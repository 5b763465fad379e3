import { t } from '@/utils/i18n';
import { trusted } from '@/utils/trusted';

/** "Guide me": start the walkthrough attached to an action. */
export function GuideButton({
  walkthroughId,
  onGuide,
}: {
  walkthroughId: string;
  onGuide: (walkthroughId: string) => void;
}) {
  return (
    <button type="button" class="guide-button" onClick={trusted(() => onGuide(walkthroughId))}>
      {t('guideMe')}
    </button>
  );
}
