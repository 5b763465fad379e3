/**
 * The toolbar badge for a tab, and the per-tab state kept in storage.session (so it
 * survives service-worker restarts). The badge text works without colour: a severity
 * letter and a count ("H2" = two high-severity provisions).
 */

import type { PageMatch } from './match';
import type { Severity } from './schema';
import { SEVERITY_COLORS, SEVERITY_LABEL, worstSeverity } from './severity';
import type { StorageArea } from './storage-area';

export interface Badge {
  text: string;
  color: string;
  textColor: string;
  title: string;
}

const LETTER: Record<Severity, string> = { high: 'H', medium: 'M', low: 'L' };

export function badgeFor(platformName: string, counts: Record<Severity, number>): Badge | null {
  const worst = worstSeverity((Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0));
  if (!worst) return null;
  const total = counts.high + counts.medium + counts.low;
  const n = counts[worst];
  const label = SEVERITY_LABEL[worst].toLowerCase();
  return {
    text: `${LETTER[worst]}${n}`,
    color: SEVERITY_COLORS[worst].background,
    textColor: SEVERITY_COLORS[worst].text,
    title: `Policy Lens — ${platformName}: ${n} ${label}-severity provision${n === 1 ? '' : 's'} (${total} in all)`,
  };
}

export interface TabState {
  match: PageMatch;
  badge: Badge | null;
}

export const tabKey = (tabId: number) => `tab:${tabId}`;

export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
}

export const DEFAULT_TITLE = 'Policy Lens';

/** Show (or clear) a tab's badge and record its state. */
export async function applyTabState(
  env: { action: ActionApi; session: Pick<StorageArea, 'set' | 'remove'> },
  tabId: number,
  state: TabState | null,
): Promise<void> {
  const badge = state?.badge ?? null;
  await Promise.all([
    env.action.setBadgeText({ tabId, text: badge?.text ?? '' }),
    env.action.setTitle({ tabId, title: badge?.title ?? DEFAULT_TITLE }),
    badge ? env.action.setBadgeBackgroundColor({ tabId, color: badge.color }) : Promise.resolve(),
    badge && env.action.setBadgeTextColor
      ? env.action.setBadgeTextColor({ tabId, color: badge.textColor })
      : Promise.resolve(),
    state ? env.session.set({ [tabKey(tabId)]: state }) : env.session.remove(tabKey(tabId)),
  ]);
}
