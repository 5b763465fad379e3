import { t } from '@/utils/i18n';
import type { VersionEvidence } from '@/utils/versions';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';

/** Days after which a captured policy text counts as stale: the policy may have changed since. */
export const STALE_AFTER_DAYS = 180;

export function daysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000);
}

export interface EvidenceBoxProps {
  evidence: VersionEvidence;
  /** When the record entered our data. */
  firstTracked: string;
  now: Date;
  allowed: readonly string[];
  onCopy: (text: string) => Promise<void>;
}

export function EvidenceBox({ evidence, firstTracked, now, allowed, onCopy }: EvidenceBoxProps) {
  const { capture, version } = evidence;
  // Staleness is the age of the text we checked, not of our check: a quote verified today
  // against a year-old capture says nothing about the policy today.
  const age = daysSince(capture.capturedAt, now);
  return (
    <section aria-label={t('card_evidence')} class="evidence">
      <h3>{t('card_evidence')}</h3>
      <p class="small">
        {version.label
          ? t('card_capturedOnVersion', capture.capturedAt, version.label)
          : t('card_capturedOn', capture.capturedAt)}
      </p>
      {age > STALE_AFTER_DAYS && (
        <p class="stale" role="note">
          {t('card_stale', age)}
        </p>
      )}
      <dl>
        <dt>{t('card_source')}</dt>
        <dd>
          <ExternalLink href={capture.sourceUrl} allowed={allowed}>
            {capture.sourceUrl}
          </ExternalLink>
        </dd>
        <dt>{t('card_archivedCopy')}</dt>
        <dd>
          <ExternalLink href={capture.archiveUrl} allowed={allowed}>
            {t('card_otaVersion')}
          </ExternalLink>
          {' · '}
          <ExternalLink href={capture.waybackUrl} allowed={allowed}>
            {t('card_wayback')}
          </ExternalLink>
        </dd>
        <dt>{t('card_sha256')}</dt>
        <dd>
          <code class="sha" title={capture.sha256}>
            {capture.sha256.slice(0, 12)}…
          </code>{' '}
          <CopyButton label={t('card_copyHash')} text={capture.sha256} onCopy={onCopy} />
        </dd>
        <dt>{t('card_policyDate')}</dt>
        <dd>{capture.documentLastUpdated}</dd>
        <dt>{t('card_captured')}</dt>
        <dd>{capture.capturedAt}</dd>
        <dt>{t('card_quoteChecked')}</dt>
        <dd>{capture.verifiedAt}</dd>
        <dt>{t('card_firstTracked')}</dt>
        <dd>{firstTracked}</dd>
        <dt>{t('card_record')}</dt>
        <dd>
          <code>{evidence.recordId}</code>
        </dd>
      </dl>
    </section>
  );
}
