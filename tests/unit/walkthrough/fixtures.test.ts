// @vitest-environment happy-dom
/**
 * Every shipped walkthrough against our model pages of the platforms' settings (tests/fixtures/
 * walkthroughs, models, not copies): each click/setControl target is found on a page the
 * walkthrough visits (a setting's as a control whose state can be read), starts out of the desired
 * state, the run reaches done when the user sets each control, and the EU model page has no AI switch.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledFeed, loadDataset } from '../../../scripts/dataset-files';
import type { Walkthrough } from '../../../utils/schema';
import { type DesiredState, findTarget, isDesired, readState } from '../../../utils/walkthrough/dom';
import { currentStep, reduce, startRun, type WalkthroughEvent } from '../../../utils/walkthrough/engine';

const DIR = resolve(import.meta.dirname, '../../fixtures/walkthroughs');
const pages = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Array<{
  url: string;
  file: string;
  walkthroughs: string[];
  variant?: string;
}>;
const walkthroughs = loadBundledFeed().platforms.flatMap((p) =>
  p.walkthroughs.map((w) => ({ platform: p, walkthrough: w })),
);

function load(file: string): Document {
  const html = readFileSync(join(DIR, file), 'utf8');
  document.open();
  document.write(html);
  document.close();
  return document;
}

const NOW = new Date('2026-12-01T12:00:00Z');

/**
 * What the user does on the model page, as the real page reacts: a native checkbox flips when
 * clicked; an ARIA switch or tab is flipped by the page's own script, which our static models
 * leave out, so its state attribute is set directly.
 */
function setLikeUser(element: Element, desired: DesiredState): void {
  if (desired.kind === 'select') {
    (element as HTMLSelectElement).value = desired.value;
  } else if (element.localName === 'input' && ['checkbox', 'radio'].includes((element as HTMLInputElement).type)) {
    if ((element as HTMLInputElement).checked !== desired.value) (element as HTMLInputElement).click();
  } else {
    element.setAttribute(desired.kind === 'checked' ? 'aria-checked' : desired.kind, String(desired.value));
  }
}

type TargetStep = Extract<Walkthrough['steps'][number], { kind: 'click' | 'setControl' }>;

/**
 * The step's target on a model page. For a setting, only a control whose state can be read counts:
 * a text matcher can also find the setting's name elsewhere (a link to its page, a bare heading),
 * which is not the control.
 */
function targetOn(file: string, step: TargetStep) {
  const found = findTarget(load(file), step.target);
  if (!found || step.kind === 'click') return found;
  return readState(found.element, step.desired) === null ? null : found;
}

/** Drive the engine through a walkthrough on its model pages, as the content script would report it. */
function runOnModelPages(walkthrough: Walkthrough, visited: typeof pages): string {
  let run = startRun(walkthrough, {
    platformId: 'model',
    provisionId: 'model.provision',
    actionId: 'model-action',
    tabId: 1,
    returnUrl: null,
    now: NOW,
  });
  const send = (event: WalkthroughEvent) => {
    run = reduce(walkthrough, run, event, NOW);
  };
  for (let guard = 0; run.status === 'running' && guard < 100; guard++) {
    const step = currentStep(walkthrough, run);
    const before = run.stepIndex;
    if (!step) break;
    if (step.kind === 'navigate') send({ type: 'arrived', url: step.url });
    else if (step.kind === 'info') send({ type: 'continue' });
    else {
      const page = visited.find((p) => targetOn(p.file, step) !== null);
      if (!page) send({ type: 'absent', waitedMs: step.timeoutMs ?? 15_000 });
      else if (step.kind === 'click') send({ type: 'clicked' });
      else {
        const found = targetOn(page.file, step);
        if (!found) throw new Error('lost the target');
        const observe = (afterReload: boolean) =>
          send({
            type: 'control',
            inDesiredState: isDesired(readState(found.element, step.desired), step.desired),
            afterReload,
          });
        observe(true);
        setLikeUser(found.element, step.desired);
        observe(false);
        // After the reload the platform shows what it saved: the state the user set.
        if (step.verifyAfterReload) observe(true);
      }
    }
    if (run.status === 'running' && run.stepIndex === before) return `stuck at step "${step.id}"`;
  }
  return run.status;
}

describe('shipped walkthroughs', () => {
  it('there are at least six, on at least five platforms, each attached to an action', () => {
    expect(walkthroughs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(walkthroughs.map((w) => w.platform.id)).size).toBeGreaterThanOrEqual(5);
    for (const { platform, walkthrough } of walkthroughs) {
      const attached = platform.provisions.some((p) => p.actions.some((a) => a.walkthroughId === walkthrough.id));
      expect(attached, walkthrough.id).toBe(true);
    }
  });

  it('each says in its source which parts come from public guides and which are assumptions', () => {
    const sources = loadDataset().platforms.flatMap((p) => p.walkthroughs);
    expect(sources.map((w) => w.id).sort()).toEqual(walkthroughs.map((w) => w.walkthrough.id).sort());
    for (const walkthrough of sources) expect(walkthrough.provenance.length, walkthrough.id).toBeGreaterThan(40);
  });

  describe.each(walkthroughs.map((w) => [w.walkthrough.id, w] as const))('%s', (id, { walkthrough }) => {
    const visited = pages.filter((p) => !p.variant && p.walkthroughs.includes(id));

    it('has model pages', () => {
      expect(visited.length).toBeGreaterThan(0);
    });

    it.each(
      walkthrough.steps.filter((s) => s.kind === 'click' || s.kind === 'setControl').map((s) => [s.id, s] as const),
    )('step %s finds its target on one of the model pages', (_stepId, step) => {
      if (step.kind !== 'click' && step.kind !== 'setControl') return;
      const hits = visited.filter((p) => targetOn(p.file, step) !== null);
      if (step.kind === 'click' && step.whenAbsent === 'skip' && hits.length === 0) return;
      expect(hits.map((h) => h.file).length, `no page has ${JSON.stringify(step.target)}`).toBeGreaterThan(0);
      if (step.kind === 'setControl') {
        const page = hits[0];
        if (!page) return;
        const found = targetOn(page.file, step);
        if (!found) throw new Error('lost the target');
        const state = readState(found.element, step.desired);
        expect(isDesired(state, step.desired), 'model page starts in the desired state').toBe(false);
      }
    });
  });

  it.each(walkthroughs.map((w) => [w.walkthrough.id, w] as const))(
    '%s reaches done when the user sets each control on the model pages',
    (id, { walkthrough }) => {
      const visited = pages.filter((p) => !p.variant && p.walkthroughs.includes(id));
      expect(runOnModelPages(walkthrough, visited)).toBe('done');
    },
  );

  it('the "absent" model of the LinkedIn AI page has no switch (→ not applicable)', () => {
    const eu = pages.find((p) => p.variant === 'absent');
    const ai = walkthroughs.find((w) => w.walkthrough.id === 'linkedin-ai-training')?.walkthrough;
    const step = ai?.steps.find((s) => s.kind === 'setControl');
    if (!eu || step?.kind !== 'setControl') throw new Error('missing fixture or step');
    expect(step.whenAbsent).toBe('not-applicable');
    expect(findTarget(load(eu.file), step.target)).toBeNull();
  });
});
