/**
 * Clicks that wait for the popup: a request from a page is checked like the click it stands for,
 * shown in our own words, carried out on "yes" (and only once), forgotten on "no".
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL } from '../../../utils/messages';
import { makeBackground } from '../../support/background';

const TAB = 42;
const POLICY = 'https://www.linkedin.com/legal/privacy-policy';
const at = (url: string) => ({ id: 'x', url, tab: { id: TAB } });

async function policyVersion(handlers: Awaited<ReturnType<typeof makeBackground>>['handlers']) {
  const match = (await handlers.getPageInfo({ url: POLICY }, at(POLICY))).match;
  return { documentId: match?.documentId ?? '', versionId: match?.versionId ?? '' };
}

describe('clicks confirmed in the popup', () => {
  it('"Dismiss": recorded only after "yes" in the popup', async () => {
    const { handlers } = await makeBackground();
    const version = await policyVersion(handlers);
    await handlers.askInPopup({ action: { kind: 'dismiss', platformId: 'linkedin', ...version } }, at(POLICY));
    expect(await handlers.getPending({ tabId: TAB }, {})).toMatchObject({ kind: 'dismiss', platformName: 'LinkedIn' });
    expect((await handlers.getPageInfo({ url: POLICY }, at(POLICY))).dismissed).toBe(false);
    await handlers.confirmPending({ tabId: TAB, yes: true }, {});
    expect((await handlers.getPageInfo({ url: POLICY }, at(POLICY))).dismissed).toBe(true);
    expect(await handlers.getPending({ tabId: TAB }, {})).toBeNull();
  });

  it('"no" forgets it', async () => {
    const { handlers } = await makeBackground();
    const version = await policyVersion(handlers);
    await handlers.askInPopup({ action: { kind: 'dismiss', platformId: 'linkedin', ...version } }, at(POLICY));
    await handlers.confirmPending({ tabId: TAB, yes: false }, {});
    expect(await handlers.getPending({ tabId: TAB }, {})).toBeNull();
    expect((await handlers.getPageInfo({ url: POLICY }, at(POLICY))).dismissed).toBe(false);
  });

  it('refuses what the page could not do by a click: another platform, an unknown walkthrough, no run', async () => {
    const { handlers } = await makeBackground();
    const version = await policyVersion(handlers);
    await expect(
      handlers.askInPopup(
        { action: { kind: 'dismiss', platformId: 'linkedin', ...version } },
        at('https://x.com/en/privacy'),
      ),
    ).rejects.toThrow(/nothing to confirm/);
    await expect(
      handlers.askInPopup({ action: { kind: 'guide', walkthroughId: 'reddit-partner-ads' } }, at(POLICY)),
    ).rejects.toThrow(/nothing to confirm/);
    await expect(handlers.askInPopup({ action: { kind: 'do-it-for-me', stepIndex: 3 } }, at(POLICY))).rejects.toThrow(
      /nothing to confirm/,
    );
  });

  it('"Guide me": starts the walkthrough in the tab on "yes"', async () => {
    const { handlers, navigations } = await makeBackground();
    await handlers.askInPopup({ action: { kind: 'guide', walkthroughId: 'linkedin-ai-training' } }, at(POLICY));
    expect(await handlers.getPending({ tabId: TAB }, {})).toMatchObject({
      kind: 'guide',
      title: 'Stop LinkedIn using your data to train its content-writing AI',
    });
    await handlers.confirmPending({ tabId: TAB, yes: true }, {});
    expect(navigations).toEqual([{ tabId: TAB, url: 'https://www.linkedin.com/psettings/privacy' }]);
  });

  it('"Do it for me": tells the tab’s overlay on "yes", for the step it was asked on', async () => {
    const { handlers, toTabs } = await makeBackground();
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: TAB }, {});
    const send = (event: Parameters<typeof handlers.walkthroughEvent>[0]['event'], i: number, url: string) =>
      handlers.walkthroughEvent({ event, stepIndex: i, pageId: 'page-0001' }, at(url));
    const ai = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
    await send({ type: 'arrived' }, 0, 'https://www.linkedin.com/psettings/privacy');
    await send({ type: 'clicked' }, 1, 'https://www.linkedin.com/psettings/privacy');
    await send({ type: 'arrived' }, 2, ai);
    await expect(handlers.askInPopup({ action: { kind: 'do-it-for-me', stepIndex: 2 } }, at(ai))).rejects.toThrow();
    await handlers.askInPopup({ action: { kind: 'do-it-for-me', stepIndex: 3 } }, at(ai));
    expect(await handlers.getPending({ tabId: TAB }, {})).toMatchObject({
      kind: 'do-it-for-me',
      what: expect.stringMatching(/Turn off/),
    });
    await handlers.confirmPending({ tabId: TAB, yes: true }, {});
    await handlers.confirmPending({ tabId: TAB, yes: true }, {});
    expect(toTabs).toEqual([{ tabId: TAB, message: { channel: CHANNEL, notice: 'do-it-confirmed', stepIndex: 3 } }]);
  });
});
