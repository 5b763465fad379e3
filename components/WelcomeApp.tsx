import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { PlatformSummary, UserSettings } from '@/utils/messages';
import type { Region } from '@/utils/region';
import { GpcChoice } from './GpcChoice';
import { RegionSelect } from './RegionSelect';
import { SiteAccessNotice, type SiteAccessNoticeProps } from './SiteAccessNotice';

export interface WelcomeAppProps {
  platforms: readonly Pick<PlatformSummary, 'id' | 'name'>[];
  settings: Pick<UserSettings, 'gpc'>;
  region: Region;
  /** Whether this build fetches data updates (the privacy promise says so when it does). */
  updatesConfigured: boolean;
  onSettings: (changes: Partial<UserSettings>) => Promise<UserSettings>;
  /** Tracked platforms whose sites the extension may not read now, with the Allow action. */
  siteAccess: Pick<SiteAccessNoticeProps, 'platforms' | 'onAllow'>;
  checkupHref: string;
  settingsHref: string;
}

/** Focus the heading on arrival, so that a screen reader starts at the top of a page that opened by itself. */
const focusOnMount = (h: HTMLHeadingElement | null) => h?.focus();

/** The first-run page (opened on install only): what Policy Lens does, its privacy promise, and three choices. */
export function WelcomeApp(props: WelcomeAppProps) {
  const [region, setRegion] = useState(props.region);
  const [error, setError] = useState<string | null>(null);
  const examples = props.platforms
    .slice(0, 3)
    .map((p) => p.name)
    .join(', ');
  return (
    <main class="welcome">
      <h1 tabIndex={-1} ref={focusOnMount}>
        {t('welcome_title')}
      </h1>
      <p class="lead">{t('welcome_lead')}</p>

      <section aria-labelledby="welcome-how-h" data-section="how">
        <h2 id="welcome-how-h">{t('welcome_how_heading')}</h2>
        <ol class="walkthrough-steps">
          <li>{t('welcome_step_popup', examples, String(props.platforms.length))}</li>
          <li>{t('welcome_step_banner')}</li>
          <li>{t('welcome_step_guide')}</li>
          <li>{t('welcome_step_checkup')}</li>
        </ol>
      </section>

      <section aria-labelledby="welcome-privacy-h" data-section="privacy">
        <h2 id="welcome-privacy-h">{t('welcome_privacy_heading')}</h2>
        <ul class="promise">
          <li>{t('welcome_privacy_local')}</li>
          <li>{t('welcome_privacy_sites')}</li>
          <li>{props.updatesConfigured ? t('welcome_privacy_updates') : t('welcome_privacy_offline')}</li>
        </ul>
      </section>

      <section aria-labelledby="welcome-region-h" data-section="region">
        <h2 id="welcome-region-h">{t('settings_region_heading')}</h2>
        <p>{t('settings_region_about')}</p>
        <RegionSelect
          labelledBy="welcome-region-h"
          value={region}
          onChange={(r) => {
            setRegion(r);
            props.onSettings({ region: r }).catch((e: unknown) => setError(t('settings_save_failed', String(e))));
          }}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>

      <section aria-labelledby="welcome-access-h" data-section="access">
        <h2 id="welcome-access-h">{t('welcome_access_heading')}</h2>
        {props.siteAccess.platforms.length === 0 ? (
          <p data-site-access="all">{t('welcome_access_all')}</p>
        ) : (
          <SiteAccessNotice mode="list" {...props.siteAccess} />
        )}
      </section>

      <GpcChoice on={props.settings.gpc} onChange={async (on) => (await props.onSettings({ gpc: on })).gpc} />

      <section aria-labelledby="welcome-next-h" data-section="next">
        <h2 id="welcome-next-h">{t('welcome_next_heading')}</h2>
        <p>
          <a class="button-like open-checkup" href={props.checkupHref}>
            {t('welcome_open_checkup')}
          </a>{' '}
          <a href={props.settingsHref}>{t('welcome_open_settings')}</a>
        </p>
        <p class="small muted">{t('welcome_popup_hint')}</p>
      </section>
    </main>
  );
}
