import { t } from '@/utils/i18n';
import { SettingToggle } from './SettingToggle';

/** The Global Privacy Control choice (settings page and welcome page): off until the user turns it on. */
export function GpcChoice({ on, onChange }: { on: boolean; onChange: (on: boolean) => Promise<boolean> }) {
  return (
    <section class="gpc" aria-labelledby="gpc-h" data-section="gpc">
      <h2 id="gpc-h">{t('gpc_heading')}</h2>
      <p>{t('gpc_what')}</p>
      <SettingToggle name="gpc" checked={on} onChange={onChange} description={t('gpc_how')}>
        {t('gpc_toggle')}
      </SettingToggle>
    </section>
  );
}
