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
    <section aria-label="Evidence" class="evidence">
      <h4>Evidence</h4>
      <p class="small">
        Policy text as captured on {capture.capturedAt} (Open Terms Archive)
        {version.label ? `, ${version.label}` : ''}.
      </p>
      {age > STALE_AFTER_DAYS && (
        <p class="stale" role="note">
          Stale: this text was captured {age} days ago. The policy may have changed since.
        </p>
      )}
      <dl>
        <dt>Source</dt>
        <dd>
          <ExternalLink href={capture.sourceUrl} allowed={allowed}>
            {capture.sourceUrl}
          </ExternalLink>
        </dd>
        <dt>Archived copy</dt>
        <dd>
          <ExternalLink href={capture.archiveUrl} allowed={allowed}>
            Open Terms Archive version
          </ExternalLink>
          {' · '}
          <ExternalLink href={capture.waybackUrl} allowed={allowed}>
            Wayback Machine
          </ExternalLink>
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code class="sha" title={capture.sha256}>
            {capture.sha256.slice(0, 12)}…
          </code>{' '}
          <CopyButton label="Copy full hash" text={capture.sha256} onCopy={onCopy} />
        </dd>
        <dt>Policy's own date</dt>
        <dd>{capture.documentLastUpdated}</dd>
        <dt>Captured</dt>
        <dd>{capture.capturedAt}</dd>
        <dt>Quote checked against it</dt>
        <dd>{capture.verifiedAt}</dd>
        <dt>First tracked</dt>
        <dd>{firstTracked}</dd>
        <dt>Record</dt>
        <dd>
          <code>{evidence.recordId}</code>
        </dd>
      </dl>
    </section>
  );
}
