import type { Evidence } from '@/utils/schema';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';

/** Days after which a provision's last verification counts as stale. */
export const STALE_AFTER_DAYS = 180;

export function daysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000);
}

export interface EvidenceBoxProps {
  evidence: Evidence;
  now: Date;
  allowed: readonly string[];
  onCopy: (text: string) => Promise<void>;
}

export function EvidenceBox({ evidence, now, allowed, onCopy }: EvidenceBoxProps) {
  const age = daysSince(evidence.lastVerified, now);
  return (
    <section aria-label="Evidence" class="evidence">
      <h4>Evidence</h4>
      {age > STALE_AFTER_DAYS && (
        <p class="stale" role="note">
          Stale: last verified {age} days ago. The policy may have changed since.
        </p>
      )}
      <dl>
        <dt>Source</dt>
        <dd>
          <ExternalLink href={evidence.sourceUrl} allowed={allowed}>
            {evidence.sourceUrl}
          </ExternalLink>
        </dd>
        <dt>Archived copy</dt>
        <dd>
          <ExternalLink href={evidence.archiveUrl} allowed={allowed}>
            Open Terms Archive version
          </ExternalLink>
          {' · '}
          <ExternalLink href={evidence.waybackUrl} allowed={allowed}>
            Wayback Machine
          </ExternalLink>
        </dd>
        <dt>SHA-256</dt>
        <dd>
          <code class="sha" title={evidence.sha256}>
            {evidence.sha256.slice(0, 12)}…
          </code>{' '}
          <CopyButton label="Copy full hash" text={evidence.sha256} onCopy={onCopy} />
        </dd>
        <dt>Document last updated</dt>
        <dd>{evidence.documentLastUpdated}</dd>
        <dt>Captured</dt>
        <dd>{evidence.capturedAt}</dd>
        <dt>First tracked</dt>
        <dd>{evidence.firstTracked}</dd>
        <dt>Last verified</dt>
        <dd>{evidence.lastVerified}</dd>
        <dt>Record</dt>
        <dd>
          <code>{evidence.recordId}</code>
        </dd>
      </dl>
    </section>
  );
}
