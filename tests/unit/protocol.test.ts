/**
 * The protocol's background side: envelopes, sender rules and payload validation, each checked
 * to stop a request before any handler runs (the handlers here record calls), and the runtime
 * listener over WXT's fake browser.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHANNEL, MessageError, request } from '../../utils/messages';
import {
  ALLOWED_SENDERS,
  createMessageListener,
  dispatch,
  type Handlers,
  type SenderPolicy,
} from '../../utils/protocol';

const EXT = 'policy-lens-test-id';
const policy: SenderPolicy = {
  extensionId: EXT,
  extensionOrigin: `chrome-extension://${EXT}/`,
  isTrackedUrl: (url) => /^https:\/\/([a-z0-9-]+\.)*linkedin\.com\//.test(url),
};
const popup = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const contentScript = { id: EXT, url: 'https://www.linkedin.com/legal/privacy-policy', tab: { id: 7 } };
const envelope = (type: string, payload: unknown) => ({ channel: CHANNEL, type, payload });

let calls: Array<{ type: string; payload: unknown }> = [];
const handlers = new Proxy({} as Handlers, {
  // Not a thenable (Promise.resolve(handlers) would wait on it).
  get: (_target, type: string) =>
    type === 'then'
      ? undefined
      : async (payload: unknown) => {
          calls.push({ type, payload });
          if (type === 'getPlatformView' && (payload as { platformId: string }).platformId === 'boom') {
            throw new Error('the handler failed');
          }
          return { answered: type };
        },
});
beforeEach(() => {
  calls = [];
  fakeBrowser.reset();
});

describe('dispatch', () => {
  it('hands a valid request from an allowed sender to its handler, with the parsed payload', async () => {
    const reply = await dispatch(handlers, envelope('getPopupData', { tabUrl: 'https://x.com/' }), popup, policy);
    expect(reply).toEqual({ ok: true, data: { answered: 'getPopupData' } });
    expect(calls).toEqual([{ type: 'getPopupData', payload: { tabUrl: 'https://x.com/' } }]);
  });

  it.each([
    ['a missing field', envelope('setActionDone', { provisionId: 'linkedin.ai-training', done: true }), popup],
    ['a wrong type', envelope('getPageInfo', { url: 42 }), contentScript],
    ['an unknown key', envelope('getPopupData', { tabUrl: 'https://x.com/', extra: 1 }), popup],
    ['a non-object payload', envelope('getDataStatus', 'please'), popup],
    ['a huge URL', envelope('getPageInfo', { url: `https://www.linkedin.com/${'a'.repeat(10_000)}` }), contentScript],
    ['a non-slug id', envelope('getPlatformView', { platformId: 'Not A Slug!' }), popup],
    // Firefox's structured clone keeps an undefined value; spread over the settings it erased one.
    ['a setting sent as undefined', envelope('setSettings', { marks: undefined }), popup],
  ])('refuses %s at validation, before any handler runs', async (_what, message, sender) => {
    // The sender is allowed to send this type, so only the payload check can refuse it.
    expect(ALLOWED_SENDERS[message.type as keyof typeof ALLOWED_SENDERS]).toContain(
      sender === popup ? 'extension-page' : 'content-script',
    );
    const reply = await dispatch(handlers, message, sender, policy);
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(new RegExp(`^invalid "${message.type}" payload`)),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['an unknown request type', envelope('dropDatabase', {}), /^unknown request type/],
    ['a prototype key as type', envelope('__proto__', {}), /^unknown request type/],
    // JSON carries it; turning it into a property key throws.
    ['a type that cannot become a string', envelope(JSON.parse('{"toString":1,"valueOf":2}'), {}), /^request type is/],
    ['another channel', { type: 'getDataStatus', payload: {} }, /^not a Policy Lens message/],
    ['no object at all', 'getDataStatus', /^not a Policy Lens message/],
  ])('refuses %s', async (_what, message, error) => {
    expect(await dispatch(handlers, message, popup, policy)).toMatchObject({
      ok: false,
      error: expect.stringMatching(error),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['another extension', { ...popup, id: 'another-extension' }, 'getDataStatus', {}],
    [
      'a page off the tracked sites',
      { id: EXT, url: 'https://evil.example/', tab: { id: 3 } },
      'getPageInfo',
      { url: 'https://evil.example/' },
    ],
    ['a content script asking for the popup data', contentScript, 'getPopupData', {}],
    ['the popup asking what a page is', popup, 'getPageInfo', { url: 'https://www.linkedin.com/' }],
    [
      'a content script marking actions done',
      contentScript,
      'setActionDone',
      { provisionId: 'linkedin.ai-training', actionId: 'x', done: true },
    ],
  ])('refuses %s by the sender rules, before validation', async (_what, sender, type, payload) => {
    const reply = await dispatch(handlers, envelope(type, payload), sender, policy);
    expect(reply).toMatchObject({ ok: false, error: `sender not allowed to send "${type}"` });
    expect(calls).toEqual([]);
  });

  it('turns a handler failure into an error reply, never a throw', async () => {
    const reply = await dispatch(handlers, envelope('getPlatformView', { platformId: 'boom' }), popup, policy);
    expect(reply).toEqual({ ok: false, error: 'the handler failed' });
  });
});

describe('through runtime messaging (fake browser)', () => {
  // The fake browser passes an empty sender; a real browser fills it in. Do as the browser does.
  function listenAs(sender: typeof popup | typeof contentScript) {
    const listener = createMessageListener(Promise.resolve(handlers), Promise.resolve(policy));
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) =>
      listener(message, sender, sendResponse),
    );
  }

  it('a typed request reaches the background listener and its reply comes back', async () => {
    listenAs(popup);
    expect(await request(fakeBrowser.runtime, 'getDataStatus', {})).toEqual({ answered: 'getDataStatus' });
  });

  it('a malformed request comes back as an error the caller can show', async () => {
    listenAs(popup);
    // Well-typed but invalid: the slug check happens in the background.
    await expect(request(fakeBrowser.runtime, 'getPlatformView', { platformId: 'Not A Slug!' })).rejects.toThrow(
      /invalid "getPlatformView" payload/,
    );
  });

  it('a content script cannot ask for what only the popup may', async () => {
    listenAs(contentScript);
    await expect(request(fakeBrowser.runtime, 'getDataStatus', {})).rejects.toThrow(MessageError);
  });

  it('says the background is not ready when its data failed to load', async () => {
    const listener = createMessageListener(Promise.reject(new Error('no data')), Promise.resolve(policy));
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) =>
      listener(message, popup, sendResponse),
    );
    await expect(request(fakeBrowser.runtime, 'getDataStatus', {})).rejects.toThrow(
      /background not ready: Error: no data/,
    );
  });
});
