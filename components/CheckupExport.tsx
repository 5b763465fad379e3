import { useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { PlatformSummary, UserSettings } from '@/utils/messages';
import { SettingToggle } from './SettingToggle';

export interface CheckupExportProps {
  platforms: readonly Pick<PlatformSummary, 'id' | 'name'>[];
  /** Platforms in the check-up because the user has progress there (always in). */
  withProgress: readonly string[];
  chosen: readonly string[];
  onSettings: (changes: Partial<UserSettings>) => Promise<UserSettings>;
  /** The printable page (an extension page). */
  printableHref: string;
  /** Build the Markdown and save it (a download). */
  onDownload: () => Promise<void>;
}

/** "Export my check-up": which platforms it covers, the printable page and the Markdown file. */
export function CheckupExport(props: CheckupExportProps) {
  const chosen = useRef([...props.chosen]);
  const [error, setError] = useState<string | null>(null);
  const choose = async (id: string, on: boolean) => {
    chosen.current = on ? [...chosen.current.filter((c) => c !== id), id] : chosen.current.filter((c) => c !== id);
    const next = await props.onSettings({ checkupPlatforms: chosen.current });
    chosen.current = next.checkupPlatforms;
    return next.checkupPlatforms.includes(id);
  };
  return (
    <section aria-labelledby="checkup-export-h" data-section="checkup">
      <h2 id="checkup-export-h">{t('checkup_export_heading')}</h2>
      <p>{t('checkup_export_about')}</p>
      <fieldset>
        <legend>{t('checkup_export_choose')}</legend>
        <ul class="platform-toggles">
          {props.platforms.map((p) =>
            props.withProgress.includes(p.id) ? (
              <li key={p.id} data-checkup-platform={p.id} data-included="progress">
                <span aria-hidden="true">✓ </span>
                {p.name} <span class="small muted">{t('checkup_export_has_progress')}</span>
              </li>
            ) : (
              <li key={p.id} data-checkup-platform={p.id}>
                <SettingToggle
                  name={`checkup-${p.id}`}
                  checked={props.chosen.includes(p.id)}
                  onChange={(on) => choose(p.id, on)}
                >
                  {p.name}
                </SettingToggle>
              </li>
            ),
          )}
        </ul>
      </fieldset>
      <p class="checkup-buttons">
        <a class="button-like open-checkup" href={props.printableHref} target="_blank" rel="noopener">
          {t('checkup_export_open')}
        </a>{' '}
        <button
          type="button"
          class="download-checkup"
          onClick={() => {
            setError(null);
            props.onDownload().catch((e: unknown) => setError(t('checkup_export_failed', String(e))));
          }}
        >
          {t('checkup_export_markdown')}
        </button>
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
