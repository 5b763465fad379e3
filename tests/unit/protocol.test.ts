import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { CHANNEL, MessageError, type PopupData, request } from '../../utils/messages';
import { createMessageListener, dispatch, type SenderInfo, type SenderPolicy } from '../../utils/protocol';
import { createHandlers, initService, type ServiceState } from '../../utils/service';

const feedJson = JSON.stringify(loadBundledFeed());
const EXT = 'policy-lens-test-id';
const policy: SenderPolicy = {
  extensionId: EXT,
  extensionOrigin: `chrome-extension://${EXT}/`,
  isTrackedUrl: (url) => /^https:\/\/([a-z0-9-]+\.)*linkedin\.com\//.test(url),
};
const popup = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const contentScript = { id: EXT, url: 'https://www.linkedin.com/legal/privacy-policy', tab: { id: 7 } };

let ready: Promise<ServiceState>;
const navigations: Array<{ tabId: number; url: string }> = [];
const injected: number[] = [];
const walkthroughs = {
  inject: async (tabId: number) => {
    injected.push(tabId);
  },
  session: fakeBrowser.storage.session,
  tabs: {
    get: async (_tabId: number) => ({ url: 'https://www.linkedin.com/feed/' }),
    update: async (tabId: number, details: { url: string }) => {
      navigations.push({ tabId, url: details.url });
    },
  },
};
const settings = {
  async get(key: string) {
    return fakeBrowser.storage.local.get(key);
  },
  async set(items: Record<string, unknown>) {
    await fakeBrowser.storage.local.set(items);
  },
};
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  const fetchFn = (async () => new Response(feedJson)) as typeof fetch;
  ready = initService({ fetchFn, bundledFeedUrl: 'chrome-extension://x/data/feed.json' });
});

const envelope = (type: string, payload: unknown) => ({ channel: CHANNEL, type, payload });

describe('dispatch', () => {
  it('answers a valid request from the popup', async () => {
    const reply = await dispatch(
      createHandlers(ready, { settings, walkthroughs }),
      envelope('getPopupData', { tabUrl: 'https://www.linkedin.com/feed/' }),
      popup,
      policy,
    );
    expect(reply.ok).toBe(true);
    if (!reply.ok) throw new Error(reply.error);
    const data = reply.data as PopupData;
    expect(data.match).toMatchObject({ platformId: 'linkedin', pageKind: 'other' });
    expect(data.view?.provisions[0]?.severity).toBe('high');
    expect(data.platforms.some((p) => p.id === 'linkedin')).toBe(true);
  });

  it.each([
    ['a missing field', envelope('setActionDone', { provisionId: 'linkedin.ai-training', done: true })],
    ['a wrong type', envelope('getPageInfo', { url: 42 })],
    ['an unknown key', envelope('getPopupData', { tabUrl: 'https://x.com/', extra: 1 })],
    ['a non-object payload', envelope('getDataStatus', 'please')],
    ['an unknown request type', envelope('dropDatabase', {})],
    ['a prototype key as type', envelope('__proto__', {})],
    ['a huge URL', envelope('getPageInfo', { url: `https://www.linkedin.com/${'a'.repeat(10_000)}` })],
  ])('answers %s with an error, never a crash', async (_what, message) => {
    const reply = await dispatch(createHandlers(ready, { settings, walkthroughs }), message, popup, policy);
    expect(reply).toMatchObject({ ok: false });
    expect(reply.ok ? '' : reply.error).not.toBe('');
  });

  it('rejects senders that are not ours', async () => {
    const handlers = createHandlers(ready, { settings, walkthroughs });
    const msg = envelope('getPageInfo', { url: 'https://www.linkedin.com/feed/' });
    expect(await dispatch(handlers, msg, { ...popup, id: 'another-extension' }, policy)).toMatchObject({ ok: false });
    expect(
      await dispatch(handlers, msg, { id: EXT, url: 'https://evil.example/', tab: { id: 3 } }, policy),
    ).toMatchObject({
      ok: false,
    });
    // A content script may ask what a page is, but not for the popup's data.
    expect(await dispatch(handlers, msg, contentScript, policy)).toMatchObject({ ok: true });
    expect(await dispatch(handlers, envelope('getPopupData', {}), contentScript, policy)).toMatchObject({ ok: false });
  });

  it('lets a page dismiss only a banner of its own platform', async () => {
    const handlers = createHandlers(ready, { settings, walkthroughs });
    const pageInfo = envelope('getPageInfo', { url: 'https://www.linkedin.com/legal/privacy-policy' });
    const before = await dispatch(handlers, pageInfo, contentScript, policy);
    expect(before).toMatchObject({ ok: true, data: { dismissed: false } });
    const own = envelope('dismissBanner', {
      platformId: 'linkedin',
      documentId: 'privacy-policy',
      versionId: 'global',
    });
    expect(await dispatch(handlers, own, contentScript, policy)).toEqual({ ok: true, data: null });
    expect(await dispatch(handlers, pageInfo, contentScript, policy)).toMatchObject({
      ok: true,
      data: { dismissed: true },
    });
    const other = envelope('dismissBanner', {
      platformId: 'facebook',
      documentId: 'privacy-policy',
      versionId: 'default',
    });
    expect(await dispatch(handlers, other, contentScript, policy)).toMatchObject({ ok: false });
    const madeUp = envelope('dismissBanner', {
      platformId: 'linkedin',
      documentId: 'no-such-doc',
      versionId: 'default',
    });
    expect(await dispatch(handlers, madeUp, contentScript, policy)).toMatchObject({ ok: false });
    const noVersion = envelope('dismissBanner', {
      platformId: 'linkedin',
      documentId: 'privacy-policy',
      versionId: 'no-such-version',
    });
    expect(await dispatch(handlers, noVersion, contentScript, policy)).toMatchObject({ ok: false });
  });

  it('ignores messages of other channels', async () => {
    expect(
      await dispatch(
        createHandlers(ready, { settings, walkthroughs }),
        { type: 'getDataStatus', payload: {} },
        popup,
        policy,
      ),
    ).toMatchObject({
      ok: false,
    });
  });

  it('records and clears progress for a real action only', async () => {
    const handlers = createHandlers(ready, { settings, walkthroughs, now: () => new Date('2026-11-29T12:00:00Z') });
    const done = await dispatch(
      handlers,
      envelope('setActionDone', {
        provisionId: 'linkedin.ai-training',
        actionId: 'ai-improvement-setting',
        done: true,
      }),
      popup,
      policy,
    );
    expect(done).toMatchObject({
      ok: true,
      data: [
        { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', doneAt: '2026-11-29T12:00:00.000Z' },
      ],
    });
    const bogus = await dispatch(
      handlers,
      envelope('setActionDone', { provisionId: 'linkedin.ai-training', actionId: 'no-such-action', done: true }),
      popup,
      policy,
    );
    expect(bogus).toMatchObject({ ok: false });
    const undone = await dispatch(
      handlers,
      envelope('setActionDone', {
        provisionId: 'linkedin.ai-training',
        actionId: 'ai-improvement-setting',
        done: false,
      }),
      popup,
      policy,
    );
    expect(undone).toEqual({ ok: true, data: [] });
  });
});

describe('through runtime messaging (fake browser)', () => {
  // The fake browser passes an empty sender; a real browser fills it in. Do as the browser does.
  function listenAs(sender: typeof popup | typeof contentScript) {
    const listener = createMessageListener(createHandlers(ready, { settings, walkthroughs }), Promise.resolve(policy));
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) =>
      listener(message, sender, sendResponse),
    );
  }

  it('a typed request reaches the background listener and its reply comes back', async () => {
    listenAs(popup);
    const status = await request(fakeBrowser.runtime, 'getDataStatus', {});
    expect(status?.source).toBe('bundled');
  });

  it('a malformed request comes back as an error the caller can show', async () => {
    listenAs(popup);
    await expect(
      // Well-typed but invalid: the slug check happens in the background.
      request(fakeBrowser.runtime, 'getPlatformView', { platformId: 'Not A Slug!' }),
    ).rejects.toThrow(/invalid "getPlatformView" payload/);
  });

  it('a content script cannot ask for what only the popup may', async () => {
    listenAs(contentScript);
    await expect(request(fakeBrowser.runtime, 'getDataStatus', {})).rejects.toThrow(MessageError);
  });
});

describe('walkthroughs through the protocol', () => {
  const tab = { id: 42 };
  const inTab = { id: EXT, url: 'https://www.linkedin.com/psettings/privacy', tab };
  const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';

  it('starts in a tab, follows the events to done, records the action, and returns to the start', async () => {
    navigations.length = 0;
    injected.length = 0;
    const handlers = createHandlers(ready, { settings, walkthroughs, now: () => new Date('2026-11-29T12:00:00Z') });
    const send = (type: string, payload: unknown, sender: SenderInfo = inTab) =>
      dispatch(handlers, envelope(type, payload), sender, policy);

    expect(await send('startWalkthrough', { walkthroughId: 'linkedin-ai-training', tabId: 42 }, popup)).toMatchObject({
      ok: true,
      data: { status: 'running', stepIndex: 0, returnUrl: 'https://www.linkedin.com/feed/' },
    });
    // The first step is a page: the background takes the tab there (the overlay comes with the page load).
    expect(navigations).toEqual([{ tabId: 42, url: 'https://www.linkedin.com/psettings/privacy' }]);
    expect(injected).toEqual([]);
    expect(await send('getPageInfo', { url: 'https://www.linkedin.com/psettings/privacy' })).toMatchObject({
      ok: true,
      data: { walkthroughInTab: true },
    });

    expect(await send('getWalkthrough', {})).toMatchObject({ ok: true, data: { platformName: 'LinkedIn' } });
    await send('walkthroughEvent', {
      event: { type: 'arrived', url: 'https://www.linkedin.com/psettings/privacy' },
      stepIndex: 0,
    });
    await send('walkthroughEvent', { event: { type: 'clicked' }, stepIndex: 1 });
    await send('walkthroughEvent', { event: { type: 'arrived', url: AI_URL }, stepIndex: 2 });
    // A late "absent" from the click step's timer must not touch the setting step.
    const late = await send('walkthroughEvent', { event: { type: 'absent', waitedMs: 15_000 }, stepIndex: 1 });
    expect(late).toMatchObject({ ok: true, data: { run: { status: 'running', stepIndex: 3 } } });
    await send('walkthroughEvent', {
      event: { type: 'control', inDesiredState: false, afterReload: true },
      stepIndex: 3,
    });
    const set = await send('walkthroughEvent', {
      event: { type: 'control', inDesiredState: true, afterReload: false },
      stepIndex: 3,
    });
    expect(set).toMatchObject({ ok: true, data: { run: { awaitingReload: true, status: 'running' } } });
    const done = await send('walkthroughEvent', {
      event: { type: 'control', inDesiredState: true, afterReload: true },
      stepIndex: 3,
    });
    expect(done).toMatchObject({ ok: true, data: { run: { status: 'done' } } });

    const progress = await send('getPopupData', {}, popup);
    expect(progress.ok && (progress.data as PopupData).progress).toEqual([
      expect.objectContaining({ provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting' }),
    ]);

    expect(await send('finishWalkthrough', { returnToStart: true })).toEqual({ ok: true, data: null });
    expect(navigations.at(-1)).toEqual({ tabId: 42, url: 'https://www.linkedin.com/feed/' });
    expect(await send('getPageInfo', { url: 'https://www.linkedin.com/psettings/privacy' })).toMatchObject({
      ok: true,
      data: { walkthroughInTab: false },
    });
    expect(await send('getWalkthrough', {})).toEqual({ ok: true, data: null });
  });

  it('rejects malformed events and events from outside a tab', async () => {
    const handlers = createHandlers(ready, { settings, walkthroughs });
    expect(
      await dispatch(
        handlers,
        envelope('walkthroughEvent', { event: { type: 'teleport' }, stepIndex: 0 }),
        inTab,
        policy,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await dispatch(
        handlers,
        envelope('walkthroughEvent', { event: { type: 'clicked' }, stepIndex: 0 }),
        popup,
        policy,
      ),
    ).toMatchObject({ ok: false });
  });
});
