import { render } from 'preact';
import { browser } from 'wxt/browser';
import { CheckupReport } from '@/components/CheckupReport';
import { checkupMarkdown } from '@/utils/checkup-markdown';
import { datedFileName, downloadText } from '@/utils/download';
import { installMessages, t } from '@/utils/i18n';
import { request } from '@/utils/messages';
import '../popup/style.css';
import '../options/style.css';
import './style.css';

// The printable check-up: built from what the background holds; printed or saved by the user only.
installMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions));
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('checkup_title');

async function main(root: HTMLElement) {
  const report = await request(browser.runtime, 'getCheckupReport', {});
  render(
    <CheckupReport
      report={report}
      onPrint={() => window.print()}
      onDownload={() =>
        downloadText(
          { doc: document, urls: URL },
          datedFileName('policy-lens-checkup', new Date(), 'md'),
          checkupMarkdown(report),
          'text/markdown',
        )
      }
    />,
    root,
  );
  document.body.dataset.ready = 'true';
}

const root = document.getElementById('app');
if (root) {
  main(root).catch((error: unknown) => {
    root.textContent = t('settings_load_failed', error instanceof Error ? error.message : String(error));
    document.body.dataset.ready = 'true';
  });
}
