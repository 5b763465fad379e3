import type { StorageHealth } from '@/utils/background/store-open';
import { t } from '@/utils/i18n';

/** What went wrong with the saved data, in plain words (nothing when all is well). */
export function StorageNotice({ health }: { health: StorageHealth | undefined }) {
  if (!health?.problem) return null;
  const what =
    health.problem === 'rebuilt'
      ? t(health.progressKept ? 'storageRebuilt' : 'storageRebuiltLost')
      : health.problem === 'memory'
        ? t('storageMemory')
        : t('storageWriteFailed');
  return (
    <p class="storage-notice" role="alert" data-problem={health.problem}>
      {what}
      {health.detail && <span class="muted"> {t('storageDetail', health.detail)}</span>}
    </p>
  );
}
