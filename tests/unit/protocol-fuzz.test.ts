/**
 * Protocol fuzz (issue 15): generated messages from every kind of sender, through the real dispatcher
 * and the real handlers (fake-indexeddb, WXT's fake browser storage). The generator is seeded and ours,
 * so every run sends the same cases and a failure names one that can be sent again.
 *
 * Which sender may get an answer to which request is pinned here as a literal table, apart from
 * ALLOWED_SENDERS: a rule dropped or widened in utils/protocol.ts fails this test rather than moving it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHANNEL, type RequestOf, type RequestType } from '../../utils/messages';
import {
  createMessageListener,
  dispatch,
  type Handlers,
  REQUEST_TYPES,
  requestSchema,
  type SenderInfo,
  type SenderPolicy,
  senderPage,
} from '../../utils/protocol';
import { EXT, makeBackground } from '../support/background';

/** xorshift32 (Marsaglia): a few lines, fast, and the same sequence for a seed on every machine. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Rng = ReturnType<typeof generator>;

const TRACKED = 'https://www.linkedin.com/legal/privacy-policy';
const TRACKED_SETTINGS = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const OTHER = 'another-extension-id';

/** Every kind of sender the browser can report to runtime.onMessage (and onMessageExternal, for the last ones). */
const SENDERS = {
  trackedContentScript: { id: EXT, url: TRACKED, frameId: 0, tab: { id: 7, url: TRACKED } },
  trackedSubframe: {
    id: EXT,
    url: TRACKED_SETTINGS,
    frameId: 2,
    tab: { id: 7, url: 'https://www.linkedin.com/feed/' },
  },
  untrackedContentScript: {
    id: EXT,
    url: 'https://example.org/privacy',
    frameId: 0,
    tab: { id: 8, url: 'https://example.org/privacy' },
  },
  plainHttpContentScript: {
    id: EXT,
    url: 'http://www.linkedin.com/legal/privacy-policy',
    frameId: 0,
    tab: { id: 9, url: 'http://www.linkedin.com/legal/privacy-policy' },
  },
  settingsPage: {
    id: EXT,
    url: `chrome-extension://${EXT}/settings.html`,
    frameId: 0,
    tab: { id: 10, url: `chrome-extension://${EXT}/settings.html` },
  },
  popup: { id: EXT, url: `chrome-extension://${EXT}/popup.html` },
  noTabNoUrl: { id: EXT },
  otherExtensionPage: { id: OTHER, url: `chrome-extension://${OTHER}/popup.html` },
  otherExtensionContentScript: { id: OTHER, url: TRACKED, frameId: 0, tab: { id: 7, url: TRACKED } },
  webPage: { url: 'https://evil.example/', frameId: 0, tab: { id: 12, url: 'https://evil.example/' } },
  webPageOnTrackedHost: { url: TRACKED, frameId: 0, tab: { id: 7, url: TRACKED } },
  webPageClaimingOurUrl: { url: `chrome-extension://${EXT}/popup.html` },
} satisfies Record<string, SenderInfo>;
type SenderName = keyof typeof SENDERS;

const PAGES: readonly SenderName[] = ['settingsPage', 'popup'];
const SCRIPTS: readonly SenderName[] = ['trackedContentScript', 'trackedSubframe'];
/** The pin: the only senders that may ever get `ok: true` for each request. */
const MAY_ANSWER: Record<RequestType, readonly SenderName[]> = {
  getPopupData: PAGES,
  getPageInfo: SCRIPTS,
  getPlatformView: PAGES,
  setActionDone: PAGES,
  getDataStatus: PAGES,
  checkForUpdates: PAGES,
  setSettings: PAGES,
  setMarks: SCRIPTS,
  dismissBanner: SCRIPTS,
  startWalkthrough: [...PAGES, ...SCRIPTS],
  getWalkthrough: SCRIPTS,
  walkthroughEvent: SCRIPTS,
  finishWalkthrough: SCRIPTS,
  askInPopup: SCRIPTS,
  getPending: PAGES,
  confirmPending: PAGES,
  importProgress: PAGES,
  resetProgress: PAGES,
  getCheckupData: PAGES,
};

/** A valid payload per request (typed: a new request type does not compile until it has one here). */
function validPayloads(sender: SenderInfo): { [T in RequestType]: RequestOf<T> } {
  return {
    getPopupData: { tabUrl: TRACKED },
    getPageInfo: { url: senderPage(sender) || TRACKED },
    getPlatformView: { platformId: 'linkedin' },
    setActionDone: { provisionId: 'linkedin.ai-training', actionId: 'ai-improvement-setting', done: true },
    getDataStatus: {},
    checkForUpdates: {},
    setSettings: { marks: false, region: 'EU' },
    setMarks: { marks: false },
    dismissBanner: { platformId: 'linkedin', documentId: 'privacy-policy', versionId: 'global' },
    startWalkthrough: { walkthroughId: 'linkedin-ai-training', tabId: 7 },
    getWalkthrough: {},
    walkthroughEvent: { event: { type: 'arrived' }, stepIndex: 0, pageId: 'fuzz-page-0001' },
    finishWalkthrough: { returnToStart: false },
    askInPopup: { action: { kind: 'guide', walkthroughId: 'linkedin-ai-training' } },
    getPending: { tabId: 7 },
    confirmPending: { tabId: 7, yes: false },
    importProgress: { text: '{"format":"not ours"}' },
    resetProgress: {},
    getCheckupData: {},
  };
}

const POLLUTE =
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":1}}';
const HUGE = ['a'.repeat(100_000), `https://www.linkedin.com/${'a'.repeat(20_000)}`, '\u202e'.repeat(10_000)];
const STRINGS = ['', 'linkedin', 'ai-training', TRACKED, 'https://evil.example/', 'javascript:alert(1)', '__proto__'];
const NUMBERS = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, 1e308, 7];
/** Keys a careless merge would turn into a prototype change; defined as own properties, as JSON.parse does. */
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'then', 'extra', ''];

function nested(depth: number): unknown {
  let value: unknown = JSON.parse(POLLUTE);
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { value };
  return value;
}

/** Built once: nothing here writes into a payload, and 50,000-element arrays per case cost half a second. */
const NESTED = nested(200);
const LONG_ARRAY = Array.from({ length: 50_000 }, (_, i) => i);

/** Each kind of junk; the first ones are flat (used deep inside), the later ones nest or are large. */
const JUNK: ReadonlyArray<(rng: Rng, depth: number) => unknown> = [
  () => null,
  () => undefined,
  (rng) => rng.int(2) === 0,
  (rng) => rng.pick(NUMBERS),
  (rng) => rng.pick(STRINGS),
  () => JSON.parse(POLLUTE),
  // JSON can carry it; turning it into a string or a property key throws.
  () => JSON.parse('{"toString":1,"valueOf":2}'),
  ...HUGE.map((huge) => () => huge),
  (rng, depth) => Array.from({ length: rng.int(4) }, () => junk(rng, depth + 1)),
  (rng, depth) => withKey(rng, {}, rng.pick(ODD_KEYS), junk(rng, depth + 1)),
  () => NESTED,
  () => LONG_ARRAY,
];
const FLAT_JUNK = 7;

/** Junk of a random kind, or of the kind asked for (the top-level payloads take every kind in turn). */
function junk(rng: Rng, depth = 0, kind = rng.int(depth > 2 ? FLAT_JUNK : JUNK.length)): unknown {
  return (JUNK[kind % JUNK.length] as (rng: Rng, depth: number) => unknown)(rng, depth);
}

function withKey(rng: Rng, target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  if (rng.int(3) === 0) Object.defineProperty(copy, rng.pick(ODD_KEYS), { value: junk(rng, 3), enumerable: true });
  return copy;
}

const MUTATIONS = ['drop', 'retype', 'extra', 'deep', 'huge'] as const;

/** One changed copy of a valid payload: a field dropped, retyped, an extra (odd) key, or junk in its place. */
function mutate(
  rng: Rng,
  payload: object,
  kind: (typeof MUTATIONS)[number] | 'junk',
): { kind: string; payload: unknown } {
  const keys = Object.keys(payload);
  const record = payload as Record<string, unknown>;
  if (kind === 'junk') return { kind, payload: junk(rng) };
  if (kind === 'extra') return { kind, payload: withKey(rng, payload, rng.pick(ODD_KEYS), junk(rng)) };
  if (keys.length === 0) return { kind: 'extra', payload: withKey(rng, payload, rng.pick(ODD_KEYS), junk(rng)) };
  const key = rng.pick(keys);
  if (kind === 'drop') {
    const { [key]: _dropped, ...rest } = record;
    return { kind, payload: rest };
  }
  if (kind === 'huge') return { kind, payload: { ...record, [key]: rng.pick(HUGE) } };
  const inner = record[key];
  if (kind === 'deep' && typeof inner === 'object' && inner !== null) {
    return { kind, payload: { ...record, [key]: mutate(rng, inner, rng.pick([...MUTATIONS, 'junk'])).payload } };
  }
  return { kind: 'retype', payload: { ...record, [key]: junk(rng) } };
}

const UNKNOWN_TYPES = ['dropDatabase', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'GETPOPUPDATA'];

interface Case {
  sender: SenderName;
  /** A request type the protocol knows, or undefined for anything else (unknown type, other channel, no object). */
  type: RequestType | undefined;
  kind: string;
  message: unknown;
}

function envelope(type: unknown, payload: unknown): Record<string, unknown> {
  return { channel: CHANNEL, type, payload };
}

/** 12 senders × (19 types × 21 payloads + 30 other messages): 5,148 cases. */
function generateCases(seed: number): Case[] {
  const rng = generator(seed);
  const cases: Case[] = [];
  for (const sender of Object.keys(SENDERS) as SenderName[]) {
    const valid = validPayloads(SENDERS[sender]);
    for (const type of REQUEST_TYPES) {
      cases.push({ sender, type, kind: 'valid', message: envelope(type, valid[type]) });
      for (const mutation of MUTATIONS) {
        const { kind, payload } = mutate(rng, valid[type], mutation);
        cases.push({ sender, type, kind, message: envelope(type, payload) });
      }
      for (let i = 0; i < JUNK.length; i++) {
        cases.push({ sender, type, kind: `junk ${i}`, message: envelope(type, junk(rng, 0, i)) });
      }
    }
    const some = rng.pick(REQUEST_TYPES);
    cases.push(
      ...UNKNOWN_TYPES.map((type) => ({
        sender,
        type: undefined,
        kind: `unknown type "${type}"`,
        message: envelope(type, {}),
      })),
      ...JUNK.map((_, i) => ({
        sender,
        type: undefined,
        kind: `type junk ${i}`,
        message: envelope(junk(rng, 0, i), {}),
      })),
      {
        sender,
        type: undefined,
        kind: 'other channel',
        message: { channel: 'policy-lens/0', type: some, payload: {} },
      },
      { sender, type: undefined, kind: 'no channel', message: { type: some, payload: valid[some] } },
      ...[null, undefined, 42, some, [CHANNEL, some]].map((message) => ({
        sender,
        type: undefined,
        kind: 'not an envelope',
        message,
      })),
      {
        sender,
        type: some,
        kind: 'odd envelope keys',
        message: Object.assign(JSON.parse(POLLUTE), { channel: CHANNEL, type: some, payload: valid[some] }),
      },
    );
  }
  return cases;
}

type Outcome = Case & { reply?: unknown; thrown?: unknown; handled: string[]; stateChanged: boolean };

function wellFormed(reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const keys = Object.keys(reply).sort().join();
  const r = reply as { ok?: unknown; error?: unknown; data?: unknown };
  if (r.ok === false) return keys === 'error,ok' && typeof r.error === 'string' && r.error.length > 0;
  if (r.ok !== true || keys !== 'data,ok') return false;
  try {
    structuredClone(r.data); // What the browser can carry back to the sender.
    return true;
  } catch {
    return false;
  }
}

const isObject = (d: unknown): d is Record<string, unknown> => typeof d === 'object' && d !== null;
/** The outline of each answer (utils/messages.ts ResponseMap); the handlers' own tests check the content. */
const ANSWER: Record<RequestType, (d: unknown) => boolean> = {
  getPopupData: (d) => isObject(d) && isObject(d.settings) && Array.isArray(d.platforms) && Array.isArray(d.progress),
  getPageInfo: (d) => {
    if (!isObject(d)) return false;
    const keys = Object.keys(d).sort().join();
    // With the UI's messages only in the answer that injects it.
    if (d.strings === undefined) return keys === 'dismissed,display,match,ui,view,walkthroughInTab';
    return keys === 'dismissed,display,match,strings,ui,view,walkthroughInTab' && d.ui === true && isObject(d.strings);
  },
  getPlatformView: (d) => d === null || (isObject(d) && isObject(d.platform) && Array.isArray(d.provisions)),
  setActionDone: Array.isArray,
  getDataStatus: (d) => d === null || (isObject(d) && typeof d.version === 'number'),
  checkForUpdates: (d) => isObject(d) && isObject(d.updates) && isObject(d.dataStatus),
  setSettings: (d) => isObject(d) && typeof d.marks === 'boolean',
  setMarks: (d) => isObject(d) && typeof d.marks === 'boolean',
  dismissBanner: (d) => d === null,
  startWalkthrough: (d) => isObject(d) && d.walkthroughId === 'linkedin-ai-training',
  getWalkthrough: (d) => d === null || (isObject(d) && isObject(d.run)),
  walkthroughEvent: (d) => d === null || (isObject(d) && isObject(d.run)),
  finishWalkthrough: (d) => d === null,
  askInPopup: (d) => d === null,
  getPending: (d) => d === null || (isObject(d) && typeof d.kind === 'string'),
  confirmPending: (d) => d === null,
  importProgress: (d) => isObject(d) && typeof d.ok === 'boolean',
  resetProgress: Array.isArray,
  getCheckupData: isObject,
};

const SEED = 0x15f022;
const describeCase = (o: Outcome) => `${o.sender} ${o.type ?? '(no type)'} ${o.kind}: ${JSON.stringify(o.reply)}`;
const isOk = (o: Outcome) => (o.reply as { ok?: unknown } | undefined)?.ok === true;
const errorOf = (o: Outcome) => (o.reply as { error?: unknown } | undefined)?.error;
/** What the dispatcher is handed is what a handler may see: a payload the schema accepts. */
const validRequest = (o: Outcome) =>
  o.type !== undefined && requestSchema(o.type).safeParse((o.message as { payload: unknown }).payload).success;

let bg: Awaited<ReturnType<typeof makeBackground>>;
let policy: SenderPolicy;
let calls: string[] = [];
let handlers: Handlers;
const outcomes: Outcome[] = [];
const unhandled: unknown[] = [];
let prototypeNames: { before: string[]; after: string[] };

async function storedState(): Promise<string> {
  return JSON.stringify({
    progress: await bg.db.getAll('progress'),
    local: await fakeBrowser.storage.local.get(null),
    session: await fakeBrowser.storage.session.get(null),
  });
}

const protoNames = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((p) =>
    Object.getOwnPropertyNames(p),
  );

beforeAll(async () => {
  bg = await makeBackground();
  policy = {
    extensionId: EXT,
    extensionOrigin: `chrome-extension://${EXT}/`,
    isTrackedUrl: (url) => bg.data.platformAt(url) !== undefined,
  };
  // Each handler, recorded on the way in: a refused request must not reach one.
  handlers = Object.fromEntries(
    Object.entries(bg.handlers).map(([type, handler]) => [
      type,
      (payload: never, sender: SenderInfo) => {
        calls.push(type);
        return (handler as (p: never, s: SenderInfo) => Promise<unknown>)(payload, sender);
      },
    ]),
  ) as unknown as Handlers;
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const before = protoNames();
  let state = await storedState();
  try {
    for (const c of generateCases(SEED)) {
      calls = [];
      const outcome: Outcome = { ...c, handled: calls, stateChanged: false };
      try {
        outcome.reply = await dispatch(handlers, c.message, SENDERS[c.sender], policy);
      } catch (error) {
        outcome.thrown = error;
      }
      const after = await storedState();
      outcome.stateChanged = after !== state;
      state = after;
      outcomes.push(outcome);
    }
    // A rejection nobody awaited surfaces on a later turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  prototypeNames = { before, after: protoNames() };
}, 120_000);

describe('protocol fuzz: generated messages from every kind of sender', () => {
  it('answers every message with a well-formed reply: never a throw, a rejection or a malformed answer', () => {
    expect(outcomes.length).toBeGreaterThan(3000);
    expect(outcomes.filter((o) => 'thrown' in o).map((o) => `${describeCase(o)} threw ${String(o.thrown)}`)).toEqual(
      [],
    );
    expect(unhandled).toEqual([]);
    expect(outcomes.filter((o) => !wellFormed(o.reply)).map(describeCase)).toEqual([]);
    // An accepted answer has its request's outline.
    const misshapen = outcomes.filter(
      (o) => isOk(o) && !(o.type && ANSWER[o.type]((o.reply as { data: unknown }).data)),
    );
    expect(misshapen.map(describeCase)).toEqual([]);
  });

  it('gives data only to the pinned senders; every other sender is refused before any handler runs', () => {
    const answeredWrongly = outcomes.filter((o) => isOk(o) && !(o.type && MAY_ANSWER[o.type].includes(o.sender)));
    expect(answeredWrongly.map(describeCase)).toEqual([]);
    const disallowed = outcomes.filter((o) => o.type && !MAY_ANSWER[o.type].includes(o.sender));
    // Every sender was refused something (the popup a content script's request and back), each one by the sender rule.
    expect(new Set(disallowed.map((o) => o.sender))).toEqual(new Set(Object.keys(SENDERS)));
    const leaked = disallowed.filter(
      (o) => o.handled.length > 0 || errorOf(o) !== `sender not allowed to send "${o.type}"`,
    );
    expect(leaked.map(describeCase)).toEqual([]);
  });

  it('hands a handler only a payload its schema accepts, and each request type is answered for a valid one', () => {
    const allowed = outcomes.filter((o) => o.type && MAY_ANSWER[o.type].includes(o.sender));
    const refused = allowed.filter((o) => !validRequest(o));
    expect(refused.length).toBeGreaterThan(300);
    expect(
      refused
        .filter((o) => o.handled.length > 0 || !String(errorOf(o)).startsWith(`invalid "${o.type}" payload`))
        .map(describeCase),
    ).toEqual([]);
    // Nothing but a known request type in a Policy Lens envelope reaches a handler.
    const odd = outcomes.filter((o) => o.type === undefined);
    expect(odd.filter((o) => o.handled.length > 0 || isOk(o)).map(describeCase)).toEqual([]);
    // The positive side: a valid request from an allowed sender reaches its handler, and every type gets an answer.
    expect(allowed.filter((o) => validRequest(o) && o.handled.join() !== o.type).map(describeCase)).toEqual([]);
    expect(new Set(outcomes.filter(isOk).map((o) => o.type))).toEqual(new Set(REQUEST_TYPES));
  });

  it('leaves the stored progress, settings and session as they were after a refused request, and no prototype changed', () => {
    const refused = outcomes.filter((o) => !isOk(o));
    expect(refused.length).toBeGreaterThan(2000);
    expect(refused.filter((o) => o.stateChanged).map(describeCase)).toEqual([]);
    // The check sees a change when there is one: accepted requests did change the stored state.
    const changedBy = new Set(outcomes.filter((o) => isOk(o) && o.stateChanged).map((o) => o.type));
    expect([...changedBy]).toEqual(expect.arrayContaining(['setActionDone', 'setSettings', 'resetProgress']));
    expect(prototypeNames.after).toEqual(prototypeNames.before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('through the runtime listener: one reply per Policy Lens envelope, and other messages left to other listeners', async () => {
    const listener = createMessageListener(Promise.resolve(handlers), Promise.resolve(policy));
    const rng = generator(SEED + 1);
    const all = generateCases(SEED + 1).filter(() => rng.int(10) === 0);
    const replies = all.map(() => [] as unknown[]);
    const returned = all.map((c, i) => listener(c.message, SENDERS[c.sender], (reply) => void replies[i]?.push(reply)));
    const envelopes = all.flatMap((c, i) => (isObject(c.message) && c.message.channel === CHANNEL ? [i] : []));
    expect(envelopes.length).toBeGreaterThan(200);
    // Wait until every envelope has its answer: then the listener has decided about every message.
    await expect.poll(() => envelopes.every((i) => (replies[i]?.length ?? 0) > 0), { timeout: 20_000 }).toBe(true);
    for (const [i, c] of all.entries()) {
      const isEnvelope = envelopes.includes(i);
      expect(returned[i], c.kind).toBe(isEnvelope ? true : undefined);
      expect(replies[i]?.length, c.kind).toBe(isEnvelope ? 1 : 0);
      if (isEnvelope) expect(wellFormed(replies[i]?.[0]), JSON.stringify(replies[i])).toBe(true);
    }
  });
});
