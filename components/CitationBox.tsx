import { type CitationFormat, type CitationInput, formatCitation } from '@/utils/citation';
import { CopyButton } from './CopyButton';

const FORMATS: Array<[CitationFormat, string]> = [
  ['plain', 'Copy citation'],
  ['apa', 'Copy APA'],
  ['bibtex', 'Copy BibTeX'],
];

export function CitationBox({ input, onCopy }: { input: CitationInput; onCopy: (text: string) => Promise<void> }) {
  return (
    <section aria-label="Cite" class="cite">
      <h4>Cite</h4>
      <div class="cite-buttons">
        {FORMATS.map(([format, label]) => (
          <CopyButton key={format} label={label} text={formatCitation(format, input)} onCopy={onCopy} />
        ))}
      </div>
    </section>
  );
}
