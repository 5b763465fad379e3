import { useState } from 'preact/hooks';
import type { ProgressRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import type { PlatformView, PopupData } from '@/utils/messages';
import type { Region } from '@/utils/region';
import { worstSeverity } from '@/utils/severity';
import { Checkup } from './Checkup';
import { DataStatusLine } from './DataStatus';
import { PlatformSearch } from './PlatformSearch';
import { ProvisionCard } from './ProvisionCard';
import { RegionSelect } from './RegionSelect';
import { SeverityBadge } from './SeverityBadge';
import { SiteAccessNotice, type SiteAccessNoticeProps } from './SiteAccessNotice';
import { WhatChanged } from './WhatChanged';

export interface PopupAppProps {
  data: PopupData;
  region: Region;
  now: Date;
  loadPlatform: (platformId: string) => Promise<PlatformView | null>;
  setDone: (provisionId: string, actionId: string, done: boolean) => Promise<ProgressRecord[]>;
  setRegion: (region: Region) => void;
  copy: (text: string) => Promise<void>;
  onGuide?: (walkthroughId: string) => Promise<void>;
  onOpenSettings?: () => void;
  /** The tab's platform name when Global Privacy Control is on and reaches it (the user turned it on). */
  gpcSentTo?: string;
  /** The tab's platform when the extension may not read its sites, with the Allow action. */
  siteAccess?: Pick<SiteAccessNoticeProps, 'platforms' | 'onAllow'>;
}

export function PopupApp(props: PopupAppProps) {
  const { data } = props;
  const [view, setView] = useState<PlatformView | null>(data.view);
  const [browsing, setBrowsing] = useState(false);
  const [progress, setProgress] = useState<ProgressRecord[]>(data.progress);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [region, setRegion] = useState<Region>(props.region);
  const [error, setError] = useState<string | null>(null);
  /** "Other platforms" on a tracked site's popup: its list is drawn only once opened (~200 elements). */
  const [moreOpen, setMoreOpen] = useState(false);
  const onTrackedSite = data.match !== null && data.view !== null && view?.platform.id === data.view.platform.id;

  const open = (platformId: string, provisionId: string | null = null) => {
    props.loadPlatform(platformId).then(
      (v) => {
        setView(v);
        setBrowsing(true);
        setExpanded(provisionId);
      },
      (e: unknown) => setError(String(e)),
    );
  };
  const setDone = (provisionId: string, actionId: string, done: boolean) => {
    props.setDone(provisionId, actionId, done).then(setProgress, (e: unknown) => setError(String(e)));
  };
  const changeRegion = (r: Region) => {
    setRegion(r);
    props.setRegion(r);
  };

  return (
    <div class="popup">
      <header class="popup-header">
        <span class="brand">{t('extName')}</span>
        {props.onOpenSettings && (
          <button type="button" class="settings-link" onClick={props.onOpenSettings}>
            {t('popup_settings')}
          </button>
        )}
        <span class="region">
          <span id="popup-region-label" class="visually-hidden">
            {t('popup_yourRegion')}
          </span>
          <RegionSelect labelledBy="popup-region-label" value={region} onChange={changeRegion} />
        </span>
      </header>
      {props.siteAccess && <SiteAccessNotice mode="tab" {...props.siteAccess} />}
      {props.gpcSentTo && (
        <p class="gpc-sent small" data-gpc="sent">
          {t('gpc_sent', props.gpcSentTo)}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {view ? (
        <main>
          {browsing && (
            <button
              type="button"
              class="back"
              onClick={() => {
                setView(data.view);
                setBrowsing(false);
                setExpanded(null);
              }}
            >
              ← {data.view ? t('popup_backTo', data.view.platform.name) : t('popup_allPlatforms')}
            </button>
          )}
          {data.plainHttp && !browsing && (
            <p class="plain-http small" data-state="plain-http">
              {t('popup_plainHttp', view.platform.name)}
            </p>
          )}
          <PlatformHeader view={view} documentId={onTrackedSite ? (data.match?.documentId ?? null) : null} />
          {data.changes && <WhatChanged changes={data.changes} platformId={view.platform.id} />}
          <ul class="provisions">
            {view.provisions.map((provision) => (
              <li key={provision.id}>
                <ProvisionCard
                  platform={view.platform}
                  provision={provision}
                  agencies={data.agencies}
                  progress={progress.filter((p) => p.provisionId === provision.id)}
                  changed={data.changes?.platforms
                    .find((p) => p.platformId === view.platform.id)
                    ?.provisions.find((c) => c.provisionId === provision.id)}
                  changedInVersion={data.changes?.toVersion}
                  region={region}
                  now={props.now}
                  expanded={expanded === provision.id}
                  onToggle={() => setExpanded(expanded === provision.id ? null : provision.id)}
                  onSetDone={(actionId, done) => setDone(provision.id, actionId, done)}
                  onCopy={props.copy}
                  onGuide={
                    props.onGuide &&
                    ((id: string) => {
                      props.onGuide?.(id).catch((e: unknown) => setError(t('popup_walkthroughFailed', String(e))));
                    })
                  }
                />
              </li>
            ))}
          </ul>
          {!browsing && (
            <details class="more" onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
              <summary>{t('popup_otherPlatforms')}</summary>
              {moreOpen && <PlatformSearch platforms={data.platforms} onSelect={(id) => open(id)} />}
            </details>
          )}
        </main>
      ) : (
        <main>
          <p class="not-tracked" data-state="not-tracked">
            {t('popup_notTracked', data.platforms.length)}
          </p>
          <PlatformSearch platforms={data.platforms} onSelect={(id) => open(id)} />
          <Checkup items={data.checkup} progress={progress} onSelect={(platformId, id) => open(platformId, id)} />
        </main>
      )}
      <footer class="popup-footer small muted">
        <DataStatusLine meta={data.dataStatus} updates={data.updates} />
        <p>{t('popup_privacy')}</p>
      </footer>
    </div>
  );
}

function PlatformHeader({ view, documentId }: { view: PlatformView; documentId: string | null }) {
  const worst = worstSeverity(view.provisions.map((p) => p.severity));
  const document = documentId ? view.platform.documents.find((d) => d.id === documentId) : undefined;
  const high = view.provisions.filter((p) => p.severity === 'high').length;
  return (
    <section class="platform-header" aria-label={t('popup_platform')}>
      <h1>
        {view.platform.name} {worst && <SeverityBadge severity={worst} />}
      </h1>
      {document && <p class="small">{t('popup_reading', document.title)}</p>}
      <p class="small muted">{t('popup_tracked', view.provisions.length, high)}</p>
    </section>
  );
}
