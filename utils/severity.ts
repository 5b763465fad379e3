/**
 * The severity rubric (docs/severity.md) as code, plus display helpers.
 * Colours are never the only signal: badges always carry text and a shape.
 */
import type { Severity, SeverityInputs } from './schema';

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low'];

/** Derive a severity from the rubric's recorded inputs. */
export function severityFromInputs(i: SeverityInputs): Severity {
  const significant = i.scope === 'broad' || i.sensitive || (i.sharedBeyondPlatform && i.scope !== 'narrow');
  const weakControl = i.optOut !== 'easy' || (i.onByDefault && !i.reversible);
  if (significant && weakControl) return 'high';
  if (significant || (i.scope === 'bounded' && (i.onByDefault || i.optOut !== 'easy'))) return 'medium';
  return 'low';
}

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

export function worstSeverity(list: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of list) if (worst === undefined || compareSeverity(s, worst) < 0) worst = s;
  return worst;
}

export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** Badge colours with at least 4.5:1 contrast between text and background. */
export const SEVERITY_COLORS: Record<Severity, { background: string; text: string; symbol: string }> = {
  high: { background: '#b00020', text: '#ffffff', symbol: '▲' },
  medium: { background: '#8a5a00', text: '#ffffff', symbol: '◆' },
  low: { background: '#2e5e3e', text: '#ffffff', symbol: '●' },
};
