/**
 * The background side of the protocol in utils/messages.ts: payload schemas (zod),
 * per-request sender rules and the dispatcher. Requests are validated before any handler
 * runs; replies are `{ ok, data | error }`, never a throw across the boundary.
 */
import * as z from 'zod/mini';
import { CHANNEL, type Envelope, type Reply, type RequestOf, type RequestType, type ResponseMap } from './messages';
import { MAX_PROGRESS_FILE_CHARS } from './progress-file';
import { parseWith, Slug } from './schema';
import { UserSettingsSchema } from './storage';

// Each request's schema is built the first time a request of its type arrives: built together at
// start-up they were ~90 KiB of the worker's heap after GC (npm run bench), and a worker woken by
// the popup meets one or two types before it stops again.
const webUrl = () => z.string().check(z.maxLength(8192));
const count = () => z.number().check(z.int(), z.nonnegative());

/** What the overlay reports; the page and document it is about come from the sender (utils/background/walkthroughs.ts). */
const walkthroughEvent = () =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('arrived') }),
    z.strictObject({ type: z.literal('clicked') }),
    z.strictObject({ type: z.literal('control'), inDesiredState: z.boolean(), firstLook: z.boolean() }),
    z.strictObject({ type: z.literal('absent'), waitedMs: z.number().check(z.nonnegative(), z.maximum(600_000)) }),
    z.strictObject({ type: z.literal('continue') }),
    z.strictObject({ type: z.literal('skip') }),
    z.strictObject({ type: z.literal('cancel') }),
  ]);

/** The overlay's id for its document (random, drawn in the isolated world), used where the browser gives none. */
const pageId = () => z.string().check(z.regex(/^[a-z0-9-]{8,64}$/));

/**
 * Some settings, each one present with a value or absent: never `undefined`, which Firefox's structured
 * clone carries and a spread over the stored settings would turn into a missing setting (the protocol
 * fuzz test found `{ marks: undefined }` accepted and the answer without `marks`).
 */
const settingsChanges = () => {
  const settingsShape = UserSettingsSchema.shape;
  return z.strictObject({
    region: z.exactOptional(settingsShape.region),
    banners: z.exactOptional(settingsShape.banners),
    marks: z.exactOptional(settingsShape.marks),
    quietPlatforms: z.exactOptional(settingsShape.quietPlatforms),
    alerts: z.exactOptional(settingsShape.alerts),
    gpc: z.exactOptional(settingsShape.gpc),
    checkupPlatforms: z.exactOptional(settingsShape.checkupPlatforms),
  });
};

const REQUEST_SCHEMAS = {
  /** Everything the popup's first paint needs, for the active tab's URL if known. */
  getPopupData: () => z.strictObject({ tabUrl: z.optional(webUrl()) }),
  /**
   * What a tracked page is: the content script asks on load and on SPA navigation. The answer comes
   * with the banner and chip UI injected into the asking frame when there is something to show and
   * the frame does not have it yet (`uiLoaded`).
   */
  getPageInfo: () => z.strictObject({ url: webUrl(), uiLoaded: z.optional(z.boolean()) }),
  /** One platform in full (popup search results). */
  getPlatformView: () => z.strictObject({ platformId: Slug }),
  /** Mark or unmark an opt-out action as done. */
  setActionDone: () =>
    z.strictObject({
      provisionId: z.string().check(z.maxLength(200)),
      actionId: Slug,
      done: z.boolean(),
    }),
  getDataStatus: () => z.strictObject({}),
  /** "Update now" on the settings page: check the feed now (or join the check that runs). */
  checkForUpdates: () => z.strictObject({}),
  /** Change some settings; the others stay. */
  setSettings: settingsChanges,
  /** The banner's "Marks" switch: the `marks` setting, the one setting a page's UI may change. */
  setMarks: () => z.strictObject({ marks: z.boolean() }),
  /** "Dismiss for this policy version" on a policy page's banner. */
  dismissBanner: () => z.strictObject({ platformId: Slug, documentId: Slug, versionId: Slug }),
  /** "Guide me": from the popup for the active tab (tabId), or from a content script for its own tab. */
  startWalkthrough: () => z.strictObject({ walkthroughId: Slug, tabId: z.optional(count()) }),
  /** The walkthrough running in the sender's tab, if any. */
  getWalkthrough: () => z.strictObject({}),
  /** What the content script observed on the page. */
  walkthroughEvent: () =>
    z.strictObject({
      event: walkthroughEvent(),
      /** The step the observation is about; an event for another step (a late timer) is ignored. */
      stepIndex: count(),
      pageId: pageId(),
    }),
  /** Close the walkthrough in the sender's tab, optionally returning to where it started. */
  finishWalkthrough: () => z.strictObject({ returnToStart: z.boolean() }),
  /** A click in our page UI that could not be seen as drawn: the popup asks the user instead. */
  askInPopup: () =>
    z.strictObject({
      action: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('do-it-for-me'), stepIndex: count() }),
        z.strictObject({ kind: z.literal('dismiss'), platformId: Slug, documentId: Slug, versionId: Slug }),
        z.strictObject({ kind: z.literal('guide'), walkthroughId: Slug }),
      ]),
    }),
  /** The popup: what waits for confirmation in this tab. */
  getPending: () => z.strictObject({ tabId: count() }),
  /** The popup: the user's answer (yes carries it out, no forgets it). */
  confirmPending: () => z.strictObject({ tabId: count(), yes: z.boolean() }),
  /** "Import progress": the file's text, parsed and validated in the background (utils/progress-file.ts). */
  importProgress: () => z.strictObject({ text: z.string().check(z.maxLength(MAX_PROGRESS_FILE_CHARS + 1)) }),
  /** "Reset progress", after the user confirmed. */
  resetProgress: () => z.strictObject({}),
  /** What the check-up is made of: the platforms with progress or chosen, in full (utils/checkup-report.ts). */
  getCheckupData: () => z.strictObject({}),
} as const;

/** Each request type's payload schema. */
export type RequestSchemas = { [T in keyof typeof REQUEST_SCHEMAS]: ReturnType<(typeof REQUEST_SCHEMAS)[T]> };

export const REQUEST_TYPES = Object.keys(REQUEST_SCHEMAS) as RequestType[];

const built = new Map<RequestType, z.ZodMiniType>();

/** The payload schema of a request type (built on first use, then kept). */
export function requestSchema<T extends RequestType>(type: T): RequestSchemas[T] {
  let schema = built.get(type);
  if (!schema) {
    schema = REQUEST_SCHEMAS[type]();
    built.set(type, schema);
  }
  return schema as RequestSchemas[T];
}

export type SenderKind = 'extension-page' | 'content-script';

/** Which senders may send which request. */
export const ALLOWED_SENDERS: Record<RequestType, readonly SenderKind[]> = {
  getPopupData: ['extension-page'],
  getPageInfo: ['content-script'],
  getPlatformView: ['extension-page'],
  setActionDone: ['extension-page'],
  getDataStatus: ['extension-page'],
  checkForUpdates: ['extension-page'],
  setSettings: ['extension-page'],
  dismissBanner: ['content-script'],
  setMarks: ['content-script'],
  startWalkthrough: ['extension-page', 'content-script'],
  getWalkthrough: ['content-script'],
  walkthroughEvent: ['content-script'],
  finishWalkthrough: ['content-script'],
  askInPopup: ['content-script'],
  getPending: ['extension-page'],
  confirmPending: ['extension-page'],
  importProgress: ['extension-page'],
  resetProgress: ['extension-page'],
  getCheckupData: ['extension-page'],
};

export interface SenderInfo {
  id?: string;
  /** The URL the sending document was created with (Chromium does not follow pushState or fragment changes here). */
  url?: string;
  /** The sending document's id (Chrome 106+; Firefox gives none). */
  documentId?: string;
  /** The frame a content script's message came from (0: the top frame). */
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * The page a content script's message is about, as the browser reports it: for the top frame, the
 * tab's current URL (it follows a single-page app's pushState and fragment changes, which
 * `sender.url` does not: measured in Chromium 156), as long as it is on the sending document's
 * origin (no same-document navigation changes the origin); otherwise the document's own URL.
 */
export function senderPage(sender: SenderInfo): string {
  const own = sender.url ?? '';
  const tab = sender.tab?.url;
  if (sender.frameId !== 0 || !tab || !URL.canParse(tab) || !URL.canParse(own)) return own;
  return new URL(tab).origin === new URL(own).origin ? tab : own;
}

export interface SenderPolicy {
  /** This extension's id. */
  extensionId: string;
  /** This extension's origin, e.g. "chrome-extension://<id>/". */
  extensionOrigin: string;
  /** Whether a page URL is on a tracked platform (content scripts run only there). */
  isTrackedUrl: (url: string) => boolean;
}

export function classifySender(sender: SenderInfo, policy: SenderPolicy): SenderKind | undefined {
  if (sender.id !== policy.extensionId) return undefined;
  const url = sender.url ?? '';
  if (url.startsWith(policy.extensionOrigin)) return 'extension-page';
  if (sender.tab && policy.isTrackedUrl(url)) return 'content-script';
  return undefined;
}

export type Handlers = {
  [T in RequestType]: (payload: RequestOf<T>, sender: SenderInfo) => Promise<ResponseMap[T]>;
};

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).channel === CHANNEL;
}

/** Validate and dispatch one message. Never throws: errors become `{ ok: false }`. */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: SenderInfo,
  policy: SenderPolicy,
): Promise<Reply<RequestType>> {
  if (!isEnvelope(message)) return { ok: false, error: 'not a Policy Lens message' };
  const type: unknown = message.type;
  // A non-string type is refused before it becomes a property key: an object whose own `toString` is
  // not a function throws on that conversion (the protocol fuzz test found it).
  if (typeof type !== 'string') return { ok: false, error: `request type is a ${typeof type}, not a string` };
  if (!Object.hasOwn(REQUEST_SCHEMAS, type)) return { ok: false, error: `unknown request type "${type}"` };
  const requestType = type as RequestType;
  const kind = classifySender(sender, policy);
  if (!kind || !ALLOWED_SENDERS[requestType].includes(kind)) {
    return { ok: false, error: `sender not allowed to send "${requestType}"` };
  }
  const parsed = parseWith(requestSchema(requestType), message.payload);
  if (!parsed.ok) return { ok: false, error: `invalid "${requestType}" payload: ${parsed.error}` };
  try {
    const handler = handlers[requestType] as (payload: unknown, sender: SenderInfo) => Promise<unknown>;
    const data = await handler(parsed.value, sender);
    return { ok: true, data } as Reply<RequestType>;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

type MessageListener = (
  message: unknown,
  sender: SenderInfo,
  sendResponse: (reply: unknown) => void,
) => true | undefined;

/**
 * A runtime.onMessage listener. It answers through `sendResponse` and returns true (the
 * portable way to reply asynchronously); messages of other channels are left alone.
 */
export function createMessageListener(
  handlers: Handlers | Promise<Handlers>,
  policy: Promise<SenderPolicy>,
): MessageListener {
  return (message, sender, sendResponse) => {
    if (!isEnvelope(message)) return undefined;
    void Promise.all([handlers, policy])
      .then(([h, p]) => dispatch(h, message, sender, p))
      .catch((error: unknown) => ({ ok: false, error: `background not ready: ${String(error)}` }))
      .then(sendResponse);
    return true;
  };
}
