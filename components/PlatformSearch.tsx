import { useMemo, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { PlatformSummary } from '@/utils/messages';
import { SeverityBadge } from './SeverityBadge';

/** Filter platforms by name or domain (case-insensitive, "www." and scheme ignored). */
export function searchPlatforms(platforms: readonly PlatformSummary[], query: string): PlatformSummary[] {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
  if (!q) return [...platforms];
  return platforms.filter(
    (p) => p.name.toLowerCase().includes(q) || p.domains.some((d) => d.includes(q) || q.endsWith(`.${d}`)),
  );
}

export interface PlatformSearchProps {
  platforms: readonly PlatformSummary[];
  onSelect: (platformId: string) => void;
}

export function PlatformSearch({ platforms, onSelect }: PlatformSearchProps) {
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchPlatforms(platforms, query), [platforms, query]);
  return (
    <section class="search" aria-label={t('popup_searchLabel')}>
      <label class="search-label" for="platform-search">
        {t('popup_lookUp')}
      </label>
      <input
        id="platform-search"
        type="search"
        placeholder={t('popup_searchPlaceholder')}
        value={query}
        autocomplete="off"
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <p class="visually-hidden" role="status" aria-live="polite">
        {t('popup_platformsFound', results.length)}
      </p>
      <ul class="platform-list">
        {results.map((p) => {
          const worst = p.counts.high > 0 ? 'high' : p.counts.medium > 0 ? 'medium' : p.counts.low > 0 ? 'low' : null;
          return (
            <li key={p.id} data-platform={p.id}>
              <button type="button" class="platform-item" onClick={() => onSelect(p.id)}>
                <span class="platform-name">{p.name}</span>
                <span class="platform-domain">{p.domains[0]}</span>
                {worst && <SeverityBadge severity={worst} compact />}
              </button>
            </li>
          );
        })}
        {results.length === 0 && <li class="muted">{t('popup_noMatch', query)}</li>}
      </ul>
    </section>
  );
}
