import type { ChangeSet, ProvisionChange } from '@/utils/db';
import { SEVERITY_LABEL } from '@/utils/severity';

/** One provision's change in words: "severity High → Medium; new quote". */
export function changeInWords(change: ProvisionChange): string {
  return change.kinds
    .map((kind) => {
      if (kind === 'added') return 'newly tracked';
      if (kind === 'removed') return 'no longer tracked';
      if (kind === 'severity' && change.severityBefore && change.severityAfter)
        return `severity ${SEVERITY_LABEL[change.severityBefore]} → ${SEVERITY_LABEL[change.severityAfter]}`;
      if (kind === 'quote') return 'the policy text changed';
      if (kind === 'actions') return 'the ways to opt out changed';
      return 'our explanation changed';
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
      <summary>What changed in the update of {changes.at.slice(0, 10)}</summary>
      <ul>
        {platforms.map((p) => (
          <li key={p.platformId} data-changed-platform={p.platformId}>
            <strong>{p.platformName}</strong>
            {p.added ? ': now tracked.' : ''}
            {p.documents.length > 0 && <span> Policy text captured again: {p.documents.join(', ')}.</span>}
            {p.provisions.length > 0 && (
              <ul>
                {p.provisions.map((c) => (
                  <li key={c.provisionId} data-changed-provision={c.provisionId}>
                    {c.title}: {changeInWords(c)}
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
