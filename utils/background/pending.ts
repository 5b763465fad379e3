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

  /** What the action would do, in our words (data we hold, never the page's text). */
  const describe = async (tabId: number, stored: Stored): Promise<PendingView | null> => {
    const { action } = stored;
    if (action.kind === 'do-it-for-me') {
      const state = await env.walkthroughs.getWalkthrough({}, { tab: { id: tabId }, url: stored.url });
      const step = state && currentStep(state.walkthrough, state.run);
      if (!state || state.run.stepIndex !== action.stepIndex || step?.kind !== 'setControl') return null;
      return {
        kind: action.kind,
        platformName: state.platformName,
        title: state.walkthrough.title,
        what: step.explanation,
      };
    }
    const platformId =
      action.kind === 'dismiss' ? action.platformId : env.data.current().catalog.walkthroughs[action.walkthroughId];
    const platform = platformId ? await env.data.platform(platformId) : undefined;
    if (!platform) return null;
    if (action.kind === 'guide') {
      const walkthrough = platform.walkthroughs.find((w) => w.id === action.walkthroughId);
      return walkthrough ? { kind: 'guide', platformName: platform.name, title: walkthrough.title, what: '' } : null;
    }
    const document = platform.documents.find((d) => d.id === action.documentId);
    return document ? { kind: 'dismiss', platformName: platform.name, title: document.title, what: '' } : null;
  };

  return {
    async ask(action, sender) {
      const tabId = sender.tab?.id;
      const url = senderPage(sender);
      if (tabId === undefined || !url) throw new Error('askInPopup comes from a tab');
      const stored: Stored = { action, url };
      // The same checks as the click itself, now: a request the page could not make directly is refused.
      if ((await describe(tabId, stored)) === null) throw new Error('askInPopup: nothing to confirm for this page');
      const platformId =
        action.kind === 'dismiss'
          ? action.platformId
          : action.kind === 'guide'
            ? env.data.current().catalog.walkthroughs[action.walkthroughId]
            : undefined;
      if (platformId !== undefined && env.platformAt(url) !== platformId)
        throw new Error("askInPopup: not for the asking page's platform");
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
