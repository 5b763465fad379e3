/** Walkthrough runs in the background: one per tab, every change through one queue. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeBackground } from '../../support/background';

const tab = { id: 42 };
const inTab = { id: 'x', url: 'https://www.linkedin.com/psettings/privacy', tab };
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';

describe('a walkthrough through the handlers', () => {
  it('starts in a tab, follows the events to done, records the action, and returns to the start', async () => {
    const { handlers, navigations, injected } = await makeBackground();
    expect(await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: 42 }, {})).toMatchObject({
      status: 'running',
      stepIndex: 0,
      returnUrl: 'https://www.linkedin.com/feed/',
    });
    // The first step is a page: the background takes the tab there (the overlay comes with the page load).
    expect(navigations).toEqual([{ tabId: 42, url: 'https://www.linkedin.com/psettings/privacy' }]);
    expect(injected).toEqual([]);
    expect(await handlers.getPageInfo({ url: inTab.url }, inTab)).toMatchObject({ walkthroughInTab: true });
    expect(await handlers.getWalkthrough({}, inTab)).toMatchObject({ platformName: 'LinkedIn' });

    const send = (event: Parameters<typeof handlers.walkthroughEvent>[0]['event'], stepIndex: number) =>
      handlers.walkthroughEvent({ event, stepIndex }, inTab);
    await send({ type: 'arrived', url: inTab.url }, 0);
    await send({ type: 'clicked' }, 1);
    await send({ type: 'arrived', url: AI_URL }, 2);
    // A late "absent" from the click step's timer must not touch the setting step.
    expect(await send({ type: 'absent', waitedMs: 15_000 }, 1)).toMatchObject({
      run: { status: 'running', stepIndex: 3 },
    });
    await send({ type: 'control', inDesiredState: false, afterReload: true }, 3);
    expect(await send({ type: 'control', inDesiredState: true, afterReload: false }, 3)).toMatchObject({
      run: { awaitingReload: true, status: 'running' },
    });
    expect(await send({ type: 'control', inDesiredState: true, afterReload: true }, 3)).toMatchObject({
      run: { status: 'done' },
    });
    expect((await handlers.getPopupData({}, {})).progress).toEqual([
      expect.objectContaining({ provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting' }),
    ]);

    expect(await handlers.finishWalkthrough({ returnToStart: true }, inTab)).toBeNull();
    expect(navigations.at(-1)).toEqual({ tabId: 42, url: 'https://www.linkedin.com/feed/' });
    expect(await handlers.getPageInfo({ url: inTab.url }, inTab)).toMatchObject({ walkthroughInTab: false });
    expect(await handlers.getWalkthrough({}, inTab)).toBeNull();
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
    const event = handlers.walkthroughEvent({ event: { type: 'arrived', url: inTab.url }, stepIndex: 0 }, inTab);
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
    await expect(handlers.walkthroughEvent({ event: { type: 'clicked' }, stepIndex: 0 }, {})).rejects.toThrow(
      /come from a tab/,
    );
  });
});
