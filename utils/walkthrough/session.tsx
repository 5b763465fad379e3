/**
 * One walkthrough overlay in one document: it asks the background (which owns the run) what the
 * current step is, watches the page for that step's control or link, reports what it sees, and
 * draws the card. Everything it touches comes in as `env` (the document, the background client, a
 * mount for our UI, the clock, the visibility check), so it runs the same in happy-dom tests as in
 * a page; entrypoints/walkthrough only wires it.
 *
 * It never acts on the page except through "Do it for me", which needs a real click on our button
 * while our UI is seen as drawn, and a specific match of the control (its stable attribute, or
 * role and accessible name); the card names the control it will change. Where the current step
 * happens on another page, the run waits: no overlay here until the user is back.
 */
import { render } from 'preact';
import { type ControlView, desiredText, WalkthroughOverlay } from '../../components/WalkthroughOverlay';
import type { ContentWalkthroughEvent, WalkthroughState } from '../messages';
import type { WalkthroughStep } from '../schema';
import { type VisibilityCheck, watchVisibility } from '../visibility';
import {
  controlName,
  type Found,
  isSpecificMatch,
  type ObservedState,
  outlineTarget,
  setControlForUser,
  waitForTarget,
  watchClick,
  watchControl,
} from './dom';
import { currentStep } from './engine';

type Desired = Extract<WalkthroughStep, { kind: 'setControl' }>['desired'];

/** How long to look for a step's control when the data does not say. */
const DEFAULT_TIMEOUT_MS = 15_000;

export interface OverlayHost {
  container: HTMLElement;
  remove(): void;
}

/** The background, as the overlay talks to it (utils/messages.ts requests, bound to the runtime). */
export interface WalkthroughClient {
  get(): Promise<WalkthroughState | null>;
  event(event: ContentWalkthroughEvent, stepIndex: number): Promise<WalkthroughState | null>;
  finish(returnToStart: boolean): Promise<void>;
  /** Our UI could not be seen as drawn: ask the user to confirm "Do it for me" in the toolbar popup. */
  confirmInPopup(stepIndex: number): Promise<void>;
}

export interface SessionEnv {
  doc: Document;
  client: WalkthroughClient;
  /** Put our UI into the page (a closed shadow root); called when there is something to show. */
  mount(): OverlayHost;
  reload(): void;
  /** Milliseconds, for how long a control was waited for. */
  now(): number;
  /** Aborts when this overlay script stops (the extension was updated or reloaded). */
  lifetime: AbortSignal;
  /** How the visibility of our card is checked (default: utils/visibility.ts). */
  watchVisibility?: (card: Element) => VisibilityCheck;
}

export interface Session {
  /** The page's URL changed without a new document (pushState, replaceState, a fragment, history). */
  navigated(): void;
  /** The user confirmed "Do it for me" for step `stepIndex` in the popup. */
  confirmed(stepIndex: number): void;
  stop(): void;
}

function stateText(state: ObservedState, desired: Desired): string | null {
  if (state === null) return null;
  if (typeof state === 'string') return state;
  return desiredText({ ...desired, value: state } as Desired);
}

/**
 * Start the overlay for the walkthrough running in this tab, if any (null: none, or none for
 * this page's site). The first report says the page is here ("arrived").
 */
export async function startSession(env: SessionEnv): Promise<Session | null> {
  const { doc, client, lifetime } = env;
  let state = await client.get().catch(() => null);
  if (!state || lifetime.aborted) return null;

  let host: OverlayHost | null = null;
  let visibility: VisibilityCheck | null = null;
  let observedCard: Element | null = null;
  let watchers = new AbortController();
  let watchedStep = -1;
  let target: Element | null = null;
  let found: Found | null = null;
  let control: ControlView | null = null;
  let searching = false;
  let askedInPopup = false;
  let lastReported: boolean | null = null;
  /** Steps whose control was already reported in this document (the next report is no first look). */
  const looked = new Set<number>();
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    watchers.abort();
    hide();
  };
  lifetime.addEventListener('abort', stop, { once: true });

  const hide = () => {
    visibility?.disconnect();
    visibility = null;
    observedCard = null;
    if (host) {
      render(null, host.container);
      host.remove();
    }
    host = null;
  };

  /** Keep the visibility check on the card now drawn (the browser samples it from then on). */
  const observeCard = () => {
    const card = host?.container.querySelector('.card') ?? null;
    if (card === observedCard) return;
    visibility?.disconnect();
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    visibility = card ? (env.watchVisibility?.(card) ?? (view ? watchVisibility(card, view) : null)) : null;
    observedCard = card;
  };
  /** Whether our card can be seen as drawn (a page may fade or cover it); checked at the click. */
  const cardVisible = (): boolean => {
    observeCard();
    return visibility?.visible() ?? false;
  };

  const doItForMe = (stepIndex: number): boolean => {
    const step = state && currentStep(state.walkthrough, state.run);
    if (!state || state.run.stepIndex !== stepIndex || step?.kind !== 'setControl') return false;
    if (!found || !isSpecificMatch(found) || !found.element.isConnected) return false;
    setControlForUser(found.element, step.desired);
    return true;
  };

  const draw = () => {
    if (!state || stopped) return;
    if (state.paused) {
      hide();
      return;
    }
    host ??= env.mount();
    const s = state;
    render(
      <WalkthroughOverlay
        state={s}
        target={target}
        searching={searching}
        control={control}
        askedInPopup={askedInPopup}
        onContinue={() => void send({ type: 'continue' })}
        onSkip={() => void send({ type: 'skip' })}
        onCancel={() => {
          // The overlay goes away even if the background cannot be reached.
          void send({ type: 'cancel' }).finally(() => finish(false));
        }}
        onDoItForMe={() => {
          const index = s.run.stepIndex;
          if (cardVisible()) {
            doItForMe(index);
            return;
          }
          // Not seen as drawn (faded, covered, clipped): the popup asks instead, where no page can reach.
          askedInPopup = true;
          draw();
          void client.confirmInPopup(index).catch(() => undefined);
        }}
        onReload={() => env.reload()}
        onFinish={(returnToStart) => void finish(returnToStart)}
      />,
      host.container,
    );
    observeCard();
  };

  const finish = async (returnToStart: boolean) => {
    if (!state) return;
    watchers.abort();
    hide();
    state = null;
    await client.finish(returnToStart).catch(() => undefined);
  };

  /** Report an event about step `stepIndex` (by default the current one); the background owns the run. */
  const send = async (event: ContentWalkthroughEvent, stepIndex = state?.run.stepIndex ?? 0) => {
    if (lifetime.aborted || stopped) return;
    const next = await client.event(event, stepIndex).catch(() => null);
    if (!next || !state || stopped) return;
    state = next;
    sync(false);
  };

  const watch = (step: WalkthroughStep | undefined, index: number) => {
    watchers.abort();
    watchers = new AbortController();
    const { signal } = watchers;
    target = null;
    found = null;
    control = null;
    lastReported = null;
    searching = false;
    askedInPopup = false;
    if (!step || (step.kind !== 'click' && step.kind !== 'setControl')) return;
    searching = true;
    const started = env.now();
    void waitForTarget(doc, step.target, { timeoutMs: step.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal }).then((first) => {
      if (signal.aborted) return;
      searching = false;
      if (!first) {
        draw();
        void send({ type: 'absent', waitedMs: env.now() - started }, index);
        return;
      }
      target = outlineTarget(first.element);
      if (step.kind === 'click') {
        watchClick(doc, step.target, () => void send({ type: 'clicked' }, index), { signal });
        draw();
        return;
      }
      watchControl(
        doc,
        step.target,
        step.desired,
        (snapshot) => {
          found = snapshot.found;
          target = snapshot.found ? outlineTarget(snapshot.found.element) : null;
          control = {
            now: stateText(snapshot.state, step.desired),
            inDesiredState: snapshot.inDesiredState,
            // Named only when we may change it: a specific match, so the name is this control's.
            name: snapshot.found && isSpecificMatch(snapshot.found) ? controlName(snapshot.found.element) : null,
          };
          draw();
          if (snapshot.found && snapshot.inDesiredState !== lastReported) {
            lastReported = snapshot.inDesiredState;
            const firstLook = !looked.has(index);
            looked.add(index);
            void send({ type: 'control', inDesiredState: snapshot.inDesiredState, firstLook }, index);
          }
        },
        { signal },
      );
    });
  };

  /** Follow the state: (re)start watching when the step changes (or on `restart`), and redraw. */
  const sync = (restart: boolean) => {
    if (!state || stopped) return;
    const running = state.run.status === 'running' && !state.paused;
    const index = running ? state.run.stepIndex : -2;
    if (index !== watchedStep || (restart && running)) {
      watchedStep = index;
      watch(running ? currentStep(state.walkthrough, state.run) : undefined, index);
    }
    draw();
  };

  sync(false);
  await send({ type: 'arrived' });
  return {
    navigated() {
      // Another page of the app, or the same one again: the step's place may have come or gone.
      void send({ type: 'arrived' }).then(() => sync(true));
    },
    confirmed(stepIndex) {
      doItForMe(stepIndex);
    },
    stop,
  };
}
