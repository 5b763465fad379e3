/**
 * Effectful clicks that wait for the popup. When our UI in a page could not be seen as drawn at
 * the moment of a click (utils/visibility.ts: faded, covered, clipped by the page), the click does
 * nothing lasting; the page asks here instead, and the toolbar popup, which no page can draw
 * over, shows what would happen in our own words and carries it out on the user's confirmation.
 * One request per tab, in session storage; the request is checked against the asking page
 * like the click it stands for.
 */
import type { CHANNEL, ConfirmedNotice, PendingView, RequestOf } from '../messages';
import { type SenderInfo, senderPage } from '../protocol';
import { pendingItems, type StorageArea } from '../storage';
import { currentStep } from '../walkthrough/engine';
import type { DataStore } from './data-store';
import type { Walkthroughs } from './walkthroughs';

export type PendingAction = RequestOf<'askInPopup'>['action'];

export interface PendingEnv {
  session: StorageArea;
  data: DataStore;
  walkthroughs: Walkthroughs;
  channel: typeof CHANNEL;
  /** The platform a page belongs to (undefined off the tracked platforms). */
  platformAt(url: string): string | undefined;
  /** The dismissal, as the banner's Dismiss records it (checked against the asking page there). */
  dismiss(action: Extract<PendingAction, { kind: 'dismiss' }>, sender: SenderInfo): Promise<unknown>;
  sendToTab(tabId: number, message: ConfirmedNotice): Promise<unknown>;
}

export interface Pending {
  ask(action: PendingAction, sender: SenderInfo): Promise<null>;
  view(tabId: number): Promise<PendingView | null>;
  confirm(tabId: number, yes: boolean): Promise<null>;
  forgetTab(tabId: number): Promise<void>;
}

interface Stored {
  action: PendingAction;
  /** The asking page (the browser's word), for the checks when it is carried out. */
  url: string;
}

export function createPending(env: PendingEnv): Pending {
  const items = pendingItems(env.session);

  /** The platform an action is about (a "Do it for me" is about the tab's run). */
  const platformOf = async (action: PendingAction) =>
    action.kind === 'dismiss'
      ? action.platformId
      : action.kind === 'guide'
        ? (await env.data.catalog()).walkthroughs[action.walkthroughId]
        : undefined;

  /** What the action would do, in our words (data we hold, never the page's text); null when it cannot be done. */
  const describe = async (tabId: number, { action, url }: Stored): Promise<PendingView | null> => {
    if (action.kind === 'do-it-for-me') {
      const state = await env.walkthroughs.getWalkthrough({}, { tab: { id: tabId }, url });
      const step = state && currentStep(state.walkthrough, state.run);
      if (!state || state.run.stepIndex !== action.stepIndex || step?.kind !== 'setControl') return null;
      return {
        kind: action.kind,
        platformName: state.platformName,
        title: state.walkthrough.title,
        what: step.explanation,
      };
    }
    const platformId = await platformOf(action);
    // Checked like the click it stands for: only for the platform of the page that asked.
    const platform = platformId && env.platformAt(url) === platformId ? await env.data.platform(platformId) : undefined;
    const title =
      action.kind === 'guide'
        ? platform?.walkthroughs.find((w) => w.id === action.walkthroughId)?.title
        : platform?.documents.find((d) => d.id === action.documentId)?.title;
    return platform && title ? { kind: action.kind, platformName: platform.name, title, what: '' } : null;
  };

  return {
    async ask(action, sender) {
      const tabId = sender.tab?.id;
      const url = senderPage(sender);
      if (tabId === undefined || !url) throw new Error('askInPopup comes from a tab');
      const stored: Stored = { action, url };
      // The same checks as the click itself, now: a request the page could not make directly is refused.
      if ((await describe(tabId, stored)) === null) throw new Error('askInPopup: nothing to confirm for this page');
      await items.item(String(tabId)).set(stored);
      return null;
    },
    async view(tabId) {
      const stored = await items.item(String(tabId)).get();
      return stored ? describe(tabId, stored) : null;
    },
    async confirm(tabId, yes) {
      const item = items.item(String(tabId));
      const stored = await item.get();
      await item.remove();
      if (!stored || !yes || (await describe(tabId, stored)) === null) return null;
      const { action } = stored;
      const sender: SenderInfo = { tab: { id: tabId }, url: stored.url };
      if (action.kind === 'dismiss') await env.dismiss(action, sender);
      else if (action.kind === 'guide')
        await env.walkthroughs.startWalkthrough({ walkthroughId: action.walkthroughId, tabId }, sender);
      else await env.sendToTab(tabId, { channel: env.channel, notice: 'do-it-confirmed', stepIndex: action.stepIndex });
      return null;
    },
    forgetTab: (tabId) => items.item(String(tabId)).remove(),
  };
}
