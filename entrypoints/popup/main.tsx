import { render } from 'preact';
import { PlatformList } from '@/components/PlatformList';
import { request } from '@/utils/messages';
import './style.css';

/**
 * The active tab's URL: visible to us only through activeTab or a host permission (tracked
 * platforms). `?tabUrl=` lets the popup page be opened for a given URL (demo, tests).
 */
async function activeTabUrl(): Promise<string | undefined> {
  const override = new URLSearchParams(location.search).get('tabUrl');
  if (override) return override;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

async function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const data = await request(browser.runtime, 'getPopupData', { tabUrl: await activeTabUrl() });
  render(<PlatformList platforms={data.platforms} />, root);
  document.body.dataset.ready = 'true';
}

void main();
