/**
 * The background side of walkthroughs: one run per tab in session storage (it survives
 * navigations, reloads and service-worker restarts), events from the content script go through
 * the engine, and the engine's effects are carried out here: navigating the tab, and recording the
 * action as done when the control was seen in the desired state. Every change to a run — start,
 * event, finish, a closed tab — goes through one queue, in arrival order.
 *
 * Where a report comes from is the browser's word, never the report's: the page is the sender's
 * URL, the document its document id (Chrome) or, where the browser gives none (Firefox), the id the
 * overlay script drew for its document in its isolated world (a page script cannot read or send
 * it). The engine counts a report only from the current step's page of the run's platform.
 */
import { hostIsUnder } from '../domains';
import { isSafeLink } from '../links';
import type { ContentWalkthroughEvent, WalkthroughState } from '../messages';
import { type Handlers, type SenderInfo, senderPage } from '../protocol';
import type { Platform, Walkthrough } from '../schema';
import { type StorageArea, walkthroughRuns } from '../storage';
import {
  effectsOf,
  isOnStepPage,
  pageOf,
  reduce,
  startRun,
  type WalkthroughEvent,
  type WalkthroughRun,
} from '../walkthrough/engine';
import type { DataStore } from './data-store';
import type { ProgressStore } from './progress';

export interface WalkthroughEnv {
  session: StorageArea;
  data: DataStore;
  progress: ProgressStore;
  tabs: {
    get(tabId: number): Promise<{ url?: string }>;
    update(tabId: number, details: { url: string }): Promise<unknown>;
  };
  /** Put the overlay into the tab now (when the first step does not load a page, which injects it). */
  inject(tabId: number): Promise<unknown>;
  now: () => Date;
}

type WalkthroughHandlers = Pick<
  Handlers,
  'startWalkthrough' | 'getWalkthrough' | 'walkthroughEvent' | 'finishWalkthrough'
>;

export interface Walkthroughs extends WalkthroughHandlers {
  /**
   * Whether the overlay belongs on the tab's page at `url`: a run in the tab, and the page on its
   * platform's sites (another site in the same tab gets nothing injected).
   */
  runsIn(tabId: number, url: string | undefined): Promise<boolean>;
  /** Whether the overlay shows on that page now (not paused there): the page's own banner or chip stay away. */
  showsOn(tabId: number, url: string | undefined): Promise<boolean>;
  /** Forget the run of a closed tab. */
  forgetTab(tabId: number): Promise<void>;
}

interface Found {
  platform: Platform;
  walkthrough: Walkthrough;
  provisionId: string;
  actionId: string;
}

function senderTab(sender: SenderInfo): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('walkthrough messages come from a tab');
  return id;
}

const onSites = (platform: Platform, url: string | undefined): boolean =>
  url !== undefined && URL.canParse(url) && platform.domains.some((d) => hostIsUnder(new URL(url).hostname, d));

/** The engine's event for a report: the page and the document from the sender, never from the payload. */
function fromSender(event: ContentWalkthroughEvent, url: string, document: string): WalkthroughEvent {
  switch (event.type) {
    case 'arrived':
    case 'clicked':
      return { type: event.type, url };
    case 'absent':
      return { ...event, url };
    case 'control':
      return { ...event, url, document };
    default:
      return event;
  }
}

/**
 * Whether the overlay shows at `url`: a running step that happens on one page shows only there
 * (elsewhere the run pauses, with no overlay); a navigate or info step, and the end card, show on
 * any page of the platform.
 */
export function shownAt(walkthrough: Walkthrough, run: WalkthroughRun, url: string): boolean {
  if (run.status !== 'running') return true;
  const step = walkthrough.steps[run.stepIndex];
  if (step?.kind !== 'click' && step?.kind !== 'setControl') return true;
  return isOnStepPage(walkthrough, run, url);
}

export function createWalkthroughs(env: WalkthroughEnv): Walkthroughs {
  const runs = walkthroughRuns(env.session);
  const run = (tabId: number) => runs.item(String(tabId));

  const find = async (walkthroughId: string): Promise<Found | undefined> => {
    const platformId = (await env.data.catalog()).walkthroughs[walkthroughId];
    const platform = platformId === undefined ? undefined : await env.data.platform(platformId);
    const walkthrough = platform?.walkthroughs.find((w) => w.id === walkthroughId);
    if (!platform || !walkthrough) return undefined;
    for (const provision of platform.provisions) {
      const action = provision.actions.find((a) => a.walkthroughId === walkthroughId);
      if (action) return { platform, walkthrough, provisionId: provision.id, actionId: action.id };
    }
    return undefined;
  };

  /** The run in the sender's tab and its walkthrough, when the sender's page is on the run's platform. */
  const forSender = async (sender: SenderInfo) => {
    const current = await run(senderTab(sender)).get();
    const found = current && (await find(current.walkthroughId));
    return current && found && onSites(found.platform, senderPage(sender)) ? { current, found } : null;
  };

  const stateOf = (found: Found, r: WalkthroughRun, url: string): WalkthroughState => ({
    run: r,
    walkthrough: found.walkthrough,
    platformName: found.platform.name,
    paused: !shownAt(found.walkthrough, r, url),
  });

  const apply = async (
    found: Found,
    before: WalkthroughRun | null,
    after: WalkthroughRun,
    event?: WalkthroughEvent,
  ): Promise<boolean> => {
    const effects = effectsOf(found.walkthrough, before, after, event);
    if (effects.ended === 'done') {
      const seenOn = event && 'url' in event ? pageOf(event.url) : undefined;
      await env.progress.markDone(after.provisionId, after.actionId, env.now(), seenOn);
    }
    if (!effects.navigateTo) return false;
    // Data said where to go; still, only ever to the platform's own sites.
    if (!isSafeLink(effects.navigateTo, found.platform.domains)) {
      throw new Error(`walkthrough step URL ${effects.navigateTo} is not on the platform's sites`);
    }
    await env.tabs.update(after.tabId, { url: effects.navigateTo });
    return true;
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const placed = async (tabId: number, url: string | undefined) => {
    const current = await run(tabId).get();
    const found = current && (await find(current.walkthroughId));
    return current && found && url && onSites(found.platform, url) ? { current, found, url } : null;
  };

  return {
    runsIn: async (tabId, url) => (await placed(tabId, url)) !== null,
    async showsOn(tabId, url) {
      const here = await placed(tabId, url);
      return here !== null && shownAt(here.found.walkthrough, here.current, here.url);
    },
    forgetTab: (tabId) => serial(() => run(tabId).remove()),
    startWalkthrough: ({ walkthroughId, tabId: requested }, sender) =>
      serial(async () => {
        // A content script may only start one in its own tab, and only for the platform it is on.
        const tabId = sender.tab?.id ?? requested;
        if (tabId === undefined) throw new Error('startWalkthrough needs a tab');
        const found = await find(walkthroughId);
        if (!found) throw new Error(`unknown walkthrough "${walkthroughId}"`);
        if (sender.tab && !onSites(found.platform, senderPage(sender))) {
          throw new Error(`walkthrough "${walkthroughId}" is not for the page that asked`);
        }
        const tab = await env.tabs.get(tabId).catch(() => ({}) as { url?: string });
        // Only a web page is somewhere to go back to.
        const returnUrl = tab.url && /^https?:\/\//.test(tab.url) ? tab.url : null;
        const started = startRun(found.walkthrough, {
          platformId: found.platform.id,
          provisionId: found.provisionId,
          actionId: found.actionId,
          tabId,
          returnUrl,
          now: env.now(),
        });
        await run(tabId).set(started);
        const navigated = await apply(found, null, started);
        if (!navigated) await env.inject(tabId);
        return started;
      }),
    async getWalkthrough(_payload, sender) {
      const here = await forSender(sender);
      return here ? stateOf(here.found, here.current, senderPage(sender)) : null;
    },
    walkthroughEvent: ({ event, stepIndex, pageId }, sender) =>
      serial(async () => {
        const here = await forSender(sender);
        if (!here) return null;
        const { current: before, found } = here;
        const url = senderPage(sender);
        const engineEvent = fromSender(event, url, sender.documentId ?? `page:${pageId}`);
        // A late observation about a step that is already over changes nothing. A cancel always
        // applies, and so does an arrival: where the page is (the sender's address) is news for
        // whichever step is current, and a link the user clicked in a single-page app reports it
        // before the overlay has heard that the click ended its step.
        const stale = event.type !== 'cancel' && event.type !== 'arrived' && stepIndex !== before.stepIndex;
        const after = stale ? before : reduce(found.walkthrough, before, engineEvent, env.now());
        if (after !== before) await run(before.tabId).set(after);
        await apply(found, before, after, engineEvent);
        return stateOf(found, after, url);
      }),
    finishWalkthrough: ({ returnToStart }, sender) =>
      serial(async () => {
        const tabId = senderTab(sender);
        const current = await run(tabId).get();
        await run(tabId).remove();
        // Only ever back to a web page the tab was on.
        if (returnToStart && current?.returnUrl && /^https?:\/\//.test(current.returnUrl)) {
          await env.tabs.update(tabId, { url: current.returnUrl });
        }
        return null;
      }),
  };
}
