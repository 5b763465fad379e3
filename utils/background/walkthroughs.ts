/**
 * The background side of walkthroughs: one run per tab in session storage (it survives
 * navigations, reloads and service-worker restarts), events from the content script go through
 * the engine, and the engine's effects are carried out here: navigating the tab, and recording the
 * action as done when the control was seen in the desired state. Every change to a run — start,
 * event, finish, a closed tab — goes through one queue, in arrival order.
 */
import { isSafeLink } from '../links';
import type { WalkthroughState } from '../messages';
import type { Handlers } from '../protocol';
import type { Platform, Walkthrough } from '../schema';
import { type StorageArea, walkthroughRuns } from '../storage';
import { effectsOf, reduce, startRun, type WalkthroughEvent, type WalkthroughRun } from '../walkthrough/engine';
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
  /** Whether a walkthrough runs in this tab (its overlay script must be injected after each load). */
  runsIn(tabId: number): Promise<boolean>;
  /** Forget the run of a closed tab. */
  forgetTab(tabId: number): Promise<void>;
}

interface Found {
  platform: Platform;
  walkthrough: Walkthrough;
  provisionId: string;
  actionId: string;
}

function senderTab(sender: { tab?: { id?: number } }): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('walkthrough messages come from a tab');
  return id;
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

  const stateOf = (found: Found, r: WalkthroughRun): WalkthroughState => ({
    run: r,
    walkthrough: found.walkthrough,
    platformName: found.platform.name,
  });

  const apply = async (
    found: Found,
    before: WalkthroughRun | null,
    after: WalkthroughRun,
    event?: WalkthroughEvent,
  ): Promise<boolean> => {
    const effects = effectsOf(found.walkthrough, before, after, event);
    if (effects.ended === 'done') await env.progress.markDone(after.provisionId, after.actionId, env.now());
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

  return {
    runsIn: async (tabId) => (await run(tabId).get()) !== null,
    forgetTab: (tabId) => serial(() => run(tabId).remove()),
    startWalkthrough: ({ walkthroughId, tabId: requested }, sender) =>
      serial(async () => {
        // A content script may only start one in its own tab.
        const tabId = sender.tab?.id ?? requested;
        if (tabId === undefined) throw new Error('startWalkthrough needs a tab');
        const found = await find(walkthroughId);
        if (!found) throw new Error(`unknown walkthrough "${walkthroughId}"`);
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
      const current = await run(senderTab(sender)).get();
      const found = current && (await find(current.walkthroughId));
      return current && found ? stateOf(found, current) : null;
    },
    walkthroughEvent: ({ event, stepIndex }, sender) =>
      serial(async () => {
        const tabId = senderTab(sender);
        const before = await run(tabId).get();
        if (!before) return null;
        const found = await find(before.walkthroughId);
        if (!found) return null;
        // A late observation about a step that is already over changes nothing (cancel always applies).
        const stale = event.type !== 'cancel' && stepIndex !== before.stepIndex;
        const after = stale ? before : reduce(found.walkthrough, before, event, env.now());
        if (after !== before) await run(tabId).set(after);
        await apply(found, before, after, event);
        return stateOf(found, after);
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
