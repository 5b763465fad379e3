/**
 * Citations of a provision's evidence: plain text (in the style of a privacy-archive
 * record), APA 7 and BibTeX. Pure functions of the data.
 */
import type { PolicyDocument, Provision } from './schema';
import { SEVERITY_LABEL } from './severity';

export interface CitationInput {
  platformName: string;
  provision: Pick<Provision, 'id' | 'title' | 'severity' | 'quote' | 'evidence'>;
  document: Pick<PolicyDocument, 'title'>;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(isoDate: string): { year: string; month: string; day: number } {
  const [year = '', month = '1', day = '1'] = isoDate.split('-');
  return { year, month: MONTHS[Number(month) - 1] ?? '', day: Number(day) };
}

/** "November 3, 2025" */
export function longDate(isoDate: string): string {
  const p = parts(isoDate);
  return `${p.month} ${p.day}, ${p.year}`;
}

export function plainCitation({ platformName, provision, document }: CitationInput): string {
  const e = provision.evidence;
  return [
    `${platformName} — "${provision.title}" (severity: ${SEVERITY_LABEL[provision.severity]}).`,
    `${document.title}, last updated ${longDate(e.documentLastUpdated)}.`,
    `Quote: "${provision.quote}"`,
    `Source: ${e.sourceUrl}`,
    `Archived copy: ${e.archiveUrl} (captured ${e.capturedAt}; SHA-256 ${e.sha256})`,
    `Wayback Machine: ${e.waybackUrl}`,
    `Policy Lens record ${e.recordId}, first tracked ${e.firstTracked}, last verified ${e.lastVerified}.`,
  ].join('\n');
}

/** APA 7 for a web page by a group author, with the retrieval date of the capture. */
export function apaCitation({ platformName, document, provision }: CitationInput): string {
  const e = provision.evidence;
  const d = parts(e.documentLastUpdated);
  return `${platformName}. (${d.year}, ${d.month} ${d.day}). ${document.title}. Retrieved ${longDate(e.capturedAt)}, from ${e.sourceUrl} (archived at ${e.archiveUrl})`;
}

function bibEscape(text: string): string {
  return text.replace(/([\\{}%&$#_^~])/g, (c) => {
    if (c === '\\') return '\\textbackslash{}';
    if (c === '^') return '\\textasciicircum{}';
    if (c === '~') return '\\textasciitilde{}';
    return `\\${c}`;
  });
}

export function bibtexKey(provision: Pick<Provision, 'id' | 'evidence'>): string {
  return `policylens_${provision.id.replace(/[^a-z0-9]+/g, '_')}_${provision.evidence.capturedAt.slice(0, 4)}`;
}

export function bibtexCitation({ platformName, document, provision }: CitationInput): string {
  const e = provision.evidence;
  const fields: Array<[string, string]> = [
    ['author', `{${bibEscape(platformName)}}`],
    ['title', bibEscape(`${document.title}: ${provision.title}`)],
    ['year', e.documentLastUpdated.slice(0, 4)],
    ['url', e.sourceUrl],
    ['urldate', e.capturedAt],
    [
      'note',
      bibEscape(
        `Archived copy ${e.archiveUrl}, SHA-256 ${e.sha256}. Policy Lens record ${e.recordId}, last verified ${e.lastVerified}.`,
      ),
    ],
  ];
  return `@misc{${bibtexKey(provision)},\n${fields.map(([k, v]) => `  ${k} = {${v}},`).join('\n')}\n}`;
}

export type CitationFormat = 'plain' | 'apa' | 'bibtex';

export function formatCitation(format: CitationFormat, input: CitationInput): string {
  if (format === 'apa') return apaCitation(input);
  if (format === 'bibtex') return bibtexCitation(input);
  return plainCitation(input);
}
