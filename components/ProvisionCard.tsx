import { agenciesOf } from '@/utils/agencies';
import type { PlatformRecord, ProgressRecord, ProvisionChange, ProvisionRecord } from '@/utils/db';
import { AGENCY_DOMAINS, ARCHIVE_DOMAINS } from '@/utils/integrity';
import { linkHosts } from '@/utils/links';
import { appliesTo, type Region, regional, resolveAgencies } from '@/utils/region';
import type { Agency, AgencyRef } from '@/utils/schema';
import { urlWithTextFragment } from '@/utils/text-fragment';
import { evidenceForRegion, type ProvisionInVersion } from '@/utils/versions';
import { CitationBox } from './CitationBox';
import { EvidenceBox } from './EvidenceBox';
import { ExternalLink } from './ExternalLink';
import { GuideButton } from './GuideButton';
import { SeverityBadge } from './SeverityBadge';
import { changeInWords } from './WhatChanged';

export interface ProvisionCardProps {
  platform: PlatformRecord;
  provision: ProvisionRecord;
  agencies: readonly Agency[];
  progress: readonly ProgressRecord[];
  region: Region;
  now: Date;
  expanded: boolean;
  onToggle: () => void;
  onSetDone: (actionId: string, done: boolean) => void;
  onCopy: (text: string) => Promise<void>;
  onGuide?: (walkthroughId: string) => void;
  /** How the last data update changed this provision, if it did. */
  changed?: ProvisionChange;
  /** The feed version of that update. */
  changedInVersion?: number;
}

const KIND_LABEL = {
  'opt-out': 'Opt out',
  setting: 'Setting',
  form: 'Form',
  delete: 'Delete',
  download: 'Download',
  learn: 'Learn more',
} as const;

function jurisdictionText(list: readonly string[]): string {
  return list.includes('*') ? 'Everywhere' : list.join(', ');
}

export function ProvisionCard(props: ProvisionCardProps) {
  const { platform, provision, region, expanded } = props;
  const bodyId = `provision-${provision.id.replace(/\W/g, '-')}`;
  const document = platform.documents.find((d) => d.id === provision.documentId);
  const shown = document ? evidenceForRegion(document, provision, region) : null;
  const evidence = shown?.evidence ?? null;
  const platformHosts = linkHosts(platform);
  const doneCount = provision.actions.filter((a) => props.progress.some((p) => p.actionId === a.id)).length;
  // Done against older data, and the update changed this provision since: the setting may need a look.
  const recheck =
    props.changed !== undefined &&
    props.changedInVersion !== undefined &&
    props.progress.some((p) => p.feedVersion < (props.changedInVersion ?? 0));
  return (
    <article class="provision" data-provision={provision.id} data-expanded={expanded}>
      <h3 class="provision-heading">
        <button
          type="button"
          class="provision-toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={props.onToggle}
        >
          <SeverityBadge severity={provision.severity} />
          <span class="provision-title">{provision.title}</span>
          {doneCount > 0 && !recheck && <span class="done-pill">done</span>}
          {recheck && <span class="done-pill recheck">done · changed since, re-check</span>}
          <span class="chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
        </button>
      </h3>
      <div id={bodyId} class="provision-body" hidden={!expanded}>
        {expanded && (
          <>
            {recheck && props.changed && (
              <p class="recheck-note" role="note">
                You did this before the last update, which changed it: {changeInWords(props.changed)}. Check the setting
                again{provision.actions.some((a) => a.walkthroughId) ? ' (Guide me below takes you there)' : ''}.
              </p>
            )}
            <section aria-label="What it is">
              <h4>What it is</h4>
              {shown && <VersionNote state={shown.state} />}
              {evidence && (
                <>
                  <blockquote class="quote">{evidence.quote}</blockquote>
                  <p class="small">
                    {document?.title ?? 'Policy'}
                    {evidence.version.label ? ` (${evidence.version.label})` : ''} ·{' '}
                    <ExternalLink
                      href={urlWithTextFragment(evidence.version.urls[0] ?? evidence.capture.sourceUrl, evidence.quote)}
                      allowed={platformHosts}
                      class="view-in-policy"
                    >
                      View in policy
                    </ExternalLink>
                  </p>
                </>
              )}
              <p class="small muted">Severity: {provision.severityRationale}</p>
            </section>
            <section aria-label="Why it matters">
              <h4>Why it matters</h4>
              <p>{provision.whyItMatters}</p>
            </section>
            <section aria-label="Consumer impact">
              <h4>Consumer impact</h4>
              <p>{provision.consumerImpact}</p>
              {provision.caveat && <p class="small muted">{provision.caveat}</p>}
            </section>
            <section aria-label="What you can do">
              <h4>What you can do</h4>
              {provision.actions.length === 0 ? (
                <p class="small muted">
                  No setting turns this off. You can still complain to an agency below, or stop using the feature.
                </p>
              ) : (
                <ul class="actions">
                  {[...provision.actions]
                    .sort(
                      (a, b) => Number(appliesTo(b.jurisdictions, region)) - Number(appliesTo(a.jurisdictions, region)),
                    )
                    .map((action) => {
                      const done = props.progress.find((p) => p.actionId === action.id);
                      const applies = appliesTo(action.jurisdictions, region);
                      return (
                        <li key={action.id} class="action" data-action={action.id} data-applies={applies}>
                          <ExternalLink href={action.url} allowed={platformHosts} class="action-link">
                            {action.label}
                          </ExternalLink>
                          <span class="action-meta small">
                            {KIND_LABEL[action.kind]} · {jurisdictionText(action.jurisdictions)}
                            {!applies && ' · may not be available in your region'}
                            {!action.verified && ' · unverified link'}
                          </span>
                          {action.caveat && <span class="small muted action-caveat">{action.caveat}</span>}
                          <span class="action-controls">
                            {action.walkthroughId && props.onGuide && (
                              <GuideButton walkthroughId={action.walkthroughId} onGuide={props.onGuide} />
                            )}
                            <label class="done-toggle">
                              <input
                                type="checkbox"
                                checked={Boolean(done)}
                                onChange={(e) => props.onSetDone(action.id, e.currentTarget.checked)}
                              />
                              {done ? ` Done on ${done.doneAt.slice(0, 10)}` : ' Mark as done'}
                            </label>
                          </span>
                        </li>
                      );
                    })}
                </ul>
              )}
            </section>
            <AgencyList agencies={props.agencies} refs={agenciesOf(platform, provision)} region={region} />
            {evidence && (
              <EvidenceBox
                evidence={evidence}
                firstTracked={provision.firstTracked}
                now={props.now}
                onCopy={props.onCopy}
                allowed={[...platformHosts, ...ARCHIVE_DOMAINS]}
              />
            )}
            {document && evidence && (
              <CitationBox
                input={{ platformName: platform.name, provision, document, evidence }}
                onCopy={props.onCopy}
              />
            )}
          </>
        )}
      </div>
    </article>
  );
}

/** Says when the quote shown is not from the user's region's version of the policy. */
function VersionNote({ state }: { state: ProvisionInVersion }) {
  if (state.kind === 'quoted') return null;
  const name = state.version.label ?? 'your region’s';
  if (state.kind === 'absent') {
    return (
      <p class="small version-note" data-version-state="absent">
        Not in the {name} version of this policy: {state.note}
      </p>
    );
  }
  return (
    <p class="small version-note" data-version-state="unchecked">
      We have not checked the {name} version of this policy
      {state.evidence?.version.label ? `; this quote is from the ${state.evidence.version.label} version` : ''}.
    </p>
  );
}

function AgencyList({
  agencies,
  refs,
  region,
}: {
  agencies: readonly Agency[];
  refs: readonly AgencyRef[];
  region: Region;
}) {
  // The same rule as the banner and the check-up (utils/region.ts).
  const { agencies: shown, agenciesElsewhere } = regional([], resolveAgencies(refs, agencies), region);
  return (
    <section aria-label="Applicable agencies">
      <h4>Applicable agencies</h4>
      {agenciesElsewhere && (
        <p class="small muted">None listed for your region; these are the agencies for other regions.</p>
      )}
      <ul class="agencies">
        {shown.map((agency) => (
          <li key={agency.id} data-agency={agency.id}>
            <ExternalLink href={agency.complaintUrl} allowed={AGENCY_DOMAINS}>
              {agency.name}
            </ExternalLink>{' '}
            <span class="small muted">
              ({agency.jurisdiction}) {agency.basis}
            </span>
            {agency.note && <span class="small muted agency-note">{agency.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
