import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
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
  /**
   * The control's accessible name when it was found by a specific match (its stable attribute, or
   * role and name): only then may "Do it for me" change it, and the card says which one it is.
   */
  name: string | null;
}

export interface WalkthroughOverlayProps {
  state: WalkthroughState;
  /** The element to outline (the control or link of the current step), when found. */
  target: Element | null;
  /** Still looking for the target on this page. */
  searching: boolean;
  control: ControlView | null;
  /** "Do it for me" waits for the user's confirmation in the toolbar popup (our card could not be seen as drawn). */
  askedInPopup?: boolean;
  onContinue: () => void;
  onSkip: () => void;
  onCancel: () => void;
  onDoItForMe: () => void;
  onReload: () => void;
  onFinish: (returnToStart: boolean) => void;
}

export function desiredText(desired: Desired): string {
  if (desired.kind === 'select') return desired.value;
  if (desired.kind === 'aria-pressed') return desired.value ? t('overlay_pressed') : t('overlay_notPressed');
  if (desired.kind === 'aria-selected') return desired.value ? t('overlay_selected') : t('overlay_notSelected');
  return desired.value ? t('overlay_on') : t('overlay_off');
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
          {t('overlay_eyebrow', props.state.platformName)}
          {!ended && <span class="progress"> · {t('overlay_step', run.stepIndex + 1, total)}</span>}
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
                  {t('overlay_now')}{' '}
                  <strong>
                    {props.control?.now ?? (props.searching ? t('overlay_lookingForSetting') : t('overlay_unknown'))}
                  </strong>
                  {' · '}
                  {t('overlay_wanted')} <strong>{desiredText(step.desired)}</strong>
                </p>
              )}
              {step.kind === 'setControl' && props.control && !props.control.inDesiredState && (
                <p class="control-name muted" data-specific={props.control.name ? 'true' : 'false'}>
                  {props.control.name ? (
                    <>
                      {t('overlay_doItChanges')} <strong>{props.control.name}</strong>
                    </>
                  ) : (
                    t('overlay_textOnly')
                  )}
                </p>
              )}
              {props.askedInPopup && (
                <p class="message" role="status">
                  {t('overlay_askedInPopup')}
                </p>
              )}
              {(step.kind === 'click' || step.kind === 'setControl') && props.searching && !props.target && (
                <p class="muted" role="status">
                  {t('overlay_looking')}
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
                    {step.kind === 'navigate' ? t('overlay_takeMeThere') : t('overlay_continue')}
                  </button>
                )}
                {step.kind === 'setControl' && run.awaitingReload && (
                  <button type="button" class="primary" onClick={trusted(props.onReload)}>
                    {t('overlay_reload')}
                  </button>
                )}
                {step.kind === 'setControl' && props.target && props.control?.name && !props.control.inDesiredState && (
                  <button
                    type="button"
                    class="do-it"
                    onClick={trusted(props.onDoItForMe)}
                    title={t('overlay_doItTitle')}
                  >
                    {t('overlay_doIt')}
                  </button>
                )}
                <button type="button" onClick={trusted(props.onSkip)}>
                  {t('overlay_skip')}
                </button>
                <button type="button" onClick={trusted(props.onCancel)}>
                  {t('overlay_cancel')}
                </button>
              </div>
            </>
          )
        )}
      </div>
    </div>
  );
}

function endedTitle(status: WalkthroughState['run']['status']): string {
  if (status === 'done') return t('overlay_done');
  if (status === 'incomplete') return t('overlay_incomplete');
  if (status === 'not-applicable') return t('overlay_notApplicable');
  if (status === 'failed') return t('overlay_failed');
  if (status === 'cancelled') return t('overlay_cancelled');
  return '';
}

function Ended(props: WalkthroughOverlayProps) {
  const { run } = props.state;
  const title = endedTitle(run.status);
  return (
    <>
      <p class="result" role="status" data-result={run.status}>
        <strong>{title}</strong> {run.message && walkthroughText(run.message)}
      </p>
      {run.status === 'done' && <p class="muted">{t('overlay_recorded')}</p>}
      <div class="buttons">
        {run.returnUrl && (
          <button type="button" class="primary" onClick={trusted(() => props.onFinish(true))}>
            {t('overlay_back')}
          </button>
        )}
        <button type="button" onClick={trusted(() => props.onFinish(false))}>
          {t('overlay_close')}
        </button>
      </div>
    </>
  );
}
