/**
 * Cross-record checks that a schema alone cannot express. Run on the bundled feed at
 * build time and on any feed before it is stored.
 */
import { hostIsUnder } from './domains';
import { linkHosts } from './links';
import type { Feed } from './schema';

/** Where evidence links may point: the Open Terms Archive repositories and the Wayback Machine. */
export const ARCHIVE_PREFIXES = ['https://github.com/OpenTermsArchive/', 'https://web.archive.org/web/'] as const;
export const ARCHIVE_DOMAINS = ['github.com', 'web.archive.org'] as const;

/** Where complaint links may point: the agencies' own sites. */
export const AGENCY_DOMAINS = [
  'ftc.gov',
  'ca.gov',
  'dataprotection.ie',
  'public.lu',
  'europa.eu',
  'ico.org.uk',
  'autoriteitpersoonsgegevens.nl',
] as const;

export function feedIntegrityErrors(feed: Feed): string[] {
  const errors: string[] = [];
  const agencyIds = new Set<string>();
  for (const agency of feed.agencies) {
    if (agencyIds.has(agency.id)) errors.push(`agency "${agency.id}" is listed twice`);
    agencyIds.add(agency.id);
    if (!AGENCY_DOMAINS.some((d) => hostIsUnder(new URL(agency.complaintUrl).hostname, d)))
      errors.push(`agency "${agency.id}": complaint URL ${agency.complaintUrl} is not on an agency host`);
  }
  const platformIds = new Set<string>();
  const domainOwner = new Map<string, string>();
  for (const platform of feed.platforms) {
    const where = `platform "${platform.id}"`;
    if (platformIds.has(platform.id)) errors.push(`${where} is listed twice`);
    platformIds.add(platform.id);
    for (const domain of platform.domains) {
      const owner = domainOwner.get(domain);
      if (owner) errors.push(`${where}: domain ${domain} already belongs to "${owner}"`);
      domainOwner.set(domain, platform.id);
    }
    const linkDomains = linkHosts(platform);
    const onPlatform = (url: string) => linkDomains.some((d) => hostIsUnder(new URL(url).hostname, d));
    const documentIds = new Set(platform.documents.map((d) => d.id));
    if (documentIds.size !== platform.documents.length) errors.push(`${where}: duplicate document id`);
    for (const doc of platform.documents) {
      for (const url of [doc.url, ...(doc.alternateUrls ?? [])]) {
        if (!platform.domains.some((d) => hostIsUnder(new URL(url).hostname, d)))
          errors.push(`${where}: document "${doc.id}" URL ${url} is not on the platform's domains`);
      }
    }
    for (const page of platform.settingsPages) {
      if (!onPlatform(page.url)) errors.push(`${where}: settings page ${page.url} is not on the platform's domains`);
    }
    const walkthroughIds = new Set(platform.walkthroughs.map((w) => w.id));
    if (walkthroughIds.size !== platform.walkthroughs.length) errors.push(`${where}: duplicate walkthrough id`);
    // The background sends the tab to these pages: only the platform's own sites (where the overlay can run).
    const onOwnSites = (url: string) => platform.domains.some((d) => hostIsUnder(new URL(url).hostname, d));
    for (const walkthrough of platform.walkthroughs) {
      for (const step of walkthrough.steps) {
        if (step.kind !== 'navigate') continue;
        for (const url of [step.url, ...step.arrivedAt]) {
          if (!onOwnSites(url))
            errors.push(
              `${where}: walkthrough "${walkthrough.id}" step "${step.id}" URL ${url} is not on the platform's domains`,
            );
        }
      }
    }
    const provisionIds = new Set<string>();
    for (const provision of platform.provisions) {
      const at = `${where} provision "${provision.id}"`;
      if (!provision.id.startsWith(`${platform.id}.`)) errors.push(`${at}: id must start with "${platform.id}."`);
      if (provisionIds.has(provision.id)) errors.push(`${at}: listed twice`);
      provisionIds.add(provision.id);
      if (!documentIds.has(provision.documentId)) errors.push(`${at}: unknown document "${provision.documentId}"`);
      if (provision.evidence.recordId.split('@')[0] !== provision.id)
        errors.push(`${at}: evidence.recordId must start with the provision id`);
      for (const ref of provision.agencies) {
        if (!agencyIds.has(ref.agencyId)) errors.push(`${at}: unknown agency "${ref.agencyId}"`);
      }
      const actionIds = new Set<string>();
      for (const action of provision.actions) {
        if (actionIds.has(action.id)) errors.push(`${at}: action "${action.id}" listed twice`);
        actionIds.add(action.id);
        if (!onPlatform(action.url)) errors.push(`${at}: action URL ${action.url} is not on the platform's domains`);
        if (action.walkthroughId && !walkthroughIds.has(action.walkthroughId))
          errors.push(`${at}: unknown walkthrough "${action.walkthroughId}"`);
      }
      for (const url of [provision.evidence.archiveUrl, provision.evidence.waybackUrl]) {
        if (!ARCHIVE_PREFIXES.some((prefix) => url.startsWith(prefix)))
          errors.push(`${at}: evidence link ${url} is not an Open Terms Archive or Wayback Machine link`);
      }
    }
  }
  return errors;
}
