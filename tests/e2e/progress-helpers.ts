/** Marking an action done as the user does it: in the popup page for a tab URL, with real clicks. */
import type { Page } from 'playwright-core';
import { extensionUrl, type Session } from './harness';

export async function markDoneInPopup(
  session: Session,
  tabUrl: string,
  provisionId = 'linkedin.ai-training',
  actionId = 'ai-improvement-setting',
): Promise<void> {
  const popup = await session.context.newPage();
  await popup.goto(extensionUrl(session, `popup.html?tabUrl=${encodeURIComponent(tabUrl)}`));
  await popup.waitForSelector('body[data-ready="true"]');
  await popup.click(`[data-provision="${provisionId}"] .provision-toggle`);
  await popup.click(`[data-provision="${provisionId}"] [data-action="${actionId}"] .done-toggle input`);
  await popup.waitForSelector(`[data-provision="${provisionId}"] .done-pill`);
  await popup.close();
}

/** Give the settings page's file picker a file, as the user choosing one does. */
export async function chooseImportFile(page: Page, text: string): Promise<void> {
  await page.setInputFiles('input.import-file', {
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}
