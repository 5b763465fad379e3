/** Walkthrough runs in the background: one per tab, every change through one queue. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeBackground } from '../../support/background';

const tab = { id: 42 };
const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
/** The overlay in the tab, as the browser reports it: its page and its document. */
const at = (url: string, documentId = 'doc-1') => ({ id: 'x', url, documentId, tab });
const inTab = at(PRIVACY_URL);
type Event = Parameters<Awaited<ReturnType<typeof makeBackground>>['handlers']['walkthroughEvent']>[0]['event'];

describe('a walkthrough through the handlers', () => {
  it('starts in a tab, follows the events to done, records the action and where it was seen, and returns to the start', async () => {
    const { handlers, navigations, injected } = await makeBackground();
    expect(await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 42 }, {})).toMatchObject({
      status: 'running',
      stepIndex: 0,
      returnUrl: 'https://www.linkedin.com/feed/',
    });
    // The first step is a page: the background takes the tab there (the overlay comes with the page load).
    expect(navigations).toEqual([{ tabId: 42, url: PRIVACY_URL }]);
    expect(injected).toEqual([]);
    expect(await handlers.getPageInfo({ url: inTab.url }, inTab)).toMatchObject({ walkthroughInTab: true });
    expect(await handlers.getWalkthrough({}, inTab)).toMatchObject({ platformName: 'LinkedIn', paused: false });

    const send = (event: Event, stepIndex: number, sender = inTab) =>
      handlers.walkthroughEvent({ event, stepIndex, pageId: 'page-0001' }, sender);
    await send({ type: 'arrived' }, 0);
    await send({ type: 'clicked' }, 1);
    await send({ type: 'arrived' }, 2, at(AI_URL));
    // A late "absent" from the click step's timer must not touch the setting step.
    expect(await send({ type: 'absent', waitedMs: 15_000 }, 1, at(AI_URL))).toMatchObject({
      run: { status: 'running', stepIndex: 3 },
    });
    await send({ type: 'control', inDesiredState: false, firstLook: true }, 3, at(AI_URL));
    expect(await send({ type: 'control', inDesiredState: true, firstLook: false }, 3, at(AI_URL))).toMatchObject({
      run: { awaitingReload: true, status: 'running' },
    });
    // The reload: a new document of the same page.
    expect(
      await send({ type: 'control', inDesiredState: true, firstLook: true }, 3, at(`${AI_URL}?li=1`, 'doc-2')),
    ).toMatchObject({ run: { status: 'done' } });
    expect((await handlers.getPopupData({}, {})).progress).toEqual([
      expect.objectContaining({
        provisionId: 'linkedin.ai-training',
        actionId: 'ai-improvement-setting',
        seenOn: AI_URL,
      }),
    ]);

    expect(await handlers.finishWalkthrough({ returnToStart: true }, inTab)).toBeNull();
    expect(navigations.at(-1)).toEqual({ tabId: 42, url: 'https://www.linkedin.com/feed/' });
    expect(await handlers.getPageInfo({ url: inTab.url }, inTab)).toMatchObject({ walkthroughInTab: false });
    expect(await handlers.getWalkthrough({}, inTab)).toBeNull();
  });

  it('takes an arrival reported under the step before (a link in a single-page app, ahead of the click’s answer)', async () => {
    const { handlers } = await makeBackground();
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 42 }, {});
    const send = (event: Event, stepIndex: number, sender = inTab) =>
      handlers.walkthroughEvent({ event, stepIndex, pageId: 'page-0001' }, sender);
    await send({ type: 'arrived' }, 0);
    expect(await send({ type: 'clicked' }, 1)).toMatchObject({ run: { stepIndex: 2 } });
    // The overlay still believes it is on the click step when the app's new page is there.
    expect(await send({ type: 'arrived' }, 1, at(AI_URL))).toMatchObject({ run: { status: 'running', stepIndex: 3 } });
    // An observation about that old step still changes nothing.
    expect(await send({ type: 'clicked' }, 1, at(AI_URL))).toMatchObject({ run: { stepIndex: 3 } });
  });

  /** A run of the LinkedIn AI walkthrough at its switch, set and waiting for the reload, in document doc-1. */
  async function atTheSwitch() {
    const background = await makeBackground();
    const { handlers } = background;
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 42 }, {});
    const send = (event: Event, stepIndex: number, sender: ReturnType<typeof at>) =>
      handlers.walkthroughEvent({ event, stepIndex, pageId: 'page-0001' }, sender);
    await send({ type: 'arrived' }, 0, inTab);
    await send({ type: 'clicked' }, 1, inTab);
    await send({ type: 'arrived' }, 2, at(AI_URL));
    await send({ type: 'control', inDesiredState: true, firstLook: false }, 3, at(AI_URL));
    return { ...background, send };
  }

  it('takes no report from another page as the reload proof (issue 1: "Done" from the wrong page)', async () => {
    const { send, handlers, progress } = await atTheSwitch();
    const other = at('https://www.linkedin.com/mypreferences/d/settings/open-to-work', 'doc-2');
    expect(await send({ type: 'arrived' }, 3, other)).toMatchObject({ paused: true, run: { status: 'running' } });
    expect(await send({ type: 'control', inDesiredState: true, firstLook: true }, 3, other)).toMatchObject({
      run: { status: 'running', stepIndex: 3, awaitingReload: true },
    });
    // Another site in the same tab gets no run at all (and no overlay injected).
    const reddit = { id: 'x', url: 'https://www.reddit.com/settings/preferences', documentId: 'doc-3', tab };
    expect(await send({ type: 'control', inDesiredState: true, firstLook: true }, 3, reddit)).toBeNull();
    expect(await handlers.getWalkthrough({}, reddit)).toBeNull();
    expect(progress.list()).toEqual([]);
  });

  it('pauses on pages other than the step’s: no overlay there, and the page’s own banner or chip may show', async () => {
    const { handlers, walkthroughs } = await atTheSwitch();
    const feed = at('https://www.linkedin.com/feed/', 'doc-2');
    expect(await handlers.getWalkthrough({}, feed)).toMatchObject({ paused: true });
    expect(await walkthroughs.showsOn(42, feed.url)).toBe(false);
    expect(await walkthroughs.showsOn(42, AI_URL)).toBe(true);
    expect(await walkthroughs.runsIn(42, feed.url)).toBe(true);
    expect(await walkthroughs.runsIn(42, 'https://www.reddit.com/')).toBe(false);
  });

  it('takes the page from the sender, never from the report (issue 6: made-up "arrived" URLs)', async () => {
    const { handlers } = await makeBackground();
    await handlers.startWalkthrough({ walkthroughId: 'reddit-partner-ads', tabId: 42 }, {});
    const linkedin = at('https://www.linkedin.com/feed/');
    // From a content script on linkedin.com: the report is about linkedin.com, so not about this run.
    const payload = (event: Event, stepIndex: number) => ({ event, stepIndex, pageId: 'page-0001' });
    expect(await handlers.walkthroughEvent(payload({ type: 'arrived' }, 0), linkedin)).toBeNull();
    await expect(
      handlers.walkthroughEvent(
        {
          event: { type: 'arrived', url: 'https://www.reddit.com/settings/privacy' },
          stepIndex: 0,
          pageId: 'p',
        } as never,
        linkedin,
      ),
    ).resolves.toBeNull();
    expect(await handlers.getWalkthrough({}, at('https://www.reddit.com/settings'))).toMatchObject({
      run: { stepIndex: 0 },
    });
  });

  it('lets a content script start only a walkthrough of the platform it is on', async () => {
    const { handlers } = await makeBackground();
    await expect(
      handlers.startWalkthrough({ walkthroughId: 'reddit-partner-ads' }, at('https://www.linkedin.com/feed/')),
    ).rejects.toThrow(/not for the page that asked/);
    await expect(
      handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training' }, at(PRIVACY_URL)),
    ).resolves.toMatchObject({ tabId: 42 });
  });

  it('keeps one run per tab under its own key', async () => {
    const { handlers } = await makeBackground();
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 1 }, {});
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ads-data', tabId: 2 }, {});
    const stored = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(stored).sort()).toEqual(['walkthrough-run:1', 'walkthrough-run:2']);
  });

  it('does not bring a closed tab’s run back when the tab closes while an event is being applied', async () => {
    // Session storage whose reads of the run answer only when the test opens the gate, with the value
    // they read at the time: the event handler is held between its read and its write.
    let open = () => {};
    let gated = false;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const session = {
      get: async (keys: string | string[] | null) => {
        const value = await fakeBrowser.storage.session.get(keys);
        if (gated && keys === 'walkthrough-run:42') await gate;
        return value;
      },
      set: (items: Record<string, unknown>) => fakeBrowser.storage.session.set(items),
      remove: (keys: string | string[]) => fakeBrowser.storage.session.remove(keys),
    };
    const { handlers, walkthroughs } = await makeBackground({ session });
    await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 42 }, {});
    gated = true;
    const event = handlers.walkthroughEvent({ event: { type: 'arrived' }, stepIndex: 0, pageId: 'page-0001' }, inTab);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the event has read the run and waits
    const closed = walkthroughs.forgetTab(42);
    await new Promise((resolve) => setTimeout(resolve, 10));
    gated = false;
    open();
    await Promise.all([event, closed]);
    expect(await fakeBrowser.storage.session.get('walkthrough-run:42')).toEqual({});
  });

  it('rejects events from outside a tab', async () => {
    const { handlers } = await makeBackground();
    await expect(
      handlers.walkthroughEvent({ event: { type: 'clicked' }, stepIndex: 0, pageId: 'p' }, {}),
    ).rejects.toThrow(/come from a tab/);
  });
});
