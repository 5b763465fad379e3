/**
 * The catalog of a feed: what start-up, URL matching, the platform list and the check-up need,
 * computed once when a feed is stored, so that a worker start reads one small record.
 */
import type { Catalog, CheckupItem, PlatformSummary, ProvisionRecord } from '../db';
import type { Category, Feed, Platform, Provision, Severity } from '../schema';
import { compareSeverity } from '../severity';

export function summaryOf(platform: Platform): PlatformSummary {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const provision of platform.provisions) counts[provision.severity]++;
  return { id: platform.id, name: platform.name, domains: platform.domains, counts };
}

/** Most severe first, then by title. */
export function sortProvisions<P extends Pick<Provision, 'severity' | 'title'>>(list: readonly P[]): P[] {
  return [...list].sort((a, b) => compareSeverity(a.severity, b.severity) || a.title.localeCompare(b.title));
}

/** A platform's provisions as the UI gets them: sorted, each knowing its platform. */
export function provisionRecords(platform: Platform): ProvisionRecord[] {
  return sortProvisions(platform.provisions).map((p) => ({ ...p, platformId: platform.id }));
}

/** Which practices the check-up puts first when a platform has several high-severity ones. */
const CHECKUP_PRIORITY: readonly Category[] = [
  'ai-training',
  'data-brokers',
  'sharing',
  'location',
  'biometrics',
  'sensitive-data',
  'advertising',
  'tracking',
  'profiling',
  'children',
];

function checkupRank(p: Provision): number {
  const ranks = p.categories.map((c) => CHECKUP_PRIORITY.indexOf(c)).filter((r) => r >= 0);
  // Something the user can act on comes before something they can only read about.
  return (p.actions.length > 0 ? 0 : 100) + (ranks.length > 0 ? Math.min(...ranks) : CHECKUP_PRIORITY.length);
}

/** Whether `a` is more pressing than `b`: more severe, then by the check-up priority. */
function morePressing(a: Provision, b: Provision): boolean {
  const bySeverity = compareSeverity(a.severity, b.severity);
  return bySeverity < 0 || (bySeverity === 0 && checkupRank(a) < checkupRank(b));
}

/** A short check-up: for each platform, its most pressing provision. */
function checkupOf(platforms: readonly Platform[]): CheckupItem[] {
  const items: CheckupItem[] = [];
  for (const platform of platforms) {
    let best: Provision | undefined;
    for (const p of platform.provisions) if (!best || morePressing(p, best)) best = p;
    if (!best) continue;
    items.push({
      platformId: platform.id,
      platformName: platform.name,
      provisionId: best.id,
      title: best.title,
      severity: best.severity,
      categories: best.categories,
      actionIds: best.actions.map((a) => a.id),
    });
  }
  return items.sort((a, b) => a.platformName.localeCompare(b.platformName));
}

export function catalogOf(feed: Pick<Feed, 'platforms' | 'agencies'>): Catalog {
  const platforms = [...feed.platforms].sort((a, b) => a.name.localeCompare(b.name));
  const walkthroughs: Record<string, string> = {};
  for (const p of platforms) for (const w of p.walkthroughs) walkthroughs[w.id] = p.id;
  return {
    summaries: platforms.map(summaryOf),
    walkthroughs,
    checkup: checkupOf(platforms),
    agencies: feed.agencies,
  };
}
