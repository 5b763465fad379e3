import type { ProgressRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import type { CheckupItem } from '@/utils/messages';
import { SeverityBadge } from './SeverityBadge';

export interface CheckupProps {
  items: readonly CheckupItem[];
  progress: readonly ProgressRecord[];
  onSelect: (platformId: string, provisionId: string) => void;
}

/** The highest-severity provisions across platforms, with whether the user has acted on each. */
export function Checkup({ items, progress, onSelect }: CheckupProps) {
  const done = (item: CheckupItem) => progress.some((p) => p.provisionId === item.provisionId);
  const doneCount = items.filter(done).length;
  return (
    <section class="checkup" aria-label={t('checkup_heading')}>
      <h2>
        {t('checkup_heading')}{' '}
        <span class="muted small">{t('checkup_count', String(doneCount), String(items.length))}</span>
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.provisionId} data-checkup={item.provisionId} data-done={done(item)}>
            <button type="button" class="checkup-item" onClick={() => onSelect(item.platformId, item.provisionId)}>
              <span class="checkup-state" aria-hidden="true">
                {done(item) ? '✓' : '○'}
              </span>
              <span class="checkup-text">
                <strong>{item.platformName}</strong> {item.title}
              </span>
              <SeverityBadge severity={item.severity} compact />
              <span class="visually-hidden">{done(item) ? t('checkup_item_done') : t('checkup_item_open')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
