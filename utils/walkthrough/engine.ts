/**
 * The walkthrough engine: a pure state machine over a walkthrough's steps. The background
 * owns the run (persisted in extension storage, so it survives navigations, reloads and
 * service-worker restarts); the content script reports what it observes on the page as
 * events; `reduce` decides what happens next and `effectsOf` what the background must do.
 */
import type { Walkthrough, WalkthroughStep } from '../schema';

/** `incomplete`: the steps ran out, but a setting step was skipped, so nothing is known to be set. */
export type RunStatus = 'running' | 'done' | 'incomplete' | 'not-applicable' | 'failed' | 'cancelled';
export type StepOutcome = 'done' | 'skipped' | 'not-applicable' | 'failed' | 'cancelled';

/** What the engine has to say; the overlay words it (utils/walkthrough-text.ts, `wt_*` messages). */
export type WalkthroughMessage =
  | { code: 'done' | 'incomplete' | 'cancelled' | 'not-applicable' | 'not-saved' | 'reload-to-confirm' }
  /** The step's control did not appear within `seconds`. */
  | { code: 'not-found'; seconds: number };

export interface HistoryEntry {
  stepId: string;
  outcome: StepOutcome;
  at: string;
}

export interface WalkthroughRun {
  walkthroughId: string;
  platformId: string;
  provisionId: string;
  actionId: string;
  tabId: number;
  /** Where the user started, to offer a way back at the end (null when not known). */
  returnUrl: string | null;
  startedAt: string;
  stepIndex: number;
  status: RunStatus;
  /** The desired state was seen; the step wants it confirmed after a reload. */
  awaitingReload: boolean;
  /** The document (browser-reported id) the desired state was seen in while awaiting the reload. */
  setIn?: string | null;
  /**
   * The page (origin + path) the current click or setting step was first observed on: later
   * observations count only from there. Null until then, and again when the step changes.
   */
  boundPage?: string | null;
  /** What to tell the user about the current state: a code the overlay says in the user's language. */
  message: WalkthroughMessage | null;
  history: HistoryEntry[];
}

/**
 * What happened, as the background passes it in. `url` and `document` are the browser's word for
 * the page that reported it (the message sender's URL and document), never the report's own.
 */
export type WalkthroughEvent =
  /** A page of the tab finished loading (or changed URL in a single-page app). */
  | { type: 'arrived'; url: string }
  /** The user clicked the current click step's target. */
  | { type: 'clicked'; url: string }
  /**
   * The current control was observed in `document` at `url`; `firstLook` marks the first
   * observation of this step's control in that document.
   */
  | { type: 'control'; inDesiredState: boolean; firstLook: boolean; url: string; document: string }
  /** The current step's target did not appear in time. */
  | { type: 'absent'; waitedMs: number; url: string }
  | { type: 'continue' }
  | { type: 'skip' }
  | { type: 'cancel' };

export interface Effects {
  /** Send the tab here (a navigate step became current, not right after a click that navigates by itself). */
  navigateTo?: string;
  /** The run just ended with this status. */
  ended?: RunStatus;
}

export function currentStep(walkthrough: Walkthrough, run: WalkthroughRun): WalkthroughStep | undefined {
  return run.status === 'running' ? walkthrough.steps[run.stepIndex] : undefined;
}

/** `whole` is `prefix`, or starts with it followed by a "/" (a boundary, so "/a" does not cover "/ab"). */
function atBoundary(whole: string, prefix: string): boolean {
  return whole === prefix || whole.startsWith(`${prefix}/`);
}

/**
 * Whether `url` counts as arrived for a navigate step: the same origin and path (or a path below
 * it), whatever the query. The fragment is ignored too, unless the arrivedAt URL has one: apps
 * that route in the fragment show a different view there (chatgpt.com/ is the chat, and
 * chatgpt.com/#settings/DataControls the settings), so then the fragment must match as well, by
 * the same prefix rule and ignoring case.
 */
export function hasArrived(step: Extract<WalkthroughStep, { kind: 'navigate' }>, url: string): boolean {
  return isUnder(step.arrivedAt, url);
}

/** Whether `url` is at or below one of `prefixes` (the hasArrived rule). */
export function isUnder(prefixes: readonly string[], url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  const here = `${u.origin}${u.pathname}`.replace(/\/$/, '');
  return prefixes.some((a) => {
    if (!URL.canParse(a)) return false;
    const t = new URL(a);
    const target = `${t.origin}${t.pathname}`.replace(/\/$/, '');
    if (!atBoundary(here, target)) return false;
    return t.hash === '' || atBoundary(u.hash.toLowerCase(), t.hash.toLowerCase());
  });
}

/** A page's identity for binding a step to it: origin and path (no query, no fragment). */
export function pageOf(url: string): string {
  if (!URL.canParse(url)) return '';
  const u = new URL(url);
  return `${u.origin}${u.pathname}`.replace(/\/$/, '');
}

/**
 * Where step `index` happens: its own `at`, else the page the previous step leaves the user on
 * (a navigate step's arrivedAt, another step's own place). Null: anywhere on the platform's sites
 * (navigate steps, and steps before any place is known). A click that follows a link takes the
 * user elsewhere, so the step after it names its place in the data (the integrity check holds it).
 */
export function stepScope(walkthrough: Walkthrough, index: number): readonly string[] | null {
  for (let i = index; i >= 0; i--) {
    const step = walkthrough.steps[i];
    if (!step) return null;
    if (step.kind === 'navigate') return i === index ? null : step.arrivedAt;
    if ('at' in step && step.at) return step.at;
  }
  return null;
}

/**
 * Whether an observation from `url` is about the current step's page: inside the step's place
 * and, once the step was first observed somewhere, on that same page. Anything else (another page
 * of the platform with a similar control, another site in the same tab) is not evidence.
 */
export function isOnStepPage(walkthrough: Walkthrough, run: WalkthroughRun, url: string): boolean {
  const scope = stepScope(walkthrough, run.stepIndex);
  if (scope && !isUnder(scope, url)) return false;
  return !run.boundPage || run.boundPage === pageOf(url);
}

export interface StartContext {
  platformId: string;
  provisionId: string;
  actionId: string;
  tabId: number;
  returnUrl: string | null;
  now: Date;
}

export function startRun(walkthrough: Walkthrough, ctx: StartContext): WalkthroughRun {
  return {
    walkthroughId: walkthrough.id,
    platformId: ctx.platformId,
    provisionId: ctx.provisionId,
    actionId: ctx.actionId,
    tabId: ctx.tabId,
    returnUrl: ctx.returnUrl,
    startedAt: ctx.now.toISOString(),
    stepIndex: 0,
    status: 'running',
    awaitingReload: false,
    setIn: null,
    boundPage: null,
    message: null,
    history: [],
  };
}

function record(run: WalkthroughRun, outcome: StepOutcome, walkthrough: Walkthrough, now: Date): HistoryEntry[] {
  const step = walkthrough.steps[run.stepIndex];
  return step ? [...run.history, { stepId: step.id, outcome, at: now.toISOString() }] : run.history;
}

/**
 * Close the current step with `outcome` and move on, or finish: `done` only when every setting
 * step was seen in its desired state; a skipped one makes the run `incomplete` (never recorded).
 */
function advance(walkthrough: Walkthrough, run: WalkthroughRun, outcome: StepOutcome, now: Date): WalkthroughRun {
  const history = record(run, outcome, walkthrough, now);
  const stepIndex = run.stepIndex + 1;
  if (stepIndex < walkthrough.steps.length)
    return { ...run, history, stepIndex, awaitingReload: false, setIn: null, boundPage: null, message: null };
  const setOk = walkthrough.steps
    .filter((s) => s.kind === 'setControl')
    .every((s) => history.some((h) => h.stepId === s.id && h.outcome === 'done'));
  return {
    ...run,
    history,
    status: setOk ? 'done' : 'incomplete',
    awaitingReload: false,
    setIn: null,
    message: { code: setOk ? 'done' : 'incomplete' },
  };
}

function end(
  walkthrough: Walkthrough,
  run: WalkthroughRun,
  status: Exclude<RunStatus, 'running' | 'done'>,
  outcome: StepOutcome,
  message: WalkthroughMessage,
  now: Date,
): WalkthroughRun {
  return {
    ...run,
    history: record(run, outcome, walkthrough, now),
    status,
    awaitingReload: false,
    setIn: null,
    message,
  };
}

export function reduce(
  walkthrough: Walkthrough,
  run: WalkthroughRun,
  event: WalkthroughEvent,
  now: Date,
): WalkthroughRun {
  const step = currentStep(walkthrough, run);
  if (!step) return run;
  if (event.type === 'cancel') return end(walkthrough, run, 'cancelled', 'cancelled', { code: 'cancelled' }, now);
  if (event.type === 'skip') return advance(walkthrough, run, 'skipped', now);
  // What a page reports about a click or a setting counts only from the step's own page; the first
  // such report binds the step to its page.
  if (event.type === 'clicked' || event.type === 'control' || event.type === 'absent') {
    if (step.kind !== 'click' && step.kind !== 'setControl') return run;
    if (!isOnStepPage(walkthrough, run, event.url)) return run;
    if (!run.boundPage) run = { ...run, boundPage: pageOf(event.url) };
  }

  switch (step.kind) {
    case 'navigate':
      if (event.type === 'arrived' && hasArrived(step, event.url)) return advance(walkthrough, run, 'done', now);
      return run; // on "continue" the background navigates again (see effectsOf)
    case 'info':
      return event.type === 'continue' ? advance(walkthrough, run, 'done', now) : run;
    case 'click':
      if (event.type === 'clicked') return advance(walkthrough, run, 'done', now);
      if (event.type === 'absent') {
        return step.whenAbsent === 'skip'
          ? advance(walkthrough, run, 'skipped', now)
          : end(walkthrough, run, 'failed', 'failed', notFound(event.waitedMs), now);
      }
      return run;
    case 'setControl': {
      if (event.type === 'absent') {
        return step.whenAbsent === 'not-applicable'
          ? end(walkthrough, run, 'not-applicable', 'not-applicable', { code: 'not-applicable' }, now)
          : end(walkthrough, run, 'failed', 'failed', notFound(event.waitedMs), now);
      }
      if (event.type !== 'control') return run;
      // A reload (or any new load of the page) brings a new document: what it shows is what the platform saved.
      const reloaded = run.awaitingReload && event.document !== run.setIn;
      if (!event.inDesiredState) {
        return {
          ...run,
          awaitingReload: false,
          setIn: null,
          message: reloaded ? { code: 'not-saved' } : null,
        };
      }
      // Confirmed: no reload asked for; seen again in a new document of the same page; or seen as
      // wanted at the first look in a document (the page came that way from the platform).
      if (!step.verifyAfterReload || reloaded || (!run.awaitingReload && event.firstLook)) {
        return advance(walkthrough, run, 'done', now);
      }
      if (run.awaitingReload) return run;
      return {
        ...run,
        awaitingReload: true,
        setIn: event.document,
        message: { code: 'reload-to-confirm' },
      };
    }
  }
}

/** What the background must do after a transition from `before` to `after`. */
export function effectsOf(
  walkthrough: Walkthrough,
  before: WalkthroughRun | null,
  after: WalkthroughRun,
  event?: WalkthroughEvent,
): Effects {
  const effects: Effects = {};
  if (after.status !== 'running') {
    if (before?.status === 'running' || before === null) effects.ended = after.status;
    return effects;
  }
  const step = walkthrough.steps[after.stepIndex];
  if (step?.kind !== 'navigate') return effects;
  const entered = before === null || before.stepIndex !== after.stepIndex;
  const previous = walkthrough.steps[after.stepIndex - 1];
  const clickedThrough = previous?.kind === 'click' && after.history.at(-1)?.outcome === 'done';
  // A click on a link navigates by itself; otherwise we take the user there (or again on "Continue").
  if ((entered && !clickedThrough) || event?.type === 'continue') effects.navigateTo = step.url;
  return effects;
}

function notFound(waitedMs: number): WalkthroughMessage {
  return { code: 'not-found', seconds: Math.round(waitedMs / 1000) };
}
