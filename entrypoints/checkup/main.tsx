import { render } from 'preact';
import { browser } from 'wxt/browser';
import { CheckupReport } from '@/components/CheckupReport';
import { checkupMarkdown } from '@/utils/checkup-markdown';
import { buildCheckupReport } from '@/utils/checkup-report';
import { datedFileName, downloadText } from '@/utils/download';
import { readPackagedJson, startPage } from '@/utils/extension-page';
import { request } from '@/utils/messages';
import '../popup/style.css';
import '../options/style.css';
import './style.css';

async function main(root: HTMLElement) {
  const report = buildCheckupReport({ ...(await request(browser.runtime, 'getCheckupData', {})), now: new Date() });
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
}

// The printable check-up: built from what the background holds; printed or saved by the user only.
void startPage({ doc: document, i18n: browser.i18n, readPackaged: readPackagedJson }, 'checkup_title', main);
