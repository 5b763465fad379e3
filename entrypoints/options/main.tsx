import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/OptionsApp';
import { request } from '@/utils/messages';
import { guessRegion } from '@/utils/region';
import '../popup/style.css';
import './style.css';

async function main(root: HTMLElement) {
  const data = await request(browser.runtime, 'getPopupData', {});
  const platformIds = [...new Set(data.progress.map((p) => p.provisionId.split('.')[0] ?? ''))];
  const views = (
    await Promise.all(platformIds.map((platformId) => request(browser.runtime, 'getPlatformView', { platformId })))
  ).filter((v) => v !== null);
  const manifest = browser.runtime.getManifest();
  render(
    <OptionsApp
      region={data.settings.region ?? guessRegion(navigator.language)}
      dataStatus={data.dataStatus}
      platforms={data.platforms}
      progress={data.progress}
      views={views}
      permissions={{ permissions: manifest.permissions ?? [], hosts: manifest.host_permissions ?? [] }}
      setRegion={(region) => {
        request(browser.runtime, 'setSettings', { region }).catch((e: unknown) => console.warn(e));
      }}
      undo={(provisionId, actionId) =>
        request(browser.runtime, 'setActionDone', { provisionId, actionId, done: false })
      }
    />,
    root,
  );
  document.body.dataset.ready = 'true';
}

const root = document.getElementById('app');
if (root) {
  main(root).catch((error: unknown) => {
    root.textContent = `Policy Lens could not load its settings: ${error instanceof Error ? error.message : String(error)}`;
    document.body.dataset.ready = 'true';
  });
}
