import type { PlatformSummary } from '@/utils/messages';

export interface PlatformListProps {
  platforms: PlatformSummary[];
  onSelect?: (platformId: string) => void;
}

/** The tracked platforms, each with its provision counts by severity. */
export function PlatformList({ platforms, onSelect }: PlatformListProps) {
  if (platforms.length === 0) return <p class="empty">No platforms tracked yet.</p>;
  return (
    <ul class="platform-list" aria-label="Tracked platforms">
      {platforms.map((p) => (
        <li key={p.id} data-platform={p.id}>
          <button type="button" class="platform-item" onClick={() => onSelect?.(p.id)}>
            <span class="platform-name">{p.name}</span>
            <span class="platform-domain">{p.domains[0]}</span>
            <span class="platform-counts">
              {p.counts.high} high · {p.counts.medium} medium · {p.counts.low} low
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
