import type { CheckupReport as Report, ReportProvision } from '@/utils/checkup-report';
import { type MessageKey, t } from '@/utils/i18n';
import { regionLabel } from '@/utils/region';
import { SeverityBadge } from './SeverityBadge';

export interface CheckupReportProps {
  report: Report;
  onPrint: () => void;
  onDownload: () => void;
}

/**
 * The printable check-up: every platform in it, its provisions still open (most severe first),
 * what the user did and when, with the evidence and a citation. Addresses are printed in full
 * (a sheet of paper has no links); nothing here loads anything.
 */
export function CheckupReport({ report, onPrint, onDownload }: CheckupReportProps) {
  return (
    <main class="checkup-report">
      <h1>{t('checkup_title')}</h1>
      <p>
        {t('checkup_meta', report.generatedAt.slice(0, 10), regionLabel(report.region), String(report.dataVersion))}
      </p>
      <p class="small muted">{t('checkup_private')}</p>
      <p class="no-print report-buttons">
        <button type="button" class="print-checkup" onClick={onPrint}>
          {t('checkup_print')}
        </button>{' '}
        <button type="button" class="download-checkup" onClick={onDownload}>
          {t('checkup_export_markdown')}
        </button>
      </p>
      {report.platforms.length === 0 && <p data-checkup-empty="true">{t('checkup_empty')}</p>}
      {report.platforms.map((platform) => (
        <section key={platform.id} class="report-platform" data-report-platform={platform.id}>
          <h2>{platform.name}</h2>
          <p class="small muted">
            {platform.reasons
              .map((r) => t(r === 'progress' ? 'checkup_reason_progress' : 'checkup_reason_chosen'))
              .join(' · ')}
          </p>
          <h3>{t('checkup_open', String(platform.open.length))}</h3>
          {platform.open.length === 0 && <p>{t('checkup_open_none')}</p>}
          {platform.open.map((p) => (
            <ProvisionEntry key={p.id} provision={p} state="open" />
          ))}
          <h3>{t('checkup_acted', String(platform.acted.length))}</h3>
          {platform.acted.length === 0 && <p>{t('checkup_acted_none')}</p>}
          {platform.acted.map((p) => (
            <ProvisionEntry key={p.id} provision={p} state="acted" />
          ))}
        </section>
      ))}
    </main>
  );
}

const LABELS: Array<[MessageKey, (e: NonNullable<ReportProvision['evidence']>) => string]> = [
  ['checkup_source', (e) => e.sourceUrl],
  ['checkup_archive', (e) => e.archiveUrl],
  ['checkup_wayback', (e) => e.waybackUrl],
];

function ProvisionEntry({ provision: p, state }: { provision: ReportProvision; state: 'open' | 'acted' }) {
  const e = p.evidence;
  return (
    <article class="report-provision" data-report-provision={p.id} data-state={state}>
      <h4>
        <SeverityBadge severity={p.severity} /> {p.title}
      </h4>
      <p>{p.whyItMatters}</p>
      <ul class="report-actions">
        {p.actions.length === 0 && <li>{t('checkup_no_action')}</li>}
        {p.actions.map((a) => (
          <li key={a.id} data-report-action={a.id} data-done={a.done !== null}>
            {a.done ? '✓ ' : '○ '}
            {a.label} — <span class="url">{a.url}</span>
            {!a.verified && ` (${t('checkup_unverified')})`}
            {a.done && ` — ${t('checkup_done_on', a.done.doneAt.slice(0, 10), a.done.documentLastUpdated)}`}
          </li>
        ))}
      </ul>
      {p.agenciesElsewhere && <p class="small muted">{t('checkup_agencies_elsewhere')}</p>}
      <ul class="report-agencies">
        {p.agencies.map((g) => (
          <li key={g.id} data-report-agency={g.id}>
            {t('checkup_md_agency')}: {g.name} ({g.jurisdiction}, {g.basis}) — <span class="url">{g.complaintUrl}</span>
          </li>
        ))}
      </ul>
      {e ? (
        <>
          <blockquote class="quote">{e.quote}</blockquote>
          <p class="small evidence-lines">
            {t('checkup_evidence')}: {e.documentTitle}
            {e.versionLabel ? ` (${e.versionLabel})` : ''}.{' '}
            {LABELS.map(([key, value]) => (
              <span key={key}>
                {t(key)} <span class="url">{value(e)}</span>.{' '}
              </span>
            ))}
            {t('checkup_sha')} <code>{e.sha256}</code>.{' '}
            {t('checkup_dates', e.capturedAt, e.documentLastUpdated, e.verifiedAt)}
          </p>
          <details class="citation" open>
            <summary>{t('checkup_citation')}</summary>
            <pre>{e.citation}</pre>
          </details>
        </>
      ) : (
        p.absentNote && (
          <p class="small">
            {t('checkup_absent')} {p.absentNote}
          </p>
        )
      )}
    </article>
  );
}
