import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type PermissionInfo } from '@/components/OptionsApp';
import { StorageNotice } from '@/components/StorageNotice';
import { checkupMarkdown } from '@/utils/checkup-markdown';
import { buildCheckupReport } from '@/utils/checkup-report';
import { datedFileName, downloadText } from '@/utils/download';
import { onAccessChange, readPackagedJson, startPage } from '@/utils/extension-page';
import type { PlatformSummary } from '@/utils/messages';
import { request } from '@/utils/messages';
import { progressFile } from '@/utils/progress-file';
import { effectiveRegion } from '@/utils/region';
import { missingAccess, requestAccess } from '@/utils/site-access';
import '../popup/style.css';
import './style.css';

/** What the extension holds right now; the user can change it at any time in the browser's add-on settings. */
async function permissionInfo(platforms: readonly PlatformSummary[]): Promise<PermissionInfo> {
  const [held, missing] = await Promise.all([
    browser.permissions.getAll(),
    missingAccess(browser.permissions, platforms),
  ]);
  return { permissions: held.permissions ?? [], origins: held.origins ?? [], missing };
}

const downloads = { doc: document, urls: URL };

async function main(root: HTMLElement) {
  const data = await request(browser.runtime, 'getPopupData', {});
  const notice = document.getElementById('storage');
  if (notice) render(<StorageNotice health={data.storage} />, notice);
  const platformIds = [...new Set(data.progress.map((p) => p.provisionId.split('.')[0] ?? ''))];
  const views = (
    await Promise.all(platformIds.map((platformId) => request(browser.runtime, 'getPlatformView', { platformId })))
  ).filter((v) => v !== null);
  const draw = (permissions: PermissionInfo) =>
    render(
      <OptionsApp
        settings={data.settings}
        region={effectiveRegion(data.settings.region, navigator.languages)}
        onSettings={(changes) => request(browser.runtime, 'setSettings', changes)}
        dataStatus={data.dataStatus}
        platforms={data.platforms}
        progress={data.progress}
        views={views}
        permissions={permissions}
        undo={(provisionId, actionId) =>
          request(browser.runtime, 'setActionDone', { provisionId, actionId, done: false })
        }
        onExportProgress={(progress) =>
          downloadText(
            downloads,
            datedFileName('policy-lens-progress', new Date(), 'json'),
            `${JSON.stringify(progressFile(progress, new Date()), null, 2)}\n`,
            'application/json',
          )
        }
        onImportProgress={(text) => request(browser.runtime, 'importProgress', { text })}
        onResetProgress={() => request(browser.runtime, 'resetProgress', {})}
        checkupHref={browser.runtime.getURL('/checkup.html')}
        onDownloadCheckup={async () => {
          const report = buildCheckupReport({
            ...(await request(browser.runtime, 'getCheckupData', {})),
            now: new Date(),
          });
          downloadText(
            downloads,
            datedFileName('policy-lens-checkup', new Date(), 'md'),
            checkupMarkdown(report),
            'text/markdown',
          );
        }}
        onAllowSite={(platform) => requestAccess(browser.permissions, platform)}
        updates={data.updates}
        onUpdateNow={() => request(browser.runtime, 'checkForUpdates', {})}
        onAlerts={async (on) => {
          // Asked for only when the user turns alerts on, from this click.
          const allowed = on ? await browser.permissions.request({ permissions: ['notifications'] }) : true;
          const next = await request(browser.runtime, 'setSettings', { alerts: on && allowed });
          return next.alerts;
        }}
      />,
      root,
    );
  draw(await permissionInfo(data.platforms));
  onAccessChange(browser.permissions, async () => draw(await permissionInfo(data.platforms)));
}

void startPage({ doc: document, i18n: browser.i18n, readPackaged: readPackagedJson }, 'settings_title', main);
