import { describe, expect, it } from 'vitest';
import type { Walkthrough } from '../../../utils/schema';
import {
  currentStep,
  effectsOf,
  hasArrived,
  reduce,
  startRun,
  type WalkthroughEvent,
  type WalkthroughRun,
} from '../../../utils/walkthrough/engine';

const NOW = new Date('2026-11-29T12:00:00Z');
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';

/** What a page reports, with the page and document the background takes from the sender. */
const clicked = (url = PRIVACY_URL): WalkthroughEvent => ({ type: 'clicked', url });
const absent = (waitedMs: number, url = AI_URL): WalkthroughEvent => ({ type: 'absent', waitedMs, url });
const seen = (inDesiredState: boolean, document: string, firstLook = false, url = AI_URL): WalkthroughEvent => ({
  type: 'control',
  inDesiredState,
  firstLook,
  url,
  document,
});

const walkthrough: Walkthrough = {
  id: 'linkedin-ai-training',
  title: 'Turn off AI training on your data',
  steps: [
    {
      id: 'open-privacy',
      kind: 'navigate',
      explanation: 'Open Data privacy.',
      url: 'https://www.linkedin.com/psettings/privacy',
      arrivedAt: [
        'https://www.linkedin.com/psettings/privacy',
        'https://www.linkedin.com/mypreferences/d/categories/privacy',
      ],
    },
    {
      id: 'open-ai-setting',
      kind: 'click',
      explanation: 'Open Data for Generative AI Improvement.',
      target: [{ by: 'text', text: ['Data for Generative AI Improvement'] }],
      whenAbsent: 'skip',
    },
    { id: 'arrive-ai', kind: 'navigate', explanation: 'The AI setting.', url: AI_URL, arrivedAt: [AI_URL] },
    {
      id: 'switch-off',
      kind: 'setControl',
      explanation: 'Turn the switch off.',
      target: [{ by: 'attribute', name: 'aria-labelledby', value: 'allowDataForGenerativeAI' }],
      desired: { kind: 'checked', value: false },
      whenAbsent: 'not-applicable',
      verifyAfterReload: true,
    },
  ],
};

const start = () =>
  startRun(walkthrough, {
    platformId: 'linkedin',
    provisionId: 'linkedin.ai-training',
    actionId: 'ai-improvement-setting',
    tabId: 3,
    returnUrl: 'https://www.linkedin.com/feed/',
    now: NOW,
  });

function run(events: WalkthroughEvent[], from: WalkthroughRun = start()): WalkthroughRun {
  return events.reduce((r, e) => reduce(walkthrough, r, e, NOW), from);
}

describe('walkthrough engine', () => {
  it('starts at the first step and asks the background to navigate there', () => {
    const r = start();
    expect(currentStep(walkthrough, r)?.id).toBe('open-privacy');
    expect(effectsOf(walkthrough, null, r)).toEqual({ navigateTo: 'https://www.linkedin.com/psettings/privacy' });
  });

  it('goes through the whole LinkedIn flow to done, confirming after a reload', () => {
    let r = run([{ type: 'arrived', url: 'https://www.linkedin.com/psettings/privacy?trk=x' }]);
    expect(currentStep(walkthrough, r)?.id).toBe('open-ai-setting');
    const beforeClick = r;
    r = run([clicked()], r);
    // The click on a link navigates by itself: no navigation effect.
    expect(effectsOf(walkthrough, beforeClick, r)).toEqual({});
    r = run([{ type: 'arrived', url: AI_URL }], r);
    expect(currentStep(walkthrough, r)?.id).toBe('switch-off');
    r = run([seen(false, 'doc-1', true)], r);
    expect(r.status).toBe('running');
    r = run([seen(true, 'doc-1')], r);
    expect(r.awaitingReload).toBe(true);
    expect(r.message).toEqual({ code: 'reload-to-confirm' });
    const beforeReload = r;
    // The same document again proves nothing; a new one (the reload) at the same page does.
    expect(run([seen(true, 'doc-1', true)], r)).toEqual(r);
    r = run([{ type: 'arrived', url: AI_URL }, seen(true, 'doc-2', true)], r);
    expect(r.status).toBe('done');
    expect(effectsOf(walkthrough, beforeReload, r)).toEqual({ ended: 'done' });
    expect(r.history.map((h) => `${h.stepId}:${h.outcome}`)).toEqual([
      'open-privacy:done',
      'open-ai-setting:done',
      'arrive-ai:done',
      'switch-off:done',
    ]);
  });

  it('reports a setting that did not survive the reload', () => {
    let r = run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }]);
    r = run([seen(true, 'doc-1')], r);
    r = run([seen(false, 'doc-2', true)], r);
    expect(r.status).toBe('running');
    expect(r.awaitingReload).toBe(false);
    expect(r.message).toEqual({ code: 'not-saved' });
  });

  it('skipping the setting step ends "incomplete", never "done" (nothing is recorded)', () => {
    const r = run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, { type: 'skip' }]);
    expect(r.status).toBe('incomplete');
    expect(r.message).toEqual({ code: 'incomplete' });
    expect(effectsOf(walkthrough, start(), r)).toEqual({ ended: 'incomplete' });
  });

  it('ignores arrival elsewhere and re-navigates on "continue"', () => {
    const r = run([{ type: 'arrived', url: 'https://www.linkedin.com/feed/' }]);
    expect(currentStep(walkthrough, r)?.id).toBe('open-privacy');
    expect(effectsOf(walkthrough, r, r, { type: 'continue' }).navigateTo).toBe(
      'https://www.linkedin.com/psettings/privacy',
    );
  });

  it('an absent control where the setting does not exist is "not applicable", not a failure', () => {
    const r = run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, absent(15_000)]);
    expect(r.status).toBe('not-applicable');
    expect(r.message).toEqual({ code: 'not-applicable' });
  });

  it('a timeout on a required control fails with a clear message', () => {
    const strict: Walkthrough = {
      ...walkthrough,
      steps: walkthrough.steps.map((s) => (s.kind === 'setControl' ? { ...s, whenAbsent: 'failed' as const } : s)),
    };
    let r = start();
    for (const e of [{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, absent(15_000)] as WalkthroughEvent[]) {
      r = reduce(strict, r, e, NOW);
    }
    expect(r.status).toBe('failed');
    // A code with its parameter: the overlay words it in the user's language (utils/walkthrough-text.ts).
    expect(r.message).toEqual({ code: 'not-found', seconds: 15 });
  });

  it('an absent optional click step is skipped', () => {
    const r = run([{ type: 'arrived', url: 'https://www.linkedin.com/psettings/privacy' }, absent(5000, PRIVACY_URL)]);
    expect(currentStep(walkthrough, r)?.id).toBe('arrive-ai');
    expect(r.history.at(-1)?.outcome).toBe('skipped');
  });

  it('cancel ends the run and nothing happens after', () => {
    const r = run([{ type: 'cancel' }]);
    expect(r.status).toBe('cancelled');
    expect(run([{ type: 'arrived', url: 'https://www.linkedin.com/psettings/privacy' }], r)).toEqual(r);
    expect(effectsOf(walkthrough, start(), r)).toEqual({ ended: 'cancelled' });
  });

  it('already in the desired state completes without any click (when no reload check is asked)', () => {
    const noReload: Walkthrough = {
      ...walkthrough,
      steps: walkthrough.steps.map((s) => (s.kind === 'setControl' ? { ...s, verifyAfterReload: false } : s)),
    };
    let r = start();
    for (const e of [{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, seen(true, 'doc-1')] as WalkthroughEvent[]) {
      r = reduce(noReload, r, e, NOW);
    }
    expect(r.status).toBe('done');
  });

  it('a page already showing the wanted state at the first look is done (the platform served it so)', () => {
    const r = run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, seen(true, 'doc-1', true)]);
    expect(r.status).toBe('done');
  });

  describe('reports count only from the step’s own page (the "done from the wrong page" attack)', () => {
    const atSwitch = () => run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }, seen(true, 'doc-1')]);
    const OTHER_SETTINGS = 'https://www.linkedin.com/mypreferences/d/settings/open-to-work';

    it('another settings page of the platform, in a new document, is no proof after a reload', () => {
      const r = run([{ type: 'arrived', url: OTHER_SETTINGS }, seen(true, 'doc-2', true, OTHER_SETTINGS)], atSwitch());
      expect(r.status).toBe('running');
      expect(r.awaitingReload).toBe(true);
    });

    it('another site in the same tab is no proof either', () => {
      const reddit = 'https://www.reddit.com/settings/preferences';
      expect(run([seen(true, 'doc-2', true, reddit)], atSwitch()).status).toBe('running');
    });

    it('nor is an unrelated switch seen first on another page (it neither binds nor ends the step)', () => {
      let r = run([{ type: 'skip' }, { type: 'skip' }, { type: 'skip' }]);
      r = run([seen(true, 'doc-1', true, OTHER_SETTINGS), absent(15_000, OTHER_SETTINGS)], r);
      expect(r.status).toBe('running');
      expect(r.boundPage).toBeNull();
    });

    it('a step without a page of its own in the data binds to the first page it is seen on', () => {
      const unbound: Walkthrough = {
        ...walkthrough,
        steps: [
          walkthrough.steps[0] as Walkthrough['steps'][number],
          {
            id: 'switch-off',
            kind: 'setControl',
            explanation: 'Turn it off.',
            at: ['https://www.linkedin.com/mypreferences/d/'],
            target: [{ by: 'attribute', name: 'aria-labelledby', value: 'allowDataForGenerativeAI' }],
            desired: { kind: 'checked', value: false },
            whenAbsent: 'failed',
            verifyAfterReload: true,
          },
        ],
      };
      const step = (r: WalkthroughRun, e: WalkthroughEvent) => reduce(unbound, r, e, NOW);
      let r = step(start(), { type: 'skip' });
      // Outside the step's place: ignored, and it binds nothing.
      r = step(r, seen(false, 'doc-1', true, 'https://www.linkedin.com/feed/'));
      expect(r.boundPage).toBeNull();
      r = step(r, seen(true, 'doc-1', false, AI_URL));
      expect(r.boundPage).toBe(AI_URL);
      // Another page in the same place, in a new document: not the page the step was seen on.
      r = step(r, seen(true, 'doc-2', true, OTHER_SETTINGS.replace('/settings/open-to-work', '/settings/other')));
      expect(r.status).toBe('running');
      expect(step(r, seen(true, 'doc-3', true, AI_URL)).status).toBe('done');
    });
  });

  it('hasArrived compares origin and path only, by prefix at a path boundary', () => {
    const step = walkthrough.steps[2];
    if (step?.kind !== 'navigate') throw new Error('unexpected');
    expect(hasArrived(step, `${AI_URL}?li_theme=light#x`)).toBe(true);
    expect(hasArrived(step, `${AI_URL}/`)).toBe(true);
    expect(hasArrived(step, `${AI_URL}-other`)).toBe(false);
    expect(hasArrived(step, 'https://evil.example/mypreferences/d/settings/data-for-ai-improvement')).toBe(false);
  });

  it('hasArrived also compares the fragment when the step names one (apps that route in the fragment)', () => {
    const step: Extract<Walkthrough['steps'][number], { kind: 'navigate' }> = {
      id: 'open-data-controls',
      kind: 'navigate',
      explanation: 'Open the settings.',
      url: 'https://chatgpt.com/#settings/DataControls',
      arrivedAt: ['https://chatgpt.com/#settings/DataControls', 'https://claude.ai/settings/data-privacy-controls'],
    };
    expect(hasArrived(step, 'https://chatgpt.com/#settings/DataControls')).toBe(true);
    expect(hasArrived(step, 'https://chatgpt.com/?model=x#settings/datacontrols')).toBe(true);
    expect(hasArrived(step, 'https://chatgpt.com/c/123#settings/DataControls/sub')).toBe(true);
    // The chat itself, another settings panel, or a longer name are not the Data controls.
    expect(hasArrived(step, 'https://chatgpt.com/')).toBe(false);
    expect(hasArrived(step, 'https://chatgpt.com/#settings/Account')).toBe(false);
    expect(hasArrived(step, 'https://chatgpt.com/#settings/DataControlsX')).toBe(false);
    // An arrivedAt URL without a fragment still ignores the page's fragment.
    expect(hasArrived(step, 'https://claude.ai/settings/data-privacy-controls#top')).toBe(true);
  });
});
