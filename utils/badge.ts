/**
 * The toolbar badge for a tab. The badge text works without colour: a severity letter and a
 * count ("H2" = two high-severity provisions). The browser keeps per-tab badges across
 * service-worker restarts, so nothing else needs to be stored.
 */

import type { PlatformSummary } from './db';
import { type MessageKey, t } from './i18n';
import type { Severity } from './schema';
import { SEVERITY_COLORS, worstSeverity } from './severity';

export interface Badge {
  text: string;
  color: string;
  textColor: string;
  title: string;
}

const LETTER: Record<Severity, string> = { high: 'H', medium: 'M', low: 'L' };
/** The tooltip, one message per level and number: languages decline the level and the noun differently. */
const TITLE: Record<Severity, { one: MessageKey; many: MessageKey }> = {
  high: { one: 'badge_high_one', many: 'badge_high_many' },
  medium: { one: 'badge_medium_one', many: 'badge_medium_many' },
  low: { one: 'badge_low_one', many: 'badge_low_many' },
};

export function badgeFor(platformName: string, counts: Record<Severity, number>): Badge | null {
  const worst = worstSeverity((Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0));
  if (!worst) return null;
  const total = counts.high + counts.medium + counts.low;
  const n = counts[worst];
  return {
    text: `${LETTER[worst]}${n}`,
    color: SEVERITY_COLORS[worst].background,
    textColor: SEVERITY_COLORS[worst].text,
    title: n === 1 ? t(TITLE[worst].one, platformName, total) : t(TITLE[worst].many, platformName, n, total),
  };
}

export interface ActionApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
}

export const DEFAULT_TITLE = 'Policy Lens';

/** Show (or clear) a tab's badge: the platform's, or none off the tracked platforms. */
export async function applyBadge(
  action: ActionApi,
  tabId: number,
  summary: PlatformSummary | undefined,
): Promise<void> {
  const badge = summary ? badgeFor(summary.name, summary.counts) : null;
  await Promise.all([
    action.setBadgeText({ tabId, text: badge?.text ?? '' }),
    action.setTitle({ tabId, title: badge?.title ?? DEFAULT_TITLE }),
    badge ? action.setBadgeBackgroundColor({ tabId, color: badge.color }) : Promise.resolve(),
    badge && action.setBadgeTextColor ? action.setBadgeTextColor({ tabId, color: badge.textColor }) : Promise.resolve(),
  ]);
}
