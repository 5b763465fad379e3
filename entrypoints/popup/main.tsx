import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PendingConfirmation } from '@/components/PendingConfirmation';
import { PopupApp } from '@/components/PopupApp';
import { StorageNotice } from '@/components/StorageNotice';
import { installPageMessages } from '@/utils/extension-page';
import { t } from '@/utils/i18n';
import { isDataChanged, request } from '@/utils/messages';
import { effectiveRegion } from '@/utils/region';
import { missingAccess, requestAccess } from '@/utils/site-access';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();

/**
 * The active tab's URL: visible to us only through activeTab or a host permission (tracked
 * platforms). `?tabUrl=` opens the popup page for a given URL (the `npm start` demo).
 */
async function activeTabUrl(): Promise<string | undefined> {
  const override = new URLSearchParams(location.search).get('tabUrl');
  if (override) return override;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

const marks: Record<string, number> = { start: performance.now() };

/** "Guide me": the background takes the active tab to the first step; the popup gets out of the way. */
async function startWalkthrough(walkthroughId: string): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  await request(browser.runtime, 'startWalkthrough', { walkthroughId, tabId: tab.id });
  window.close();
}

/** Fetch the data and draw the popup (again when the background says the data changed). */
async function draw(root: HTMLElement) {
  const tabUrl = await activeTabUrl();
  marks.tab ??= performance.now();
  const data = await request(browser.runtime, 'getPopupData', { tabUrl });
  marks.data ??= performance.now();
  const notice = document.getElementById('storage');
  if (notice) render(<StorageNotice health={data.storage} />, notice);
  // The tab's platform, when the user turned off (or never granted) access to its sites.
  const tabPlatform = data.platforms.find((p) => p.id === data.match?.platformId);
  const missing = tabPlatform ? await missingAccess(browser.permissions, [tabPlatform]) : [];
  render(
    <PopupApp
      // New data (a feed update) starts the popup afresh.
      key={data.dataStatus?.sha256 ?? ''}
      data={data}
      region={effectiveRegion(data.settings.region, navigator.languages)}
      now={new Date()}
      loadPlatform={(platformId) => request(browser.runtime, 'getPlatformView', { platformId })}
      setDone={(provisionId, actionId, done) =>
        request(browser.runtime, 'setActionDone', { provisionId, actionId, done })
      }
      setRegion={(region) => {
        request(browser.runtime, 'setSettings', { region }).catch((e: unknown) => console.warn(e));
      }}
      copy={(text) => navigator.clipboard.writeText(text)}
      onOpenSettings={() => {
        void browser.runtime.openOptionsPage();
      }}
      onGuide={startWalkthrough}
      siteAccess={{ platforms: missing, onAllow: (platform) => requestAccess(browser.permissions, platform) }}
      // The header rule and page script act only where the extension may read the site (utils/background/gpc.ts).
      gpcSentTo={data.settings.gpc && tabPlatform && missing.length === 0 ? tabPlatform.name : undefined}
    />,
    root,
  );
}

/** A click on the active tab's page that waits for the user's word here (utils/background/pending.ts). */
async function drawPending(root: HTMLElement) {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  const pending = await request(browser.runtime, 'getPending', { tabId });
  render(
    pending && (
      <PendingConfirmation
        pending={pending}
        onAnswer={(yes) => {
          void request(browser.runtime, 'confirmPending', { tabId, yes })
            .then(() => (yes ? window.close() : render(null, root)))
            .catch((e: unknown) => console.warn(e));
        }}
      />
    ),
    root,
  );
}

async function main() {
  // Strings in the browser's language (public/_locales), from the package when the browser has none.
  await installPageMessages(browser.i18n);
  const root = document.getElementById('app');
  if (!root) return;
  const pendingRoot = document.getElementById('pending');
  if (pendingRoot) drawPending(pendingRoot).catch((e: unknown) => console.warn(e));
  try {
    await draw(root);
  } catch (error) {
    root.textContent = t('popup_loadFailed', error instanceof Error ? error.message : String(error));
  }
  browser.runtime.onMessage.addListener((message) => {
    if (isDataChanged(message)) draw(root).catch((e: unknown) => console.warn(e));
    return undefined;
  });
  // Time from the popup's navigation start to its first content, read by the e2e timing log.
  document.body.dataset.readyMs = performance.now().toFixed(1);
  document.body.dataset.marks = JSON.stringify(marks);
  document.body.dataset.ready = 'true';
}

void main();
