/**
 * The one typed protocol between the popup / content script and the background: request
 * types, reply shapes and the client. Payload schemas and the background's dispatcher are
 * in utils/protocol.ts (kept apart so UI bundles carry no validator).
 */

import type * as z from 'zod/mini';
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
import type { REQUESTS } from './protocol';
import type { Agency, UpdateStatus, Walkthrough } from './schema';
import type { UserSettings } from './storage';
import type { WalkthroughRun } from './walkthrough/engine';

export const CHANNEL = 'policy-lens/1';

export type RequestType = keyof typeof REQUESTS;
export type RequestOf<T extends RequestType> = z.infer<(typeof REQUESTS)[T]>;

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
  platforms: PlatformSummary[];
  agencies: Agency[];
  progress: ProgressRecord[];
  checkup: CheckupItem[];
  dataStatus: FeedMeta | null;
  /** What the last data update changed (null on a first install). */
  changes: ChangeSet | null;
  updates: UpdatesInfo;
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
  /** The page has something to show and the banner and chip UI is in the asking frame (injected now or before). */
  ui: boolean;
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
}

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
