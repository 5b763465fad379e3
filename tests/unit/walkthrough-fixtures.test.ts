// @vitest-environment happy-dom
/**
 * Every shipped walkthrough against our model pages of the platforms' settings (tests/fixtures/
 * walkthroughs, models, not copies): each click/setControl target is found on a page the
 * walkthrough visits, starts out of the desired state, and the EU model page has no AI switch.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { findTarget, isDesired, readState } from '../../utils/walkthrough/dom';

const DIR = resolve(import.meta.dirname, '../fixtures/walkthroughs');
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

describe('shipped walkthroughs', () => {
  it('there are at least six, on at least five platforms, each attached to an action', () => {
    expect(walkthroughs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(walkthroughs.map((w) => w.platform.id)).size).toBeGreaterThanOrEqual(5);
    for (const { platform, walkthrough } of walkthroughs) {
      const attached = platform.provisions.some((p) => p.actions.some((a) => a.walkthroughId === walkthrough.id));
      expect(attached, walkthrough.id).toBe(true);
      expect(walkthrough.provenance.length, walkthrough.id).toBeGreaterThan(40);
    }
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
      const hits = visited.filter((p) => findTarget(load(p.file), step.target) !== null);
      if (step.kind === 'click' && step.whenAbsent === 'skip' && hits.length === 0) return;
      expect(hits.map((h) => h.file).length, `no page has ${JSON.stringify(step.target)}`).toBeGreaterThan(0);
      if (step.kind === 'setControl') {
        const page = hits[0];
        if (!page) return;
        const found = findTarget(load(page.file), step.target);
        if (!found) throw new Error('lost the target');
        expect(
          isDesired(readState(found.element, step.desired), step.desired),
          'model page starts in the desired state',
        ).toBe(false);
      }
    });
  });

  it('the "absent" model of the LinkedIn AI page has no switch (→ not applicable)', () => {
    const eu = pages.find((p) => p.variant === 'absent');
    const ai = walkthroughs.find((w) => w.walkthrough.id === 'linkedin-ai-training')?.walkthrough;
    const step = ai?.steps.find((s) => s.kind === 'setControl');
    if (!eu || step?.kind !== 'setControl') throw new Error('missing fixture or step');
    expect(step.whenAbsent).toBe('not-applicable');
    expect(findTarget(load(eu.file), step.target)).toBeNull();
  });
});
