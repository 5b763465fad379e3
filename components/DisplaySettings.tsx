import { useRef } from 'preact/hooks';
import { withQuiet } from '@/utils/display';
import { t } from '@/utils/i18n';
import type { PlatformSummary, UserSettings } from '@/utils/messages';
import { SettingToggle } from './SettingToggle';

export interface DisplaySettingsProps {
  settings: Pick<UserSettings, 'banners' | 'marks' | 'quietPlatforms'>;
  platforms: readonly Pick<PlatformSummary, 'id' | 'name'>[];
  /** Store a change; resolves to the settings now stored. */
  onSettings: (changes: Partial<UserSettings>) => Promise<UserSettings>;
}

/** Banners and marks on policy pages: everywhere, and per platform. */
export function DisplaySettings({ settings, platforms, onSettings }: DisplaySettingsProps) {
  // The list as last stored: each platform's switch changes its own entry of it.
  const quiet = useRef(settings.quietPlatforms);
  const setQuiet = async (id: string, shown: boolean) => {
    quiet.current = withQuiet(quiet.current, id, !shown);
    const next = await onSettings({ quietPlatforms: quiet.current });
    quiet.current = next.quietPlatforms;
    return !next.quietPlatforms.includes(id);
  };
  return (
    <section aria-labelledby="display-h" data-section="display">
      <h2 id="display-h">{t('settings_display_heading')}</h2>
      <SettingToggle
        name="banners"
        checked={settings.banners}
        onChange={async (on) => (await onSettings({ banners: on })).banners}
        description={t('settings_banners_about')}
      >
        {t('settings_banners')}
      </SettingToggle>
      <SettingToggle
        name="marks"
        checked={settings.marks}
        onChange={async (on) => (await onSettings({ marks: on })).marks}
        description={t('settings_marks_about')}
      >
        {t('settings_marks')}
      </SettingToggle>
      <fieldset class="per-platform">
        <legend>{t('settings_per_platform')}</legend>
        <ul class="platform-toggles">
          {platforms.map((p) => (
            <li key={p.id} data-platform-toggle={p.id}>
              <SettingToggle
                name={`show-${p.id}`}
                checked={!settings.quietPlatforms.includes(p.id)}
                onChange={(shown) => setQuiet(p.id, shown)}
              >
                {p.name}
              </SettingToggle>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}
