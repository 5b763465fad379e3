import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WalkthroughState } from '@/utils/messages';
import type { WalkthroughStep } from '@/utils/schema';
import { trusted } from '@/utils/trusted';
import { currentStep } from '@/utils/walkthrough/engine';
import { walkthroughText } from '@/utils/walkthrough-text';

type Desired = Extract<WalkthroughStep, { kind: 'setControl' }>['desired'];

export interface ControlView {
  /** The control's current state as the user would name it ("On", "Off", a selected value), or null if unknown. */
  now: string | null;
  inDesiredState: boolean;
}

export interface WalkthroughOverlayProps {
  state: WalkthroughState;
  /** The element to outline (the control or link of the current step), when found. */
  target: Element | null;
  /** Still looking for the target on this page. */
  searching: boolean;
  control: ControlView | null;
  onContinue: () => void;
  onSkip: () => void;
  onCancel: () => void;
  onDoItForMe: () => void;
  onReload: () => void;
  onFinish: (returnToStart: boolean) => void;
}

export function desiredText(desired: Desired): string {
  if (desired.kind === 'select') return desired.value;
  if (desired.kind === 'aria-pressed') return desired.value ? 'Pressed' : 'Not pressed';
  if (desired.kind === 'aria-selected') return desired.value ? 'Selected' : 'Not selected';
  return desired.value ? 'On' : 'Off';
}

/** The outline box and the guidance card. Never blocks the page: only the card takes pointer events. */
export function WalkthroughOverlay(props: WalkthroughOverlayProps) {
  const { run, walkthrough } = props.state;
  const step = currentStep(walkthrough, run);
  const cardRef = useRef<HTMLDivElement>(null);
  const [rect, setRect] = useState<{ x: number; y: number; w: number; h: number } | null>(null);

  // Follow the target: outline it, and place the card next to it (or in the corner without one).
  useEffect(() => {
    const card = cardRef.current;
    const target = props.target;
    if (!card || !target) {
      setRect(null);
      return;
    }
    return autoUpdate(target, card, () => {
      const r = target.getBoundingClientRect();
      setRect({ x: r.left, y: r.top, w: r.width, h: r.height });
      void computePosition(target, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(12), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        Object.assign(card.style, { left: `${x}px`, top: `${y}px`, right: 'auto', bottom: 'auto' });
      });
    });
  }, [props.target]);

  const ended = run.status !== 'running';
  const total = walkthrough.steps.length;
  return (
    <div class="walkthrough">
      {rect && !ended && (
        <div
          class="outline"
          style={{
            left: `${rect.x - 4}px`,
            top: `${rect.y - 4}px`,
            width: `${rect.w + 8}px`,
            height: `${rect.h + 8}px`,
          }}
        />
      )}
      <div
        class="card"
        ref={cardRef}
        role="dialog"
        aria-modal="false"
        aria-labelledby="pl-walkthrough-title"
        data-status={run.status}
        data-step={step?.id ?? ''}
        onKeyDown={trusted((e: KeyboardEvent) => {
          if (e.key === 'Escape' && !ended) {
            e.stopPropagation();
            props.onCancel();
          }
        })}
      >
        <p class="eyebrow">
          Policy Lens · {props.state.platformName}
          {!ended && (
            <span class="progress">
              {' '}
              · step {run.stepIndex + 1} of {total}
            </span>
          )}
        </p>
        <h2 id="pl-walkthrough-title">{walkthrough.title}</h2>
        {ended ? (
          <Ended {...props} />
        ) : (
          step && (
            <>
              <p class="explanation">{step.explanation}</p>
              {step.kind === 'setControl' && (
                <p class="state" data-in-desired={props.control?.inDesiredState ?? false}>
                  Now:{' '}
                  <strong>{props.control?.now ?? (props.searching ? 'looking for the setting…' : 'unknown')}</strong>
                  {' · '}
                  Wanted: <strong>{desiredText(step.desired)}</strong>
                </p>
              )}
              {(step.kind === 'click' || step.kind === 'setControl') && props.searching && !props.target && (
                <p class="muted" role="status">
                  Looking for it on this page…
                </p>
              )}
              {run.message && (
                <p class="message" role="status">
                  {walkthroughText(run.message)}
                </p>
              )}
              <div class="buttons">
                {(step.kind === 'info' || step.kind === 'navigate') && (
                  <button type="button" class="primary" onClick={trusted(props.onContinue)}>
                    {step.kind === 'navigate' ? 'Take me there' : 'Continue'}
                  </button>
                )}
                {step.kind === 'setControl' && run.awaitingReload && (
                  <button type="button" class="primary" onClick={trusted(props.onReload)}>
                    Reload and check
                  </button>
                )}
                {step.kind === 'setControl' && props.target && !props.control?.inDesiredState && (
                  <button
                    type="button"
                    onClick={props.onDoItForMe}
                    title="Policy Lens changes this one setting for you, then checks it"
                  >
                    Do it for me
                  </button>
                )}
                <button type="button" onClick={trusted(props.onSkip)}>
                  Skip step
                </button>
                <button type="button" onClick={trusted(props.onCancel)}>
                  Cancel
                </button>
              </div>
            </>
          )
        )}
      </div>
    </div>
  );
}

const ENDED_TITLE: Record<WalkthroughState['run']['status'], string> = {
  running: '',
  done: 'Done ✓',
  incomplete: 'Not finished',
  'not-applicable': 'Not applicable here',
  failed: 'Could not finish',
  cancelled: 'Cancelled',
};

function Ended(props: WalkthroughOverlayProps) {
  const { run } = props.state;
  const title = ENDED_TITLE[run.status];
  return (
    <>
      <p class="result" role="status" data-result={run.status}>
        <strong>{title}</strong> {run.message && walkthroughText(run.message)}
      </p>
      {run.status === 'done' && <p class="muted">Recorded as done. The popup shows it too.</p>}
      <div class="buttons">
        {run.returnUrl && (
          <button type="button" class="primary" onClick={trusted(() => props.onFinish(true))}>
            Back to where I started
          </button>
        )}
        <button type="button" onClick={trusted(() => props.onFinish(false))}>
          Close
        </button>
      </div>
    </>
  );
}
