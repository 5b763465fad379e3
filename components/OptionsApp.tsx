import { useState } from 'preact/hooks';
import { checkupPlatformIds } from '@/utils/checkup-report';
import type { FeedMeta, ProgressRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import type { ImportOutcome, PlatformSummary, PlatformView, UpdatesInfo, UserSettings } from '@/utils/messages';
import type { Region } from '@/utils/region';
import { CheckupExport } from './CheckupExport';
import { DataStatusLine } from './DataStatus';
import { DisplaySettings } from './DisplaySettings';
import { GpcChoice } from './GpcChoice';
import { type PermissionInfo, PermissionsExplained } from './PermissionsExplained';
import { ProgressSection } from './ProgressSection';
import { RegionSelect } from './RegionSelect';
import { SettingToggle } from './SettingToggle';
import type { SiteAccessNoticeProps } from './SiteAccessNotice';

export type { PermissionInfo };

export interface OptionsAppProps {
  settings: UserSettings;
  /** The region in use: the user's choice, else the guess from the browser's languages. */
  region: Region;
  /** Store some settings; resolves to the settings now stored. */
  onSettings: (changes: Partial<UserSettings>) => Promise<UserSettings>;
  dataStatus: FeedMeta | null;
  updates: UpdatesInfo;
  /** "Update now": check the feed; the new status and the data now in use. */
  onUpdateNow: () => Promise<{ updates: UpdatesInfo; dataStatus: FeedMeta }>;
  /** Change alerts on or off; on asks for the notifications permission first. Resolves to the setting now. */
  onAlerts: (on: boolean) => Promise<boolean>;
  platforms: readonly PlatformSummary[];
  progress: readonly ProgressRecord[];
  /** Platform views for the provisions the user has progress on (titles and labels). */
  views: readonly PlatformView[];
  permissions: PermissionInfo;
  undo: (provisionId: string, actionId: string) => Promise<ProgressRecord[]>;
  onExportProgress: (progress: readonly ProgressRecord[]) => void;
  onImportProgress: (text: string) => Promise<ImportOutcome>;
  onResetProgress: () => Promise<ProgressRecord[]>;
  checkupHref: string;
  onDownloadCheckup: () => Promise<void>;
  onAllowSite: SiteAccessNoticeProps['onAllow'];
}

export function OptionsApp(props: OptionsAppProps) {
  const [region, setRegion] = useState(props.region);
  const [progress, setProgress] = useState(props.progress);
  const [updates, setUpdates] = useState(props.updates);
  const [dataStatus, setDataStatus] = useState(props.dataStatus);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = props.platforms.reduce((n, p) => n + p.counts.high + p.counts.medium + p.counts.low, 0);
  const status = updates.status;
  return (
    <main class="options">
      <h1>{t('settings_title')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby="data-h" data-section="data">
        <h2 id="data-h">{t('status_heading')}</h2>
        <DataStatusLine meta={dataStatus} updates={updates} />
        {updates.configured && (
          <p>
            <button
              type="button"
              class="update-now"
              disabled={checking}
              onClick={() => {
                setChecking(true);
                setError(null);
                props
                  .onUpdateNow()
                  .then(
                    (r) => {
                      setUpdates(r.updates);
                      setDataStatus(r.dataStatus);
                    },
                    (e: unknown) => setError(t('status_update_failed', String(e))),
                  )
                  .finally(() => setChecking(false));
              }}
            >
              {checking ? t('status_checking') : t('status_update_now')}
            </button>
          </p>
        )}
        {updates.configured && (
          <SettingToggle name="alerts" checked={props.settings.alerts} onChange={props.onAlerts}>
            {t('settings_alerts')}
          </SettingToggle>
        )}
        {dataStatus ? (
          <dl>
            <dt>{t('status_version')}</dt>
            <dd>{dataStatus.version}</dd>
            <dt>{t('status_source')}</dt>
            <dd data-source={dataStatus.source}>
              {dataStatus.source === 'bundled' ? t('status_source_bundled') : t('status_source_remote')}
            </dd>
            <dt>{t('status_generated')}</dt>
            <dd>{dataStatus.generatedAt.slice(0, 10)}</dd>
            <dt>{t('status_loaded')}</dt>
            <dd>{dataStatus.updatedAt.slice(0, 10)}</dd>
            {updates.configured && (
              <>
                <dt>{t('status_last_check')}</dt>
                <dd data-last-check={status?.lastCheckAt ?? ''}>
                  {status?.lastCheckAt.slice(0, 16).replace('T', ' ') ?? t('status_never')}
                </dd>
                <dt>{t('status_last_success_label')}</dt>
                <dd>{status?.lastSuccessAt?.slice(0, 16).replace('T', ' ') ?? t('status_never')}</dd>
              </>
            )}
            <dt>{t('checkup_sha')}</dt>
            <dd>
              <code>{dataStatus.sha256}</code>
            </dd>
            <dt>{t('status_coverage')}</dt>
            <dd>{t('status_coverage_value', String(props.platforms.length), String(total))}</dd>
          </dl>
        ) : (
          <p>{t('status_no_data')}</p>
        )}
      </section>

      <section aria-labelledby="region-h" data-section="region">
        <h2 id="region-h">{t('settings_region_heading')}</h2>
        <p id="region-about">{t('settings_region_about')}</p>
        <RegionSelect
          labelledBy="region-h"
          value={region}
          onChange={(r) => {
            setRegion(r);
            props.onSettings({ region: r }).catch((e: unknown) => setError(t('settings_save_failed', String(e))));
          }}
        />
      </section>

      <DisplaySettings settings={props.settings} platforms={props.platforms} onSettings={props.onSettings} />

      <GpcChoice on={props.settings.gpc} onChange={async (on) => (await props.onSettings({ gpc: on })).gpc} />

      <ProgressSection
        progress={props.progress}
        views={props.views}
        undo={props.undo}
        onExport={props.onExportProgress}
        onImport={props.onImportProgress}
        onReset={props.onResetProgress}
        onChange={setProgress}
      />

      <CheckupExport
        platforms={props.platforms}
        withProgress={checkupPlatformIds(progress, [])}
        chosen={props.settings.checkupPlatforms}
        onSettings={props.onSettings}
        printableHref={props.checkupHref}
        onDownload={props.onDownloadCheckup}
      />

      <PermissionsExplained info={props.permissions} platforms={props.platforms} onAllowSite={props.onAllowSite} />
    </main>
  );
}
