/**
 * Build-time compilation of the dataset sources (public/data/platforms/*.json and
 * public/data/agencies.json) into the bundled feed. Used by wxt.config.ts and the tests;
 * never bundled into the extension (it pulls in tldts).
 */
import { getDomain } from 'tldts';
import * as z from 'zod/mini';
import { domainPatterns } from './host-patterns';
import { feedIntegrityErrors } from './integrity';
import { linkHosts } from './links';
import { Agency, type Feed, Feed as FeedSchema, Platform, parseWith, SCHEMA_VERSION } from './schema';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** A deterministic, monotonic version: the newest `lastVerified` date as YYYYMMDD. */
function versionOf(platforms: Platform[]): { version: number; generatedAt: string } {
  let newest = '2026-01-01';
  for (const p of platforms)
    for (const prov of p.provisions) if (prov.evidence.lastVerified > newest) newest = prov.evidence.lastVerified;
  return { version: Number(newest.replaceAll('-', '')), generatedAt: `${newest}T00:00:00Z` };
}

export function compileFeed(sources: { platforms: unknown[]; agencies: unknown }): Feed {
  const problems: string[] = [];
  const platforms: Platform[] = [];
  sources.platforms.forEach((raw, i) => {
    const parsed = parseWith(Platform, raw);
    if (parsed.ok) platforms.push(parsed.value);
    else problems.push(`platform file #${i + 1}: ${parsed.error}`);
  });
  const agencies = parseWith(z.array(Agency), sources.agencies);
  if (!agencies.ok) problems.push(`agencies: ${agencies.error}`);
  for (const p of platforms) {
    for (const domain of linkHosts(p)) {
      if (getDomain(domain) !== domain) problems.push(`platform "${p.id}": ${domain} is not a registrable domain`);
    }
  }
  if (problems.length > 0 || !agencies.ok) throw new DatasetError(problems.join('\n'));
  const feed: Feed = {
    schemaVersion: SCHEMA_VERSION,
    ...versionOf(platforms),
    agencies: agencies.value,
    platforms: [...platforms].sort((a, b) => a.id.localeCompare(b.id)),
  };
  const checked = parseWith(FeedSchema, feed);
  if (!checked.ok) throw new DatasetError(checked.error);
  const errors = feedIntegrityErrors(feed);
  if (errors.length > 0) throw new DatasetError(errors.join('\n'));
  return feed;
}

/** Match patterns for host permissions and content-script matches: every platform domain and its subdomains. */
export function hostMatchPatterns(platforms: readonly Platform[]): string[] {
  return domainPatterns(platforms.flatMap((p) => p.domains));
}
