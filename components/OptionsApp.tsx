import { useState } from 'preact/hooks';
import type { FeedMeta, ProgressRecord } from '@/utils/db';
import type { PlatformSummary, PlatformView, UpdatesInfo } from '@/utils/messages';
import type { Region } from '@/utils/region';
import { summarizeAccess } from '@/utils/site-access';
import { DataStatusLine } from './DataStatus';
import { RegionSelect } from './RegionSelect';
import { SiteAccessHeld } from './SiteAccessHeld';
import { SiteAccessNotice, type SiteAccessNoticeProps } from './SiteAccessNotice';

/** What the extension holds right now (`permissions.getAll()`), and the tracked platforms it may not read. */
export interface PermissionInfo {
  permissions: readonly string[];
  origins: readonly string[];
  missing: readonly PlatformSummary[];
}

export interface OptionsAppProps {
  region: Region;
  dataStatus: FeedMeta | null;
  updates: UpdatesInfo;
  /** "Update now": check the feed; the new status and the data now in use. */
  onUpdateNow: () => Promise<{ updates: UpdatesInfo; dataStatus: FeedMeta }>;
  /** Change alerts on or off; on asks for the notifications permission first. Resolves to the setting now. */
  alerts: boolean;
  onAlerts: (on: boolean) => Promise<boolean>;
  platforms: readonly PlatformSummary[];
  progress: readonly ProgressRecord[];
  /** Platform views for the provisions the user has progress on (titles and labels). */
  views: readonly PlatformView[];
  permissions: PermissionInfo;
  setRegion: (region: Region) => void;
  undo: (provisionId: string, actionId: string) => Promise<ProgressRecord[]>;
  onAllowSite: SiteAccessNoticeProps['onAllow'];
}

const WHY: Record<string, string> = {
  storage: 'Keeps your progress, your region and what each tab shows, on this device only.',
  activeTab: 'Lets the popup see the address of the tab you opened it on, and only then.',
  scripting:
    'Puts the walkthrough overlay into a tab where you pressed "Guide me", and the page help of a platform added by an update onto sites you allowed; nowhere else.',
  alarms: 'Checks for data updates twice a day (one request to the update server; nothing about you is sent).',
  notifications:
    'Shows a notification when an update changes what Policy Lens says about a platform (you turned this on).',
};

export function OptionsApp(props: OptionsAppProps) {
  const [region, setRegion] = useState(props.region);
  const [progress, setProgress] = useState(props.progress);
  const [updates, setUpdates] = useState(props.updates);
  const [dataStatus, setDataStatus] = useState(props.dataStatus);
  const [checking, setChecking] = useState(false);
  const [alerts, setAlerts] = useState(props.alerts);
  const [error, setError] = useState<string | null>(null);
  const provisions = new Map(
    props.views.flatMap((v) => v.provisions.map((p) => [p.id, { platform: v.platform, provision: p }])),
  );
  const total = props.platforms.reduce((n, p) => n + p.counts.high + p.counts.medium + p.counts.low, 0);
  return (
    <main class="options">
      <h1>Policy Lens settings</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby="region-h">
        <h2 id="region-h">Your region</h2>
        <p>Decides which agencies and region-specific opt-outs come first.</p>
        <RegionSelect
          labelledBy="region-h"
          value={region}
          onChange={(r) => {
            setRegion(r);
            props.setRegion(r);
          }}
        />
      </section>

      <section aria-labelledby="data-h" data-section="data">
        <h2 id="data-h">Data</h2>
        <DataStatusLine meta={dataStatus} updates={updates} />
        {updates.configured && (
          <p>
            <button
              type="button"
              class="update-now"
              disabled={checking}
              onClick={() => {
                setChecking(true);
                props
                  .onUpdateNow()
                  .then(
                    (r) => {
                      setUpdates(r.updates);
                      setDataStatus(r.dataStatus);
                    },
                    (e: unknown) => setError(`Could not check for updates: ${String(e)}`),
                  )
                  .finally(() => setChecking(false));
              }}
            >
              {checking ? 'Checking…' : 'Update now'}
            </button>
          </p>
        )}
        {updates.configured && (
          <label class="alerts-toggle">
            <input
              type="checkbox"
              checked={alerts}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                props
                  .onAlerts(on)
                  .then(setAlerts, (err: unknown) => setError(`Could not change alerts: ${String(err)}`));
              }}
            />{' '}
            Tell me when an update changes what Policy Lens says about a platform (a browser notification; asks for that
            permission)
          </label>
        )}
        {dataStatus ? (
          <dl>
            <dt>Version</dt>
            <dd>{dataStatus.version}</dd>
            <dt>Source</dt>
            <dd>{dataStatus.source === 'bundled' ? 'Shipped with the extension (works offline)' : 'Update feed'}</dd>
            <dt>Generated</dt>
            <dd>{dataStatus.generatedAt.slice(0, 10)}</dd>
            <dt>Loaded</dt>
            <dd>{dataStatus.updatedAt.slice(0, 10)}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code>{dataStatus.sha256}</code>
            </dd>
            <dt>Coverage</dt>
            <dd>
              {props.platforms.length} platforms, {total} provisions
            </dd>
          </dl>
        ) : (
          <p>No data loaded.</p>
        )}
      </section>

      <section aria-labelledby="progress-h" data-section="progress">
        <h2 id="progress-h">Your progress</h2>
        {progress.length === 0 ? (
          <p>Nothing marked as done yet. Open the popup on a platform, or use "Guide me".</p>
        ) : (
          <ul>
            {progress.map((p) => {
              const known = provisions.get(p.provisionId);
              const action = known?.provision.actions.find((a) => a.id === p.actionId);
              return (
                <li key={`${p.provisionId}/${p.actionId}`} data-progress={`${p.provisionId}/${p.actionId}`}>
                  <strong>{known?.platform.name ?? p.provisionId}</strong>: {action?.label ?? p.actionId}{' '}
                  <span class="muted">
                    done on {p.doneAt.slice(0, 10)} (policy of {p.documentLastUpdated})
                  </span>{' '}
                  <button
                    type="button"
                    onClick={() =>
                      props.undo(p.provisionId, p.actionId).then(setProgress, (e: unknown) => {
                        setError(`Could not undo: ${String(e)}`);
                      })
                    }
                  >
                    Undo
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="perm-h" data-section="permissions">
        <h2 id="perm-h">Permissions, explained</h2>
        <ul>
          {props.permissions.permissions.map((p) => (
            <li key={p}>
              <code>{p}</code>: {WHY[p] ?? 'Used by the extension.'}
            </li>
          ))}
        </ul>
        <SiteAccessHeld summary={summarizeAccess(props.permissions.origins, props.platforms)} />
        <SiteAccessNotice mode="list" platforms={props.permissions.missing} onAllow={props.onAllowSite} />
        <p>
          No <code>tabs</code>, no <code>&lt;all_urls&gt;</code>, no telemetry: what you browse never leaves your
          device. Policy Lens asks for another site only when you press Allow.
        </p>
      </section>
    </main>
  );
}
