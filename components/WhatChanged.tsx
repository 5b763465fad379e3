import type { ChangeSet, ProvisionChange } from '@/utils/db';
import { t } from '@/utils/i18n';
import { severityLabel } from '@/utils/severity';

/** One provision's change in words: "severity High → Medium; new quote". */
export function changeInWords(change: ProvisionChange): string {
  return change.kinds
    .map((kind) => {
      if (kind === 'added') return t('popup_changeAdded');
      if (kind === 'removed') return t('popup_changeRemoved');
      if (kind === 'severity' && change.severityBefore && change.severityAfter)
        return t('popup_changeSeverity', severityLabel(change.severityBefore), severityLabel(change.severityAfter));
      if (kind === 'quote') return t('popup_changeQuote');
      if (kind === 'actions') return t('popup_changeActions');
      return t('popup_changeExplanation');
    })
    .join('; ');
}

export interface WhatChangedProps {
  changes: ChangeSet;
  /** Only this platform's changes (the popup on a platform), or all. */
  platformId?: string;
}

/** "What changed" after a data update, in words; nothing when the update changed nothing shown here. */
export function WhatChanged({ changes, platformId }: WhatChangedProps) {
  const platforms = changes.platforms.filter((p) => !platformId || p.platformId === platformId);
  if (platforms.length === 0) return null;
  return (
    <details class="what-changed" data-what-changed={changes.toVersion}>
      <summary>{t('popup_whatChanged', changes.at.slice(0, 10))}</summary>
      <ul>
        {platforms.map((p) => (
          <li key={p.platformId} data-changed-platform={p.platformId}>
            <strong>{p.platformName}</strong>
            {p.added ? ` ${t('popup_nowTracked')}` : ''}
            {p.documents.length > 0 && <span> {t('popup_recaptured', p.documents.join(', '))}</span>}
            {p.provisions.length > 0 && (
              <ul>
                {p.provisions.map((c) => (
                  <li key={c.provisionId} data-changed-provision={c.provisionId}>
                    {t('popup_changeLine', c.title, changeInWords(c))}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
