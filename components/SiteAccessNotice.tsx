import { useState } from 'preact/hooks';
import { listInWords, type SiteAccessPlatform } from '@/utils/site-access';

export interface SiteAccessNoticeProps {
  /** Tracked platforms the extension may not read now. Nothing is rendered when empty. */
  platforms: readonly SiteAccessPlatform[];
  /** 'tab': the platform of the tab the popup is for; 'list': every platform without access (settings page). */
  mode: 'tab' | 'list';
  /**
   * Asks the browser for the platform's sites; resolves to whether the user allowed them. Called
   * synchronously in the click handler: `permissions.request` needs the click's user gesture.
   */
  onAllow: (platform: SiteAccessPlatform) => Promise<boolean>;
}

type Outcome = 'asking' | 'allowed' | 'refused' | { error: string };

/** "Policy Lens can't read this site yet" with an Allow button per platform. */
export function SiteAccessNotice({ platforms, mode, onAllow }: SiteAccessNoticeProps) {
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  if (platforms.length === 0) return null;
  const set = (id: string, outcome: Outcome) => setOutcomes((o) => ({ ...o, [id]: outcome }));
  const allow = (platform: SiteAccessPlatform) => {
    // No await before onAllow: it must run inside this click.
    const asked = onAllow(platform);
    set(platform.id, 'asking');
    asked.then(
      (granted) => set(platform.id, granted ? 'allowed' : 'refused'),
      (e: unknown) => set(platform.id, { error: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <section class="site-access" aria-label="Site access" data-site-access={mode}>
      {mode === 'tab' ? (
        <p class="site-access-lead">
          Policy Lens can't read this site yet, so it shows nothing on its pages (no banner, no badge).
        </p>
      ) : (
        <p class="site-access-lead">
          Policy Lens can't read these tracked sites now, so it shows nothing on their pages. You can allow each one
          here; nothing else is asked for.
        </p>
      )}
      <ul class="site-access-list">
        {platforms.map((p) => {
          const outcome = outcomes[p.id];
          return (
            <li key={p.id} data-site-access-platform={p.id}>
              {mode === 'list' && <strong>{p.name}</strong>}{' '}
              {outcome === 'allowed' ? (
                <span role="status">Allowed. Reload its open tabs to see Policy Lens there.</span>
              ) : (
                <>
                  <button
                    type="button"
                    class="site-access-allow"
                    disabled={outcome === 'asking'}
                    onClick={() => allow(p)}
                  >
                    Allow on {listInWords(p.domains)}
                  </button>
                  {outcome === 'refused' && (
                    <span role="status" class="small muted">
                      {' '}
                      Not allowed. You can allow it here at any time.
                    </span>
                  )}
                  {typeof outcome === 'object' && (
                    <span role="alert" class="small">
                      {' '}
                      Could not ask: {outcome.error}
                    </span>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
