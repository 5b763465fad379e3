import { type CitationFormat, type CitationInput, formatCitation } from '@/utils/citation';
import { t } from '@/utils/i18n';
import { CopyButton } from './CopyButton';

const FORMATS: Array<[CitationFormat, () => string]> = [
  ['plain', () => t('card_copyCitation')],
  ['apa', () => t('card_copyApa')],
  ['bibtex', () => t('card_copyBibtex')],
];

export function CitationBox({ input, onCopy }: { input: CitationInput; onCopy: (text: string) => Promise<void> }) {
  return (
    <section aria-label={t('card_cite')} class="cite">
      <h3>{t('card_cite')}</h3>
      <div class="cite-buttons">
        {FORMATS.map(([format, label]) => (
          <CopyButton key={format} label={label()} text={formatCitation(format, input)} onCopy={onCopy} />
        ))}
      </div>
    </section>
  );
}
