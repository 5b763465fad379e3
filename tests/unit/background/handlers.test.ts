/** The background's answers, over its real pieces (fake-indexeddb, fake browser storage). */
import { describe, expect, it } from 'vitest';
import { PAGE_UI_MESSAGES } from '../../../utils/content/ui-strings';
import { DEFAULT_SETTINGS } from '../../../utils/storage';
import { makeBackground } from '../../support/background';

const contentScript = { id: 'x', url: 'https://www.linkedin.com/legal/privacy-policy', tab: { id: 7 } };

describe('getPopupData', () => {
  it('classifies the tab, sends its platform sorted most severe first, the lists and the data status', async () => {
    const { handlers, feed } = await makeBackground();
    const data = await handlers.getPopupData({ tabUrl: 'https://www.linkedin.com/feed/' }, {});
    expect(data.match).toMatchObject({ platformId: 'linkedin', pageKind: 'other' });
    const severities = data.view?.provisions.map((p) => p.severity) ?? [];
    const rank = { high: 0, medium: 1, low: 2 };
    expect(severities.length).toBeGreaterThan(1);
    expect([...severities].sort((a, b) => rank[a] - rank[b])).toEqual(severities);
    expect(data.platforms.map((p) => p.id).sort()).toEqual(feed.platforms.map((p) => p.id).sort());
    expect(data.dataStatus).toMatchObject({ version: feed.version, source: 'bundled' });
    expect(data.changes).toBeNull();
  });

  it('sends no platform for an untracked or unknown tab', async () => {
    const { handlers } = await makeBackground();
    expect(await handlers.getPopupData({ tabUrl: 'https://example.org/' }, {})).toMatchObject({
      match: null,
      view: null,
    });
    expect(await handlers.getPopupData({}, {})).toMatchObject({ match: null, view: null, plainHttp: false });
  });

  it('on a plain-http page of a tracked platform sends its data as general information, no match for the page', async () => {
    const { handlers } = await makeBackground();
    const http = await handlers.getPopupData({ tabUrl: 'http://www.linkedin.com/legal/privacy-policy' }, {});
    expect(http).toMatchObject({ match: null, plainHttp: true, view: { platform: { id: 'linkedin' } } });
    const https = await handlers.getPopupData({ tabUrl: 'https://www.linkedin.com/legal/privacy-policy' }, {});
    expect(https).toMatchObject({ match: { documentId: 'privacy-policy' }, plainHttp: false });
    expect(await handlers.getPopupData({ tabUrl: 'http://example.org/' }, {})).toMatchObject({
      match: null,
      view: null,
      plainHttp: false,
    });
  });
});

describe('getPageInfo and dismissBanner', () => {
  it('remembers a dismissal per captured text of the page version, only for a document of the page’s platform', async () => {
    const { handlers } = await makeBackground();
    const info = () => handlers.getPageInfo({ url: 'https://www.linkedin.com/legal/privacy-policy' }, contentScript);
    expect(await info()).toMatchObject({ match: { documentId: 'privacy-policy' }, dismissed: false });
    const version = (await info()).match?.versionId ?? '';
    await handlers.dismissBanner(
      { platformId: 'linkedin', documentId: 'privacy-policy', versionId: version },
      contentScript,
    );
    expect(await info()).toMatchObject({ dismissed: true });
    for (const payload of [
      { platformId: 'facebook', documentId: 'privacy-policy', versionId: 'default' },
      { platformId: 'linkedin', documentId: 'no-such-doc', versionId: version },
      { platformId: 'linkedin', documentId: 'privacy-policy', versionId: 'no-such-version' },
    ]) {
      await expect(handlers.dismissBanner(payload, contentScript)).rejects.toThrow(
        /not a document of the page's platform/,
      );
    }
  });

  it('sends no platform data for an ordinary page of a tracked platform', async () => {
    const { handlers, pageUi } = await makeBackground();
    const feedPage = { ...contentScript, url: 'https://www.linkedin.com/feed/' };
    expect(await handlers.getPageInfo({ url: 'https://www.linkedin.com/feed/' }, feedPage)).toEqual({
      match: { platformId: 'linkedin', pageKind: 'other' },
      view: null,
      dismissed: false,
      walkthroughInTab: false,
      display: { banner: true, marks: true },
      ui: false,
    });
    expect(pageUi).toEqual([]);
  });
});

describe('the page info’s opt-outs', () => {
  it('are the user’s region’s only', async () => {
    const { handlers } = await makeBackground();
    const url = 'https://www.linkedin.com/legal/privacy-policy';
    // LinkedIn's "share data with trusted partners" setting is a US one (the data says so).
    const actionsOf = async () =>
      (await handlers.getPageInfo({ url }, contentScript)).view?.provisions
        .find((p) => p.id === 'linkedin.ad-targeting')
        ?.actions.map((a) => a.id);
    await handlers.setSettings({ region: 'US' }, {});
    expect(await actionsOf()).toContain('share-data-with-trusted-partners');
    await handlers.setSettings({ region: 'EU' }, {});
    expect(await actionsOf()).not.toContain('share-data-with-trusted-partners');
    expect((await actionsOf())?.length).toBeGreaterThan(0);
  });
});

describe('the banner and chip UI, injected with the page info', () => {
  const POLICY = 'https://www.linkedin.com/legal/privacy-policy';
  const SETTINGS = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';

  it('goes into the asking frame of a policy or settings page, once', async () => {
    const { handlers, pageUi } = await makeBackground();
    const inFrame = { ...contentScript, frameId: 3 };
    expect(await handlers.getPageInfo({ url: POLICY }, inFrame)).toMatchObject({ ui: true });
    expect(pageUi).toEqual([{ tabId: 7, frameId: 3 }]);
    // The frame says it has it: not again.
    expect(await handlers.getPageInfo({ url: POLICY, uiLoaded: true }, inFrame)).toMatchObject({ ui: true });
    const settingsPage = { ...contentScript, url: SETTINGS };
    expect(await handlers.getPageInfo({ url: SETTINGS }, settingsPage)).toMatchObject({ ui: true });
    expect(pageUi).toEqual([
      { tabId: 7, frameId: 3 },
      { tabId: 7, frameId: 0 },
    ]);
  });

  it('not on the page of a document that has no provisions (OpenAI’s cookie policy, tracked to be recognised)', async () => {
    const { handlers, pageUi } = await makeBackground();
    const COOKIES = 'https://openai.com/policies/cookie-policy/';
    expect(await handlers.getPageInfo({ url: COOKIES }, { ...contentScript, url: COOKIES })).toMatchObject({
      match: { platformId: 'openai', pageKind: 'policy', documentId: 'cookie-policy' },
      ui: false,
    });
    expect(pageUi).toEqual([]);
  });

  it('not where the sender is not on that page (a payload URL is not where the frame is)', async () => {
    const { handlers, pageUi } = await makeBackground();
    // A payload URL that is not the sender's page gets no answer at all (issue 15 item 6).
    const onFeed = { ...contentScript, url: 'https://www.linkedin.com/feed/' };
    await expect(handlers.getPageInfo({ url: POLICY }, onFeed)).rejects.toThrow(/only for the asking page/);
    const elsewhere = { ...contentScript, url: 'https://www.facebook.com/privacy/policy/' };
    await expect(handlers.getPageInfo({ url: POLICY }, elsewhere)).rejects.toThrow(/only for the asking page/);
    // No tab to put it in.
    expect(await handlers.getPageInfo({ url: POLICY }, { ...contentScript, tab: undefined })).toMatchObject({
      ui: false,
    });
    expect(pageUi).toEqual([]);
  });

  it('not on a policy page the user dismissed or turned banners off for, and marks follow the settings', async () => {
    const { handlers, pageUi } = await makeBackground();
    await handlers.setSettings({ marks: false }, {});
    expect(await handlers.getPageInfo({ url: POLICY }, contentScript)).toMatchObject({
      display: { banner: true, marks: false },
      ui: true,
    });
    await handlers.setSettings({ marks: true, quietPlatforms: ['linkedin'] }, {});
    expect(await handlers.getPageInfo({ url: POLICY }, contentScript)).toMatchObject({
      display: { banner: false, marks: false },
      ui: false,
    });
    await handlers.setSettings({ quietPlatforms: [], banners: false }, {});
    expect(await handlers.getPageInfo({ url: POLICY }, contentScript)).toMatchObject({ ui: false });
    // The chip on a settings page is no banner: it stays.
    expect(await handlers.getPageInfo({ url: SETTINGS }, { ...contentScript, url: SETTINGS })).toMatchObject({
      ui: true,
    });
    await handlers.setSettings({ banners: true }, {});
    const version = (await handlers.getPageInfo({ url: POLICY }, contentScript)).match?.versionId ?? '';
    await handlers.dismissBanner(
      { platformId: 'linkedin', documentId: 'privacy-policy', versionId: version },
      contentScript,
    );
    expect(await handlers.getPageInfo({ url: POLICY }, contentScript)).toMatchObject({ dismissed: true, ui: false });
    expect(pageUi).toHaveLength(3);
  });

  it('answers without waiting for the injection to have run (the page gets both, in either order)', async () => {
    let ran: () => void = () => {};
    const injected: Array<{ tabId: number; frameId: number }> = [];
    const { handlers } = await makeBackground({
      injectPageUi: (tabId, frameId) => {
        injected.push({ tabId, frameId });
        return new Promise<void>((resolve) => {
          ran = resolve;
        });
      },
    });
    const info = await handlers.getPageInfo({ url: POLICY }, contentScript);
    expect(injected).toEqual([{ tabId: 7, frameId: 0 }]);
    expect(info.ui).toBe(true);
    expect(info.strings?.banner_details).toBe('Details');
    ran();
  });

  it('a failed injection is no failed answer (the content script stops waiting for the UI: ui-hook.ts)', async () => {
    const { handlers } = await makeBackground({ injectPageUi: async () => Promise.reject(new Error('no access')) });
    expect(await handlers.getPageInfo({ url: POLICY }, contentScript)).toMatchObject({ ui: true });
  });

  it('hands over the UI’s messages with the answer that injected it, and only then', async () => {
    const { handlers, pageUi } = await makeBackground();
    const injecting = await handlers.getPageInfo({ url: POLICY }, contentScript);
    expect(pageUi).toHaveLength(1);
    expect(Object.keys(injecting.strings ?? {}).sort()).toEqual([...PAGE_UI_MESSAGES].sort());
    // As templates, in the worker's language (English in the tests).
    expect(injecting.strings?.banner_flagged).toBe('Flagged: $1');
    const again = await handlers.getPageInfo({ url: POLICY, uiLoaded: true }, contentScript);
    expect(again.ui).toBe(true);
    expect(again.strings).toBeUndefined();
    const feed = 'https://www.linkedin.com/feed/';
    expect((await handlers.getPageInfo({ url: feed }, { ...contentScript, url: feed })).strings).toBeUndefined();
  });

  it("the banner's switch changes the marks setting only", async () => {
    const { handlers } = await makeBackground();
    expect(await handlers.setMarks({ marks: false }, contentScript)).toEqual({ ...DEFAULT_SETTINGS, marks: false });
    expect((await handlers.getPopupData({}, {})).settings).toEqual({ ...DEFAULT_SETTINGS, marks: false });
  });

  it("answers only for the asking page, never another platform's (issue 6)", async () => {
    const { handlers } = await makeBackground();
    // From our content script on linkedin.com, asking about X's policy: refused.
    await expect(handlers.getPageInfo({ url: 'https://x.com/en/privacy' }, contentScript)).rejects.toThrow(
      /only for the asking page/,
    );
    // The page is the browser's word: the tab's URL after a single-page navigation, on the document's origin.
    const navigated = {
      ...contentScript,
      url: 'https://www.linkedin.com/feed/',
      frameId: 0,
      tab: { id: 7, url: 'https://www.linkedin.com/legal/privacy-policy#ai' },
    };
    expect(
      await handlers.getPageInfo({ url: 'https://www.linkedin.com/legal/privacy-policy' }, navigated),
    ).toMatchObject({ match: { platformId: 'linkedin', pageKind: 'policy' } });
    // A tab URL on another origin than the sending document is not taken (a navigation raced the message).
    const raced = { ...navigated, tab: { id: 7, url: 'https://x.com/en/privacy' } };
    await expect(handlers.getPageInfo({ url: 'https://x.com/en/privacy' }, raced)).rejects.toThrow(
      /only for the asking page/,
    );
  });

  it("records a dismissal only for the asking page's platform", async () => {
    const { handlers } = await makeBackground();
    const x = (await handlers.getPopupData({ tabUrl: 'https://x.com/en/privacy' }, {})).match;
    expect(x).toMatchObject({ platformId: 'x', pageKind: 'policy' });
    await expect(
      handlers.dismissBanner(
        { platformId: 'x', documentId: x?.documentId ?? '', versionId: x?.versionId ?? '' },
        contentScript,
      ),
    ).rejects.toThrow(/not a document of the page's platform/);
  });
});

describe('the version of a page that serves several', () => {
  const google = { id: 'g', url: 'https://policies.google.com/privacy?hl=en-GB', tab: { id: 3 } };
  const versionAt = async (h: Awaited<ReturnType<typeof makeBackground>>['handlers'], url: string) =>
    (await h.getPageInfo({ url }, { ...google, url })).match?.versionId;

  it('is the one for the user’s region: guessed from the browser’s language, then as the user set it', async () => {
    const us = await makeBackground({ language: 'en-US' });
    expect(await versionAt(us.handlers, google.url)).toBe('en');
    const ie = await makeBackground({ language: 'en-IE' });
    expect(await versionAt(ie.handlers, google.url)).toBe('en-gb-eea');
    await ie.handlers.setSettings({ region: 'US' }, {});
    expect(await versionAt(ie.handlers, google.url)).toBe('en');
    // The popup tells the same version apart.
    expect((await ie.handlers.getPopupData({ tabUrl: google.url }, {})).match?.versionId).toBe('en');
  });

  it('is the address’s own where it names a country (Google’s gl=IE is the EEA text for anyone)', async () => {
    const us = await makeBackground({ language: 'en-US' });
    expect(await versionAt(us.handlers, `${google.url}&gl=IE`)).toBe('en-gb-eea');
    expect(await versionAt(us.handlers, `${google.url}&gl=US`)).toBe('en');
  });
});

describe('setActionDone', () => {
  it('records and clears progress for a real action only, with the date and the data it was done against', async () => {
    const { handlers, feed } = await makeBackground();
    const done = await handlers.setActionDone(
      { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: true },
      {},
    );
    expect(done).toEqual([
      expect.objectContaining({
        provisionId: 'linkedin.ai-training',
        actionId: 'ai-improvement-setting',
        doneAt: '2026-12-01T12:00:00.000Z',
        feedVersion: feed.version,
        documentLastUpdated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    ]);
    await expect(
      handlers.setActionDone({ provisionId: 'linkedin.ai-training', actionId: 'no-such-action', done: true }, {}),
    ).rejects.toThrow(/unknown action/);
    await expect(
      handlers.setActionDone(
        { provisionId: 'nowhere.ai-training', actionId: 'ai-improvement-setting', done: true },
        {},
      ),
    ).rejects.toThrow(/unknown action/);
    expect(
      await handlers.setActionDone(
        { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: false },
        {},
      ),
    ).toEqual([]);
  });
});

describe('settings', () => {
  it('changes only what it is given and reads it back', async () => {
    const { handlers } = await makeBackground();
    expect((await handlers.getPopupData({}, {})).settings).toEqual(DEFAULT_SETTINGS);
    await handlers.setSettings({ region: 'UK' }, {});
    await handlers.setSettings({ marks: false, quietPlatforms: ['tiktok'] }, {});
    expect((await handlers.getPopupData({}, {})).settings).toEqual({
      ...DEFAULT_SETTINGS,
      region: 'UK',
      marks: false,
      quietPlatforms: ['tiktok'],
    });
  });
});

describe('updates', () => {
  it('says when the build has no feed, and "Update now" then records why nothing was fetched', async () => {
    const { handlers, scheduled } = await makeBackground();
    expect((await handlers.getPopupData({}, {})).updates).toEqual({
      configured: false,
      reason: 'This build has no update feed.',
      status: null,
    });
    const after = await handlers.checkForUpdates({}, {});
    expect(after.updates.status?.lastError).toMatchObject({ code: 'not-configured' });
    expect(scheduled).toEqual([]);
  });
});

describe('importProgress, resetProgress and getCheckupData', () => {
  const file = (records: unknown[]) =>
    JSON.stringify({
      format: 'policy-lens-progress',
      formatVersion: 1,
      exportedAt: '2026-11-30T00:00:00.000Z',
      records,
    });
  const entry = (provisionId: string, actionId: string, doneAt = '2026-11-20T08:00:00.000Z') => ({
    provisionId,
    actionId,
    doneAt,
    feedVersion: 1,
    documentLastUpdated: '2025-11-03',
  });

  it('merges a file: adds the new, keeps what is marked here, skips actions the data does not have', async () => {
    const { handlers } = await makeBackground();
    await handlers.setActionDone(
      { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: true },
      {},
    );
    const outcome = await handlers.importProgress(
      {
        text: file([
          entry('linkedin.ai-training', 'ai-improvement-setting'),
          entry('linkedin.ad-targeting', 'share-data-with-trusted-partners'),
          entry('linkedin.gone', 'nothing'),
        ]),
      },
      {},
    );
    if (!outcome.ok) throw new Error(`refused: ${outcome.detail}`);
    expect(outcome.added.map((r) => r.provisionId)).toEqual(['linkedin.ad-targeting']);
    expect(outcome.skipped.map((s) => s.reason)).toEqual(['already-done', 'unknown-action']);
    const kept = outcome.progress.find((r) => r.provisionId === 'linkedin.ai-training');
    // Ours, not the file's: an import never overwrites.
    expect(kept?.doneAt).toBe('2026-12-01T12:00:00.000Z');
    expect(outcome.progress).toHaveLength(2);
  });

  it('refuses a malformed file as a whole and changes nothing', async () => {
    const { handlers, progress } = await makeBackground();
    const outcome = await handlers.importProgress({ text: file([{ provisionId: 'linkedin.ai-training' }]) }, {});
    expect(outcome).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(progress.list()).toEqual([]);
    expect(await handlers.importProgress({ text: 'not json' }, {})).toMatchObject({ ok: false, refusal: 'not-json' });
  });

  it('resets all progress', async () => {
    const { handlers, progress } = await makeBackground();
    await handlers.setActionDone(
      { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: true },
      {},
    );
    expect(await handlers.resetProgress({}, {})).toEqual([]);
    expect(progress.list()).toEqual([]);
  });

  it('sends the check-up’s platforms (with progress, and chosen), the progress and the user’s region', async () => {
    const { handlers } = await makeBackground();
    await handlers.setActionDone(
      { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: true },
      {},
    );
    await handlers.setSettings({ checkupPlatforms: ['tiktok'], region: 'UK' }, {});
    const data = await handlers.getCheckupData({}, {});
    expect(data.platforms.map((p) => p.id)).toEqual(['linkedin', 'tiktok']);
    expect(data).toMatchObject({ region: 'UK', chosen: ['tiktok'] });
    expect(data.progress.map((p) => p.provisionId)).toEqual(['linkedin.ai-training']);
  });
});
