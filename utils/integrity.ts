/**
 * Cross-record checks that a schema alone cannot express. Run on the bundled feed at
 * build time and on any feed before it is stored.
 */
import { hostIsUnder } from './domains';
import { AGENCY_DOMAINS, isArchiveUrl, linkHosts } from './links';
import type { Feed, PolicyDocument, Provision } from './schema';
import { stepScope } from './walkthrough/engine';

/**
 * The only domains a platform's `linkDomains` may name besides another tracked platform's own
 * domains (YouTube's settings on google.com, Threads' on instagram.com): fixed here, in code, so
 * that a feed cannot send a platform's links to a host of its choosing. Each with its reason.
 */
export const OTHER_LINK_DOMAINS: Readonly<Record<string, string>> = {
  'typeform.com': "Perplexity's opt-out request form (public/data/platforms/perplexity.json)",
};

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
  const allProvisions = new Map(feed.platforms.flatMap((p) => p.provisions.map((x) => [x.id, x] as const)));
  const domainOwner = new Map<string, string>();
  const platformDomains = new Set(feed.platforms.flatMap((p) => p.domains));
  for (const platform of feed.platforms) {
    const where = `platform "${platform.id}"`;
    if (platformIds.has(platform.id)) errors.push(`${where} is listed twice`);
    platformIds.add(platform.id);
    for (const domain of platform.domains) {
      const owner = domainOwner.get(domain);
      if (owner) errors.push(`${where}: domain ${domain} already belongs to "${owner}"`);
      domainOwner.set(domain, platform.id);
    }
    for (const domain of platform.linkDomains ?? []) {
      const ownDomain = platform.domains.includes(domain);
      if (ownDomain || (!platformDomains.has(domain) && !Object.hasOwn(OTHER_LINK_DOMAINS, domain)))
        errors.push(
          `${where}: link domain ${domain} is neither another tracked platform's domain nor in the allow-list in code`,
        );
    }
    const linkDomains = linkHosts(platform);
    // Memoised per URL: most actions of a platform share a few settings URLs; parsing each again made
    // this check 67 ms instead of 47 (medians of 7, Node, the bench's 10,000-provision feed).
    const checked = new Map<string, boolean>();
    const onPlatform = (url: string) => {
      let ok = checked.get(url);
      if (ok === undefined) {
        const host = new URL(url).hostname;
        ok = linkDomains.some((d) => hostIsUnder(host, d));
        checked.set(url, ok);
      }
      return ok;
    };
    const documentIds = new Set(platform.documents.map((d) => d.id));
    if (documentIds.size !== platform.documents.length) errors.push(`${where}: duplicate document id`);
    for (const doc of platform.documents) {
      const versionIds = new Set(doc.versions.map((v) => v.id));
      if (versionIds.size !== doc.versions.length)
        errors.push(`${where}: document "${doc.id}" has a duplicate version id`);
      // A shared document is a copy of another platform's: its URLs are that platform's pages.
      const owner = doc.sharedFrom === undefined ? platform : feed.platforms.find((p) => p.id === doc.sharedFrom);
      if (
        doc.sharedFrom !== undefined &&
        (!owner || owner === platform || !owner.documents.some((d) => d.id === doc.id))
      )
        errors.push(`${where}: document "${doc.id}" is shared from "${doc.sharedFrom}", which has no such document`);
      for (const version of doc.versions) {
        const at = `${where}: document "${doc.id}" version "${version.id}"`;
        // Usually on the platform's own domains. A document may also live on a site the platform links
        // to (Meta AI's terms are on facebook.com): linked from our UI, but its page is recognised
        // only under the platform that owns the host, so no banner there.
        for (const url of version.urls) {
          // On the platform's own sites or one it links to (Meta AI's terms are on facebook.com; a shared
          // document's pages are its owner's, which this platform links to): recognised in pages only
          // under the platform that owns the host, so no banner of this platform there.
          if (!onPlatform(url)) errors.push(`${at}: URL ${url} is not on the platform's sites`);
        }
        const capture = version.capture;
        if (!capture) continue;
        if (!onPlatform(capture.sourceUrl))
          errors.push(`${at}: source URL ${capture.sourceUrl} is not on the platform's sites`);
        for (const url of [capture.archiveUrl, capture.waybackUrl]) {
          if (!isArchiveUrl(url))
            errors.push(`${at}: evidence link ${url} is not an Open Terms Archive or Wayback Machine link`);
        }
        if (capture.capturedAt > capture.verifiedAt) errors.push(`${at}: verified before it was captured`);
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
      walkthrough.steps.forEach((step, index) => {
        const at = `${where}: walkthrough "${walkthrough.id}" step "${step.id}"`;
        const urls = step.kind === 'navigate' ? [step.url, ...step.arrivedAt] : 'at' in step ? (step.at ?? []) : [];
        for (const url of urls) {
          if (!onOwnSites(url)) errors.push(`${at} URL ${url} is not on the platform's domains`);
        }
        // Reports about a control count only from its page (utils/walkthrough/engine.ts): it must be known.
        if ((step.kind === 'click' || step.kind === 'setControl') && stepScope(walkthrough, index) === null)
          errors.push(`${at}: no page for it (a navigate step before it, or "at")`);
      });
    }
    for (const ref of platform.agencies ?? []) {
      if (!agencyIds.has(ref.agencyId)) errors.push(`${where}: unknown agency "${ref.agencyId}"`);
    }
    const provisionIds = new Set<string>();
    for (const provision of platform.provisions) {
      const at = `${where} provision "${provision.id}"`;
      if (!provision.id.startsWith(`${platform.id}.`)) errors.push(`${at}: id must start with "${platform.id}."`);
      if (provisionIds.has(provision.id)) errors.push(`${at}: listed twice`);
      provisionIds.add(provision.id);
      if (provision.sameAs !== undefined) {
        const base = allProvisions.get(provision.sameAs);
        if (!base || base.sameAs !== undefined || base.id === provision.id)
          errors.push(`${at}: sameAs "${provision.sameAs}" is not another platform's own record`);
      }
      const doc = platform.documents.find((d) => d.id === provision.documentId);
      if (doc?.sharedFrom !== undefined && !provision.sameAs?.startsWith(`${doc.sharedFrom}.`))
        errors.push(`${at}: only a reference to a record of "${doc.sharedFrom}" may quote its shared document`);
      if (!doc) errors.push(`${at}: unknown document "${provision.documentId}"`);
      else errors.push(...quoteErrors(at, doc, provision));
      for (const ref of provision.agencies ?? []) {
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
    }
  }
  return errors;
}

/**
 * A provision's quotes against its document's versions: each quote names a captured version of
 * the document once; every captured version either quotes the provision or says it is absent.
 */
function quoteErrors(at: string, doc: PolicyDocument, provision: Provision): string[] {
  const errors: string[] = [];
  const quoted = new Set<string>();
  for (const quote of provision.quotes) {
    const version = doc.versions.find((v) => v.id === quote.versionId);
    if (!version) errors.push(`${at}: quotes unknown version "${quote.versionId}" of "${doc.id}"`);
    else if (!version.capture) errors.push(`${at}: quotes version "${quote.versionId}", which has no captured text`);
    if (quoted.has(quote.versionId)) errors.push(`${at}: quotes version "${quote.versionId}" twice`);
    quoted.add(quote.versionId);
  }
  const absent = new Set<string>();
  for (const absence of provision.absentFrom ?? []) {
    if (!doc.versions.some((v) => v.id === absence.versionId))
      errors.push(`${at}: absent from unknown version "${absence.versionId}"`);
    if (quoted.has(absence.versionId) || absent.has(absence.versionId))
      errors.push(`${at}: version "${absence.versionId}" is both quoted and absent, or absent twice`);
    absent.add(absence.versionId);
  }
  for (const version of doc.versions) {
    if (version.capture && !quoted.has(version.id) && !absent.has(version.id))
      errors.push(`${at}: captured version "${version.id}" neither quotes it nor says it is absent`);
  }
  return errors;
}
