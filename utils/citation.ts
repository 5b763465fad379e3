/**
 * Citations of a provision's evidence: plain text (in the style of a privacy-archive
 * record), APA 7 and BibTeX. Pure functions of the data.
 */
import type { PolicyDocument, Provision } from './schema';
import { SEVERITY_LABEL } from './severity';
import type { VersionEvidence } from './versions';

export interface CitationInput {
  platformName: string;
  provision: Pick<Provision, 'id' | 'title' | 'severity' | 'firstTracked'>;
  document: Pick<PolicyDocument, 'title'>;
  /** The version quoted, with its capture. */
  evidence: VersionEvidence;
}

/** The document's title, with the version's label when it has one ("LinkedIn Privacy Policy (European Regional Privacy Notice)"). */
function titleOf(input: CitationInput): string {
  const label = input.evidence.version.label;
  return label ? `${input.document.title} (${label})` : input.document.title;
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

export function plainCitation(input: CitationInput): string {
  const { platformName, provision, evidence } = input;
  const c = evidence.capture;
  return [
    `${platformName} — "${provision.title}" (severity: ${SEVERITY_LABEL[provision.severity]}).`,
    `${titleOf(input)}, last updated ${longDate(c.documentLastUpdated)}.`,
    `Quote: "${evidence.quote}"`,
    `Source: ${c.sourceUrl}`,
    `Archived copy: ${c.archiveUrl} (captured ${c.capturedAt}; SHA-256 ${c.sha256})`,
    `Wayback Machine: ${c.waybackUrl}`,
    `Policy Lens record ${evidence.recordId}, first tracked ${provision.firstTracked}, quote checked against the capture on ${c.verifiedAt}.`,
  ].join('\n');
}

/** APA 7 for a web page by a group author, with the retrieval date of the capture. */
export function apaCitation(input: CitationInput): string {
  const c = input.evidence.capture;
  const d = parts(c.documentLastUpdated);
  return `${input.platformName}. (${d.year}, ${d.month} ${d.day}). ${titleOf(input)}. Retrieved ${longDate(c.capturedAt)}, from ${c.sourceUrl} (archived at ${c.archiveUrl})`;
}

function bibEscape(text: string): string {
  return text.replace(/([\\{}%&$#_^~])/g, (c) => {
    if (c === '\\') return '\\textbackslash{}';
    if (c === '^') return '\\textasciicircum{}';
    if (c === '~') return '\\textasciitilde{}';
    return `\\${c}`;
  });
}

export function bibtexKey(provisionId: string, evidence: VersionEvidence): string {
  const id = `${provisionId}_${evidence.version.id}`;
  return `policylens_${id.replace(/[^a-z0-9]+/g, '_')}_${evidence.capture.capturedAt.slice(0, 4)}`;
}

export function bibtexCitation(input: CitationInput): string {
  const { platformName, provision, evidence } = input;
  const c = evidence.capture;
  const fields: Array<[string, string]> = [
    ['author', `{${bibEscape(platformName)}}`],
    ['title', bibEscape(`${titleOf(input)}: ${provision.title}`)],
    ['year', c.documentLastUpdated.slice(0, 4)],
    ['url', c.sourceUrl],
    ['urldate', c.capturedAt],
    [
      'note',
      bibEscape(
        `Archived copy ${c.archiveUrl}, SHA-256 ${c.sha256}. Policy Lens record ${evidence.recordId}, quote checked against the capture on ${c.verifiedAt}.`,
      ),
    ],
  ];
  return `@misc{${bibtexKey(provision.id, evidence)},\n${fields.map(([k, v]) => `  ${k} = {${v}},`).join('\n')}\n}`;
}

export type CitationFormat = 'plain' | 'apa' | 'bibtex';

export function formatCitation(format: CitationFormat, input: CitationInput): string {
  if (format === 'apa') return apaCitation(input);
  if (format === 'bibtex') return bibtexCitation(input);
  return plainCitation(input);
}
