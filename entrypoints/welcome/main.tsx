import { render } from 'preact';
import { browser } from 'wxt/browser';
import { WelcomeApp } from '@/components/WelcomeApp';
import { onAccessChange, readPackagedJson, startPage } from '@/utils/extension-page';
import { request } from '@/utils/messages';
import { effectiveRegion } from '@/utils/region';
import { missingAccess, requestAccess } from '@/utils/site-access';
import '../popup/style.css';
import '../options/style.css';

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
  onAccessChange(browser.permissions, async () => draw(await missingAccess(browser.permissions, data.platforms)));
}

// The first-run page: the background opens it once, on install (utils/background/first-run.ts).
void startPage({ doc: document, i18n: browser.i18n, readPackaged: readPackagedJson }, 'welcome_title', main);
