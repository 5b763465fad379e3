/**
 * The background side of walkthroughs: runs are kept per tab in session storage (they
 * survive navigations, reloads and service-worker restarts), events from the content script
 * go through the engine, and the engine's effects are carried out here: navigating the tab,
 * and recording the action as done when the control was seen in the desired state.
 */

import { isSafeLink } from '../links';
import type { WalkthroughState } from '../messages';
import type { Handlers } from '../protocol';
import type { Walkthrough } from '../schema';
import { markActionDone, type ServiceState } from '../service';
import type { ReadWriteArea } from '../storage-area';
import { effectsOf, reduce, startRun, type WalkthroughEvent, type WalkthroughRun } from './engine';

export interface WalkthroughEnv {
  session: ReadWriteArea;
  tabs: {
    get(tabId: number): Promise<{ url?: string }>;
    update(tabId: number, details: { url: string }): Promise<unknown>;
  };
  /** Put the overlay into the tab now (when the first step does not load a page, which injects it). */
  inject(tabId: number): Promise<unknown>;
  now: () => Date;
}

type Runs = Record<string, WalkthroughRun>;

/** In storage.session: the runs, by tab id (gone with the browser session, like the tabs). */
const RUNS_KEY = 'walkthrough-runs';

async function loadRuns(env: { session: Pick<ReadWriteArea, 'get'> }): Promise<Runs> {
  return ((await env.session.get(RUNS_KEY))[RUNS_KEY] as Runs | undefined) ?? {};
}

async function saveRuns(env: Pick<WalkthroughEnv, 'session'>, runs: Runs): Promise<void> {
  await env.session.set({ [RUNS_KEY]: runs });
}

/** Forget the run of a closed tab. */
export async function forgetTab(session: ReadWriteArea, tabId: number): Promise<void> {
  const runs = await loadRuns({ session });
  if (!runs[String(tabId)]) return;
  delete runs[String(tabId)];
  await saveRuns({ session }, runs);
}

/** Whether a walkthrough runs in this tab (its overlay script must be injected after each load). */
export async function runsIn(session: Pick<ReadWriteArea, 'get'>, tabId: number): Promise<boolean> {
  return Boolean((await loadRuns({ session }))[String(tabId)]);
}

function findWalkthrough(state: ServiceState, walkthroughId: string) {
  for (const platform of state.platforms) {
    const walkthrough = platform.walkthroughs.find((w) => w.id === walkthroughId);
    if (!walkthrough) continue;
    for (const provision of state.provisions.get(platform.id) ?? []) {
      const action = provision.actions.find((a) => a.walkthroughId === walkthroughId);
      if (action) return { platform, walkthrough, provision, action };
    }
  }
  return undefined;
}

function stateOf(state: ServiceState, run: WalkthroughRun): WalkthroughState | null {
  const found = findWalkthrough(state, run.walkthroughId);
  return found ? { run, walkthrough: found.walkthrough, platformName: found.platform.name } : null;
}

function senderTab(sender: { tab?: { id?: number } }): number {
  const id = sender.tab?.id;
  if (id === undefined) throw new Error('walkthrough messages come from a tab');
  return id;
}

type WalkthroughHandlers = Pick<
  Handlers,
  'startWalkthrough' | 'getWalkthrough' | 'walkthroughEvent' | 'finishWalkthrough'
>;

export function createWalkthroughHandlers(ready: Promise<ServiceState>, env: WalkthroughEnv): WalkthroughHandlers {
  const apply = async (
    state: ServiceState,
    walkthrough: Walkthrough,
    before: WalkthroughRun | null,
    after: WalkthroughRun,
    event?: WalkthroughEvent,
  ) => {
    const effects = effectsOf(walkthrough, before, after, event);
    if (effects.ended === 'done') await markActionDone(state, after.provisionId, after.actionId, env.now());
    if (!effects.navigateTo) return false;
    // Data said where to go; still, only ever to the platform's own sites.
    const platform = state.platforms.find((p) => p.id === after.platformId);
    if (!platform || !isSafeLink(effects.navigateTo, platform.domains)) {
      throw new Error(`walkthrough step URL ${effects.navigateTo} is not on the platform's sites`);
    }
    await env.tabs.update(after.tabId, { url: effects.navigateTo });
    return true;
  };

  // Runs are read, changed and written back: one change at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    startWalkthrough: ({ walkthroughId, tabId: requested }, sender) =>
      serial(async () => {
        const state = await ready;
        // A content script may only start one in its own tab.
        const tabId = sender.tab?.id ?? requested;
        if (tabId === undefined) throw new Error('startWalkthrough needs a tab');
        const found = findWalkthrough(state, walkthroughId);
        if (!found) throw new Error(`unknown walkthrough "${walkthroughId}"`);
        const tab = await env.tabs.get(tabId).catch(() => ({}) as { url?: string });
        // Only a web page is somewhere to go back to.
        const returnUrl = tab.url && /^https?:\/\//.test(tab.url) ? tab.url : null;
        const run = startRun(found.walkthrough, {
          platformId: found.platform.id,
          provisionId: found.provision.id,
          actionId: found.action.id,
          tabId,
          returnUrl,
          now: env.now(),
        });
        const runs = await loadRuns(env);
        runs[String(tabId)] = run;
        await saveRuns(env, runs);
        const navigated = await apply(state, found.walkthrough, null, run);
        if (!navigated) await env.inject(tabId);
        return run;
      }),
    async getWalkthrough(_payload, sender) {
      const state = await ready;
      const run = (await loadRuns(env))[String(senderTab(sender))];
      return run ? stateOf(state, run) : null;
    },
    walkthroughEvent: ({ event, stepIndex }, sender) =>
      serial(async () => {
        const state = await ready;
        const tabId = senderTab(sender);
        const runs = await loadRuns(env);
        const before = runs[String(tabId)];
        if (!before) return null;
        const found = findWalkthrough(state, before.walkthroughId);
        if (!found) return null;
        // A late observation about a step that is already over changes nothing (cancel always applies).
        const stale = event.type !== 'cancel' && stepIndex !== before.stepIndex;
        const after = stale ? before : reduce(found.walkthrough, before, event, env.now());
        if (after !== before) {
          runs[String(tabId)] = after;
          await saveRuns(env, runs);
        }
        await apply(state, found.walkthrough, before, after, event);
        return { run: after, walkthrough: found.walkthrough, platformName: found.platform.name };
      }),
    finishWalkthrough: ({ returnToStart }, sender) =>
      serial(async () => {
        const tabId = senderTab(sender);
        const runs = await loadRuns(env);
        const run = runs[String(tabId)];
        delete runs[String(tabId)];
        await saveRuns(env, runs);
        // Only ever back to a web page the tab was on.
        if (returnToStart && run?.returnUrl && /^https?:\/\//.test(run.returnUrl)) {
          await env.tabs.update(tabId, { url: run.returnUrl });
        }
        return null;
      }),
  };
}
