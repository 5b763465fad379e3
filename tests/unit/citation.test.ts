import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { apaCitation, bibtexCitation, plainCitation } from '../../utils/citation';
import { SEVERITY_LABEL } from '../../utils/severity';
import { evidenceOf, linkedinView } from '../support/data';

const { full: linkedin, ai } = linkedinView(loadBundledFeed().platforms);
const aiEvidence = evidenceOf(linkedin, ai, 'global');

describe('citations', () => {
  const document = linkedin.documents.find((d) => d.id === ai.documentId);
  if (!document) throw new Error('document missing');
  const input = { platformName: 'LinkedIn', provision: ai, document, evidence: aiEvidence };
  const c = aiEvidence.capture;

  it('plain text carries the quote, source, archive, hash, dates and record id', () => {
    const text = plainCitation(input);
    for (const part of [aiEvidence.quote, c.sourceUrl, c.archiveUrl, c.sha256, aiEvidence.recordId]) {
      expect(text).toContain(part);
    }
    expect(text.split('\n')[0]).toBe(`LinkedIn — "${ai.title}" (severity: ${SEVERITY_LABEL[ai.severity]}).`);
  });

  it('APA names the group author, the date, the title and where it was retrieved', () => {
    expect(apaCitation(input)).toBe(
      `LinkedIn. (2025, November 3). LinkedIn Privacy Policy (global version). Retrieved February 20, 2026, from ${c.sourceUrl} (archived at ${c.archiveUrl})`,
    );
  });

  it('BibTeX is a @misc entry with escaped fields', () => {
    const bib = bibtexCitation({ ...input, document: { title: 'Terms & Conditions_100%' } });
    expect(bib.startsWith('@misc{policylens_linkedin_ai_training_global_2026,')).toBe(true);
    expect(bib).toContain(`title = {Terms \\& Conditions\\_100\\% (global version): ${ai.title}}`);
    expect(bib).toContain('author = {{LinkedIn}}');
    expect(bib.trim().endsWith('}')).toBe(true);
  });
});
