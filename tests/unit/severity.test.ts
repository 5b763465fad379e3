/**
 * Rubric v2 (docs/severity.md): one case per branch of the decision, the rules that hold across
 * every combination of inputs, and the practice table (its checks and its documentation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeverityInputs } from '../../utils/schema';
import { PRACTICES, practiceDisagreements, severityFromInputs } from '../../utils/severity';

const base: SeverityInputs = {
  scope: 'bounded',
  onByDefault: false,
  optOut: 'easy',
  reversible: false,
  sensitive: false,
  sharedBeyondPlatform: false,
};
const rate = (over: Partial<SeverityInputs>) => severityFromInputs({ ...base, ...over });

describe('severity rubric v2: each branch', () => {
  it('High: broad and no easy opt-out (none or hard)', () => {
    expect(rate({ scope: 'broad', optOut: 'none' })).toBe('high');
    expect(rate({ scope: 'broad', optOut: 'hard' })).toBe('high');
  });

  it('High: sensitive and no easy opt-out, even when off by default', () => {
    expect(rate({ sensitive: true, optOut: 'hard', onByDefault: false })).toBe('high');
  });

  it('High: sensitive and on by default, even with an easy opt-out', () => {
    expect(rate({ sensitive: true, onByDefault: true, optOut: 'easy' })).toBe('high');
  });

  it('Medium: broad with an easy opt-out', () => {
    expect(rate({ scope: 'broad', onByDefault: true, optOut: 'easy' })).toBe('medium');
  });

  it('Medium: sensitive, off by default, with an easy opt-out', () => {
    expect(rate({ sensitive: true, onByDefault: false, optOut: 'easy' })).toBe('medium');
  });

  it('Medium: bounded data that leaves the platform, even off by default with an easy opt-out', () => {
    expect(rate({ sharedBeyondPlatform: true })).toBe('medium');
  });

  it('Medium: bounded and on by default, or bounded and hard to avoid', () => {
    expect(rate({ onByDefault: true })).toBe('medium');
    expect(rate({ optOut: 'hard' })).toBe('medium');
    expect(rate({ optOut: 'none' })).toBe('medium');
  });

  it('Low: bounded, off by default, easy to stop, not shared', () => {
    expect(rate({})).toBe('low');
  });

  it('Low: narrow, even when on by default with no opt-out and shared', () => {
    expect(rate({ scope: 'narrow', onByDefault: true, optOut: 'none', sharedBeyondPlatform: true })).toBe('low');
  });
});

const every: SeverityInputs[] = [];
for (const scope of ['broad', 'bounded', 'narrow'] as const)
  for (const optOut of ['none', 'hard', 'easy'] as const)
    for (const onByDefault of [true, false])
      for (const reversible of [true, false])
        for (const sensitive of [true, false])
          for (const sharedBeyondPlatform of [true, false])
            every.push({ scope, optOut, onByDefault, reversible, sensitive, sharedBeyondPlatform });

describe('severity rubric v2: rules over all 144 combinations of inputs', () => {
  it('`reversible` never changes the level', () => {
    const changed = every.filter(
      (i) => severityFromInputs(i) !== severityFromInputs({ ...i, reversible: !i.reversible }),
    );
    expect(changed).toEqual([]);
  });

  it('an easy opt-out takes a provision out of High unless the data is sensitive and processed by default', () => {
    const stillHigh = every.filter(
      (i) => i.optOut === 'easy' && severityFromInputs(i) === 'high' && !(i.sensitive && i.onByDefault),
    );
    expect(stillHigh).toEqual([]);
  });

  it('a broad or sensitive practice with no easy opt-out is always High', () => {
    const notHigh = every.filter(
      (i) => (i.scope === 'broad' || i.sensitive) && i.optOut !== 'easy' && severityFromInputs(i) !== 'high',
    );
    expect(notHigh).toEqual([]);
  });
});

describe('practice table', () => {
  const inputs = (practice: keyof typeof PRACTICES, over: Partial<SeverityInputs> = {}): SeverityInputs => {
    const fixed = PRACTICES[practice];
    return {
      ...base,
      scope: fixed.scope,
      sensitive: fixed.sensitive,
      sharedBeyondPlatform: 'sharedBeyondPlatform' in fixed ? fixed.sharedBeyondPlatform : false,
      ...over,
    };
  };

  it('accepts inputs that agree with the practice', () => {
    expect(practiceDisagreements('precise-location', inputs('precise-location'))).toEqual([]);
    // Inputs the practice does not fix may vary.
    expect(practiceDisagreements('ad-targeting', inputs('ad-targeting', { sharedBeyondPlatform: true }))).toEqual([]);
  });

  it('names each input that disagrees, and an unknown practice', () => {
    expect(practiceDisagreements('precise-location', inputs('precise-location', { sensitive: false }))).toEqual([
      'sensitive is false, the practice fixes true',
    ]);
    expect(practiceDisagreements('inferred-traits', inputs('inferred-traits', { scope: 'bounded' }))).toEqual([
      'scope is "bounded", the practice fixes "broad"',
    ]);
    expect(
      practiceDisagreements('content-licence', inputs('content-licence', { sharedBeyondPlatform: false })),
    ).toEqual(['sharedBeyondPlatform is false, the practice fixes true']);
    expect(practiceDisagreements('no-such-practice', base)).toEqual([
      'practice "no-such-practice" is not in the practice table',
    ]);
  });

  it('is documented in docs/severity.md, row for row, with the same fixed inputs and definition', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/severity.md'), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n')) {
      const m = /^\| `([a-z0-9-]+)` \|(.*)\|$/.exec(line);
      if (m?.[1] && m[2] && m[1] in PRACTICES)
        rows.set(
          m[1],
          m[2].split('|').map((c) => c.trim()),
        );
    }
    const expected = Object.entries(PRACTICES).map(([slug, p]) => [
      slug,
      [
        `\`${p.scope}\``,
        p.sensitive ? 'yes' : 'no',
        'sharedBeyondPlatform' in p ? (p.sharedBeyondPlatform ? 'yes' : 'no') : '—',
        p.definition,
      ],
    ]);
    expect([...rows.entries()]).toEqual(expected);
  });
});
