import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type ControlView, desiredText, WalkthroughOverlay } from '@/components/WalkthroughOverlay';
import { request } from '@/utils/messages';
import type { WalkthroughStep } from '@/utils/schema';
import {
  type ObservedState,
  outlineTarget,
  setControlForUser,
  waitForTarget,
  watchClick,
  watchControl,
} from '@/utils/walkthrough/dom';
import { currentStep, type WalkthroughEvent } from '@/utils/walkthrough/engine';

type Desired = Extract<WalkthroughStep, { kind: 'setControl' }>['desired'];

/** How long to look for a step's control when the data does not say. */
const DEFAULT_TIMEOUT_MS = 15_000;

function stateText(state: ObservedState, desired: Desired): string | null {
  if (state === null) return null;
  if (typeof state === 'string') return state;
  return desiredText({ ...desired, value: state } as Desired);
}

export interface OverlayHost {
  container: HTMLElement;
  remove(): void;
}

export interface WalkthroughController {
  /** The page changed URL without a reload (single-page app). */
  navigated(url: string): void;
  /**
   * Only the fragment changed. Reported because some apps route in it (a navigate step may wait for
   * "#settings/DataControls"), but the page's state is still the one it loaded with: no reset.
   */
  fragmentChanged(url: string): void;
}

/**
 * Drive the walkthrough running in this tab, if any: report what the page shows to the
 * background (which owns the run) and show the overlay for the current step. Never clicks for
 * the user except through "Do it for me".
 */
export async function resumeWalkthrough(
  mount: () => OverlayHost,
  /** Aborts when this content script is invalidated (extension updated or reloaded, or injected again). */
  lifetime: AbortSignal,
  /** Whether this document was just loaded (false when taking over from an earlier instance in it). */
  loadedNow: boolean,
): Promise<WalkthroughController | null> {
  let state = await request(browser.runtime, 'getWalkthrough', {});
  if (!state || lifetime.aborted) return null;
  const host = mount();
  let watchers = new AbortController();
  lifetime.addEventListener('abort', () => watchers.abort(), { once: true });
  let watchedStep = -1;
  let target: Element | null = null;
  let controlElement: Element | null = null;
  let control: ControlView | null = null;
  let searching = false;
  let freshPage = loadedNow;
  let lastReported: boolean | null = null;

  const draw = () => {
    if (!state) return;
    render(
      <WalkthroughOverlay
        state={state}
        target={target}
        searching={searching}
        control={control}
        onContinue={() => void send({ type: 'continue' })}
        onSkip={() => void send({ type: 'skip' })}
        onCancel={() => {
          // The overlay goes away even if the background cannot be reached.
          void send({ type: 'cancel' }).finally(() => finish(false));
        }}
        onDoItForMe={() => {
          const step = state && currentStep(state.walkthrough, state.run);
          if (controlElement && step?.kind === 'setControl') setControlForUser(controlElement, step.desired);
        }}
        onReload={() => location.reload()}
        onFinish={(returnToStart) => void finish(returnToStart)}
      />,
      host.container,
    );
  };

  const finish = async (returnToStart: boolean) => {
    if (!state) return;
    watchers.abort();
    render(null, host.container);
    host.remove();
    state = null;
    await request(browser.runtime, 'finishWalkthrough', { returnToStart });
  };

  /** Report an event about step `stepIndex` (by default the current one); the background owns the run. */
  const send = async (event: WalkthroughEvent, stepIndex = state?.run.stepIndex ?? 0) => {
    if (lifetime.aborted) return;
    const next = await request(browser.runtime, 'walkthroughEvent', { event, stepIndex });
    if (!next || !state) return;
    state = next;
    sync();
  };

  const watch = (step: WalkthroughStep | undefined) => {
    watchers.abort();
    watchers = new AbortController();
    const { signal } = watchers;
    target = null;
    controlElement = null;
    control = null;
    lastReported = null;
    searching = false;
    if (!step || (step.kind !== 'click' && step.kind !== 'setControl')) return;
    const index = watchedStep;
    searching = true;
    const started = performance.now();
    void waitForTarget(document, step.target, { timeoutMs: step.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal }).then(
      (found) => {
        if (signal.aborted) return;
        searching = false;
        if (!found) {
          draw();
          void send({ type: 'absent', waitedMs: performance.now() - started }, index);
          return;
        }
        target = outlineTarget(found.element);
        if (step.kind === 'click') {
          watchClick(document, step.target, () => void send({ type: 'clicked' }, index), { signal });
          draw();
          return;
        }
        watchControl(
          document,
          step.target,
          step.desired,
          (snapshot) => {
            controlElement = snapshot.found?.element ?? null;
            target = snapshot.found ? outlineTarget(snapshot.found.element) : null;
            control = { now: stateText(snapshot.state, step.desired), inDesiredState: snapshot.inDesiredState };
            draw();
            if (snapshot.found && snapshot.inDesiredState !== lastReported) {
              lastReported = snapshot.inDesiredState;
              const afterReload = freshPage;
              freshPage = false;
              void send({ type: 'control', inDesiredState: snapshot.inDesiredState, afterReload }, index);
            }
          },
          { signal },
        );
      },
    );
  };

  const sync = () => {
    if (!state) return;
    const running = state.run.status === 'running';
    const index = running ? state.run.stepIndex : -2;
    if (index !== watchedStep) {
      watchedStep = index;
      watch(running ? currentStep(state.walkthrough, state.run) : undefined);
    }
    draw();
  };

  sync();
  await send({ type: 'arrived', url: location.href });
  return {
    navigated(url: string) {
      freshPage = false;
      void send({ type: 'arrived', url });
    },
    fragmentChanged(url: string) {
      void send({ type: 'arrived', url });
    },
  };
}
