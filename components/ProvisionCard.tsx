import { agenciesOf } from '@/utils/agencies';
import type { PlatformRecord, ProgressRecord, ProvisionChange, ProvisionRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import { AGENCY_DOMAINS, ARCHIVE_DOMAINS, linkHosts } from '@/utils/links';
import { appliesTo, type Region, regional, resolveAgencies } from '@/utils/region';
import type { Action, Agency, AgencyRef } from '@/utils/schema';
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

function kindLabel(kind: Action['kind']): string {
  if (kind === 'opt-out') return t('card_kindOptOut');
  if (kind === 'setting') return t('card_kindSetting');
  if (kind === 'form') return t('card_kindForm');
  if (kind === 'delete') return t('card_kindDelete');
  if (kind === 'download') return t('card_kindDownload');
  return t('card_kindLearn');
}

function jurisdictionText(list: readonly string[]): string {
  return list.includes('*') ? t('card_everywhere') : list.join(', ');
}

/** How many actions a row shows before it is expanded (the rest are one click away). */
export const PRIMARY_ACTIONS = 2;

/**
 * The actions a row shows on its surface: those that apply in the user's region, except "learn
 * more" links (they are reading, not doing), in the data's order (most direct first).
 */
export function primaryActions(actions: readonly Action[], region: Region): Action[] {
  return actions.filter((a) => a.kind !== 'learn' && appliesTo(a.jurisdictions, region)).slice(0, PRIMARY_ACTIONS);
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
  const primary = primaryActions(provision.actions, region);
  return (
    <article class="provision" data-provision={provision.id} data-expanded={expanded}>
      <h2 class="provision-heading">
        <button
          type="button"
          class="provision-toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={props.onToggle}
        >
          <SeverityBadge severity={provision.severity} />
          <span class="provision-title">{provision.title}</span>
          {doneCount > 0 && !recheck && <span class="done-pill">{t('card_done')}</span>}
          {recheck && <span class="done-pill recheck">{t('card_doneRecheck')}</span>}
          <span class="chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
        </button>
      </h2>
      {!expanded && primary.length > 0 && (
        <ul class="quick-actions">
          {primary.map((action) => {
            const done = props.progress.some((p) => p.actionId === action.id);
            return (
              <li key={action.id} class="quick-action" data-action={action.id} data-done={done}>
                <ExternalLink href={action.url} allowed={platformHosts} class="action-link quick-link">
                  {action.label}
                </ExternalLink>
                {!action.verified && <span class="small muted unverified">{t('card_unverified')}</span>}
                {done && <span class="small quick-done">{t('card_doneMark')}</span>}
                {action.walkthroughId && props.onGuide && (
                  <GuideButton walkthroughId={action.walkthroughId} onGuide={props.onGuide} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div id={bodyId} class="provision-body" hidden={!expanded}>
        {expanded && (
          <>
            {recheck && props.changed && (
              <p class="recheck-note" role="note">
                {provision.actions.some((a) => a.walkthroughId)
                  ? t('card_recheckNoteGuide', changeInWords(props.changed))
                  : t('card_recheckNote', changeInWords(props.changed))}
              </p>
            )}
            <section aria-labelledby={`${bodyId}-what`}>
              <h3 id={`${bodyId}-what`}>{t('card_whatItIs')}</h3>
              {shown && <VersionNote state={shown.state} />}
              {evidence && (
                <>
                  <blockquote class="quote">{evidence.quote}</blockquote>
                  <p class="small">
                    {document?.title ?? t('card_policy')}
                    {evidence.version.label ? ` (${evidence.version.label})` : ''} ·{' '}
                    <ExternalLink
                      href={urlWithTextFragment(evidence.version.urls[0] ?? evidence.capture.sourceUrl, evidence.quote)}
                      allowed={platformHosts}
                      class="view-in-policy"
                    >
                      {t('card_viewInPolicy')}
                    </ExternalLink>
                  </p>
                </>
              )}
              <p class="small muted">{t('card_severityRationale', provision.severityRationale)}</p>
            </section>
            <section aria-labelledby={`${bodyId}-why`}>
              <h3 id={`${bodyId}-why`}>{t('card_whyItMatters')}</h3>
              <p>{provision.whyItMatters}</p>
            </section>
            <section aria-labelledby={`${bodyId}-impact`}>
              <h3 id={`${bodyId}-impact`}>{t('card_consumerImpact')}</h3>
              <p>{provision.consumerImpact}</p>
              {provision.caveat && <p class="small muted">{provision.caveat}</p>}
            </section>
            <section aria-labelledby={`${bodyId}-do`}>
              <h3 id={`${bodyId}-do`}>{t('card_whatYouCanDo')}</h3>
              {provision.actions.length === 0 ? (
                <p class="small muted">{t('card_noActions')}</p>
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
                          <ExternalLink href={action.url} allowed={platformHosts} class="action-link" showHost>
                            {action.label}
                          </ExternalLink>
                          <span class="action-meta small">
                            {kindLabel(action.kind)} · {jurisdictionText(action.jurisdictions)}
                            {!applies && ` · ${t('card_notInRegion')}`}
                            {!action.verified && ` · ${t('card_unverified')}`}
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
                              />{' '}
                              {done
                                ? done.seenOn
                                  ? t('card_seenOn', done.seenOn.replace(/^https:\/\//, ''), done.doneAt.slice(0, 10))
                                  : t('card_doneOn', done.doneAt.slice(0, 10))
                                : t('card_markDone')}
                            </label>
                          </span>
                        </li>
                      );
                    })}
                </ul>
              )}
            </section>
            <AgencyList
              agencies={props.agencies}
              refs={agenciesOf(platform, provision)}
              region={region}
              id={`${bodyId}-agencies`}
            />
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
  const label = state.version.label;
  if (state.kind === 'absent') {
    return (
      <p class="small version-note" data-version-state="absent">
        {label ? t('card_absentIn', label, state.note) : t('card_absentInYours', state.note)}
      </p>
    );
  }
  const from = state.evidence?.version.label;
  let text: string;
  if (label) text = from ? t('card_uncheckedFrom', label, from) : t('card_unchecked', label);
  else text = from ? t('card_uncheckedYoursFrom', from) : t('card_uncheckedYours');
  return (
    <p class="small version-note" data-version-state="unchecked">
      {text}
    </p>
  );
}

function AgencyList({
  agencies,
  refs,
  region,
  id,
}: {
  agencies: readonly Agency[];
  refs: readonly AgencyRef[];
  region: Region;
  id: string;
}) {
  // The same rule as the banner and the check-up (utils/region.ts).
  const { agencies: shown, agenciesElsewhere } = regional([], resolveAgencies(refs, agencies), region);
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{t('card_agencies')}</h3>
      {agenciesElsewhere && <p class="small muted">{t('card_agenciesOther')}</p>}
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
