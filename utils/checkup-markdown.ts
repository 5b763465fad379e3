/**
 * The check-up report as Markdown, in the user's language (utils/i18n.ts; the dataset's own text,
 * titles and quotes, stays as the data has it). Text from the data is escaped so that it reads
 * as text, never as Markdown markup or a link of its own.
 */
import type { CheckupReport, ReportProvision } from './checkup-report';
import { type MessageKey, t } from './i18n';
import { regionLabel } from './region';
import type { Severity } from './schema';

const SEVERITY_KEY: Record<Severity, MessageKey> = {
  high: 'severityHigh',
  medium: 'severityMedium',
  low: 'severityLow',
};

/** Markdown's punctuation, backslash-escaped, and line breaks folded: data text stays plain text. */
export function mdText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]{}<>#|!~+-])/g, '\\$1');
}

/** A URL in angle brackets (an autolink or a link target): spaces and brackets percent-encoded. */
function mdUrl(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

function mdLink(label: string, url: string): string {
  return `[${mdText(label)}](${mdUrl(url)})`;
}

const day = (iso: string) => iso.slice(0, 10);

function provisionLines(p: ReportProvision): string[] {
  const lines = [`#### ${mdText(`[${t(SEVERITY_KEY[p.severity])}] ${p.title}`)}`, '', mdText(p.whyItMatters), ''];
  for (const a of p.actions) {
    const unverified = a.verified ? '' : ` (${t('checkup_unverified')})`;
    const done = a.done ? ` — ✓ ${t('checkup_done_on', day(a.done.doneAt), a.done.documentLastUpdated)}` : '';
    lines.push(`- ${t('checkup_md_action')}: ${mdLink(a.label, a.url)}${unverified}${done}`);
  }
  if (p.actions.length === 0) lines.push(`- ${t('checkup_no_action')}`);
  if (p.agenciesElsewhere) lines.push(`- ${t('checkup_agencies_elsewhere')}`);
  for (const g of p.agencies) {
    lines.push(
      `- ${t('checkup_md_agency')}: ${mdLink(g.name, g.complaintUrl)} (${mdText(`${g.jurisdiction}, ${g.basis}`)})`,
    );
  }
  lines.push('');
  const e = p.evidence;
  if (e) {
    lines.push(`> ${mdText(e.quote)}`, '');
    lines.push(
      `${t('checkup_evidence')}: ${mdText(e.documentTitle + (e.versionLabel ? ` (${e.versionLabel})` : ''))}; ` +
        `${t('checkup_source')} ${mdUrl(e.sourceUrl)}; ${t('checkup_archive')} ${mdUrl(e.archiveUrl)}; ` +
        `${t('checkup_wayback')} ${mdUrl(e.waybackUrl)}; ${t('checkup_sha')} \`${e.sha256}\`; ` +
        t('checkup_dates', e.capturedAt, e.documentLastUpdated, e.verifiedAt),
      '',
      `${t('checkup_citation')}:`,
      '',
      '```text',
      // A fence inside the citation would end the block early.
      e.citation.replaceAll('```', "'''"),
      '```',
      '',
    );
  } else if (p.absentNote) {
    lines.push(`${t('checkup_absent')} ${mdText(p.absentNote)}`, '');
  }
  return lines;
}

export function checkupMarkdown(report: CheckupReport): string {
  const lines = [
    `# ${t('checkup_title')}`,
    '',
    t('checkup_meta', day(report.generatedAt), regionLabel(report.region), String(report.dataVersion)),
    '',
    t('checkup_private'),
    '',
  ];
  if (report.platforms.length === 0) lines.push(t('checkup_empty'), '');
  for (const platform of report.platforms) {
    lines.push(`## ${mdText(platform.name)}`, '');
    lines.push(
      `_${platform.reasons.map((r) => t(r === 'progress' ? 'checkup_reason_progress' : 'checkup_reason_chosen')).join(' · ')}_`,
      '',
    );
    lines.push(`### ${t('checkup_open', String(platform.open.length))}`, '');
    if (platform.open.length === 0) lines.push(t('checkup_open_none'), '');
    for (const p of platform.open) lines.push(...provisionLines(p));
    lines.push(`### ${t('checkup_acted', String(platform.acted.length))}`, '');
    if (platform.acted.length === 0) lines.push(t('checkup_acted_none'), '');
    for (const p of platform.acted) lines.push(...provisionLines(p));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
