/**
 * The one typed protocol between the popup / content script and the background: request
 * types, reply shapes and the client. Payload schemas and the background's dispatcher are
 * in utils/protocol.ts (kept apart so UI bundles carry no validator).
 */

import type * as z from 'zod/mini';
import type { StorageHealth } from './background/store-open';
import type { CheckupData, CheckupReport } from './checkup-report';
import type {
  ChangeSet,
  CheckupItem,
  FeedMeta,
  PlatformRecord,
  PlatformSummary,
  ProgressRecord,
  ProvisionRecord,
} from './db';
import type { Display } from './display';
import type { PageMatch } from './match';
import type { ImportRefusal, Skipped } from './progress-file';
import type { RequestSchemas } from './protocol';
import type { Agency, UpdateStatus, Walkthrough } from './schema';
import type { UserSettings } from './storage';
import type { WalkthroughRun } from './walkthrough/engine';

export const CHANNEL = 'policy-lens/1';

export type RequestType = keyof RequestSchemas;
export type RequestOf<T extends RequestType> = z.infer<RequestSchemas[T]>;

export type { CheckupData, CheckupItem, CheckupReport, PlatformSummary, UserSettings };

export interface PlatformView {
  platform: PlatformRecord;
  /** Sorted: most severe first, then by title. */
  provisions: ProvisionRecord[];
}

export interface PopupData {
  settings: UserSettings;
  match: PageMatch | null;
  view: PlatformView | null;
  /**
   * The tab is on a tracked platform's domain over plain http: `view` is that platform's data as
   * general information, `match` is null (nothing is said about the page, which may be anyone's).
   */
  plainHttp: boolean;
  platforms: PlatformSummary[];
  agencies: Agency[];
  progress: ProgressRecord[];
  checkup: CheckupItem[];
  dataStatus: FeedMeta | null;
  /** What the last data update changed (null on a first install). */
  changes: ChangeSet | null;
  updates: UpdatesInfo;
  /** What went wrong with the saved data, if anything: the popup and the settings page say it in plain words. */
  storage: StorageHealth;
}

/** Whether this build updates its data from a feed, and how the last check went. */
export interface UpdatesInfo {
  /** False: bundled data only (the build has no feed address or key); `reason` says why. */
  configured: boolean;
  reason: string | null;
  status: UpdateStatus | null;
}

export interface PageInfo {
  match: PageMatch | null;
  /** Its provisions' actions are the user's region's only (utils/region.ts, as in the popup and the check-up). */
  view: PlatformView | null;
  /** The user dismissed the banner for this captured text of the page's document version. */
  dismissed: boolean;
  /** A walkthrough runs in the asking tab: its overlay has the page to itself. */
  walkthroughInTab: boolean;
  /** What the user's settings let a policy page show (banners, marks; per platform: utils/display.ts). */
  display: Display;
  /**
   * The page has something to show and the banner and chip UI is in the asking frame: injected before,
   * or being injected with this answer (which does not wait for it to have run: utils/content/ui-hook.ts).
   */
  ui: boolean;
  /**
   * With the answer that injected the UI: its messages in the browser's language, as templates
   * (utils/content/ui-strings.ts says why the UI does not ask the page's i18n for them).
   */
  strings?: Record<string, string>;
}

export interface ResponseMap {
  getPopupData: PopupData;
  getPageInfo: PageInfo;
  getPlatformView: PlatformView | null;
  setActionDone: ProgressRecord[];
  getDataStatus: FeedMeta | null;
  checkForUpdates: { updates: UpdatesInfo; dataStatus: FeedMeta };
  setSettings: UserSettings;
  dismissBanner: null;
  setMarks: UserSettings;
  startWalkthrough: WalkthroughRun;
  getWalkthrough: WalkthroughState | null;
  walkthroughEvent: WalkthroughState | null;
  finishWalkthrough: null;
  importProgress: ImportOutcome;
  resetProgress: ProgressRecord[];
  getCheckupData: CheckupData;
  askInPopup: null;
  getPending: PendingView | null;
  confirmPending: null;
}

/** A click in page UI that waits for the user's confirmation in the popup (utils/background/pending.ts). */
export type PendingAction = RequestOf<'askInPopup'>['action'];

/** What the popup shows for it: our own words from the data, never the page's. */
export interface PendingView {
  kind: PendingAction['kind'];
  platformName: string;
  /** The walkthrough's or the document's title. */
  title: string;
  /** For "Do it for me": the step's explanation. */
  what: string;
}

/** What an import did: refused as a whole (with why), or merged (what was added, what was skipped and why). */
export type ImportOutcome =
  | { ok: false; refusal: ImportRefusal; detail: string }
  | { ok: true; added: ProgressRecord[]; skipped: Skipped[]; progress: ProgressRecord[] };

/** A running (or just finished) walkthrough and its definition, for the overlay. */
export interface WalkthroughState {
  run: WalkthroughRun;
  walkthrough: Walkthrough;
  platformName: string;
  /** The current step happens on another page: the run waits, and this page shows no overlay. */
  paused: boolean;
}

/** What the overlay reports about the page it runs in (utils/protocol.ts validates it). */
export type ContentWalkthroughEvent = RequestOf<'walkthroughEvent'>['event'];

export type Reply<T extends RequestType> = { ok: true; data: ResponseMap[T] } | { ok: false; error: string };

/** From the background to open pages: the data changed (a feed update); read it again. */
export interface DataChangedNotice {
  channel: typeof CHANNEL;
  notice: 'data-changed';
  version: number;
}

export function isDataChanged(message: unknown): message is DataChangedNotice {
  const m = message as Partial<DataChangedNotice> | null;
  return typeof m === 'object' && m !== null && m.channel === CHANNEL && m.notice === 'data-changed';
}

/** From the background to a tab's walkthrough overlay: the user confirmed "Do it for me" in the popup. */
export interface ConfirmedNotice {
  channel: typeof CHANNEL;
  notice: 'do-it-confirmed';
  stepIndex: number;
}

export function isConfirmed(message: unknown): message is ConfirmedNotice {
  const m = message as Partial<ConfirmedNotice> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.channel === CHANNEL &&
    m.notice === 'do-it-confirmed' &&
    Number.isInteger(m.stepIndex)
  );
}

export interface Envelope {
  channel: typeof CHANNEL;
  type: string;
  payload: unknown;
}

export interface MessageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

export class MessageError extends Error {
  override name = 'MessageError';
}

/** Send a typed request to the background and unwrap its reply. */
export async function request<T extends RequestType>(
  runtime: MessageRuntime,
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseMap[T]> {
  const envelope: Envelope = { channel: CHANNEL, type, payload };
  const reply = (await runtime.sendMessage(envelope)) as Reply<T> | undefined;
  if (!reply) throw new MessageError(`no reply to "${type}"`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.data;
}
