import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
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
    <section class="site-access" aria-label={t('access_notice_label')} data-site-access={mode}>
      {mode === 'tab' ? (
        <p class="site-access-lead">{t('access_notice_tab')}</p>
      ) : (
        <p class="site-access-lead">{t('access_notice_list')}</p>
      )}
      <ul class="site-access-list">
        {platforms.map((p) => {
          const outcome = outcomes[p.id];
          return (
            <li key={p.id} data-site-access-platform={p.id}>
              {mode === 'list' && <strong>{p.name}</strong>}{' '}
              {outcome === 'allowed' ? (
                <span role="status">{t('access_allowed')}</span>
              ) : (
                <>
                  <button
                    type="button"
                    class="site-access-allow"
                    disabled={outcome === 'asking'}
                    onClick={() => allow(p)}
                  >
                    {t('access_allow', listInWords(p.domains, t('access_and')))}
                  </button>
                  {outcome === 'refused' && (
                    <span role="status" class="small muted">
                      {' '}
                      {t('access_refused')}
                    </span>
                  )}
                  {typeof outcome === 'object' && (
                    <span role="alert" class="small">
                      {' '}
                      {t('access_ask_failed', outcome.error)}
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
