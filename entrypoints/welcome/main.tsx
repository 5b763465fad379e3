import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WelcomeApp } from '@/components/WelcomeApp';
import { installMessages, t } from '@/utils/i18n';
import { request } from '@/utils/messages';
import { effectiveRegion } from '@/utils/region';
import { missingAccess, requestAccess } from '@/utils/site-access';
import '../popup/style.css';
import '../options/style.css';

// The first-run page: the background opens it once, on install (utils/background/first-run.ts).
installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('welcome_title');

async function main(root: HTMLElement) {
  const data = await request(browser.runtime, 'getPopupData', {});
  const draw = (missing: Awaited<ReturnType<typeof missingAccess<(typeof data.platforms)[number]>>>) =>
    render(
      <WelcomeApp
        platforms={data.platforms}
        settings={data.settings}
        region={effectiveRegion(data.settings.region, navigator.languages)}
        updatesConfigured={data.updates.configured}
        onSettings={(changes) => request(browser.runtime, 'setSettings', changes)}
        siteAccess={{ platforms: missing, onAllow: (platform) => requestAccess(browser.permissions, platform) }}
        checkupHref={browser.runtime.getURL('/checkup.html')}
        settingsHref={browser.runtime.getURL('/options.html')}
      />,
      root,
    );
  draw(await missingAccess(browser.permissions, data.platforms));
  const redraw = () => {
    missingAccess(browser.permissions, data.platforms)
      .then(draw)
      .catch((e: unknown) => console.warn(e));
  };
  browser.permissions.onAdded.addListener(redraw);
  browser.permissions.onRemoved.addListener(redraw);
  document.body.dataset.ready = 'true';
}

const root = document.getElementById('app');
if (root) {
  main(root).catch((error: unknown) => {
    root.textContent = t('settings_load_failed', error instanceof Error ? error.message : String(error));
    document.body.dataset.ready = 'true';
  });
}
