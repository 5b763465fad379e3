import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { documentDate, platformIdOf } from '../../../utils/background/progress';

describe('platformIdOf', () => {
  it('is the part of a provision id before the first dot', () => {
    expect(platformIdOf('linkedin.ai-training')).toBe('linkedin');
    expect(platformIdOf('no-dot')).toBe('');
  });
});

describe('documentDate', () => {
  it('is the policy’s own date of the newest captured version that quotes the provision', () => {
    const linkedin = loadBundledFeed().platforms.find((p) => p.id === 'linkedin');
    const ai = linkedin?.provisions.find((p) => p.id === 'linkedin.ai-training');
    if (!linkedin || !ai) throw new Error('linkedin.ai-training missing');
    const dates = ai.quotes.map(
      (q) =>
        linkedin.documents.find((d) => d.id === ai.documentId)?.versions.find((v) => v.id === q.versionId)?.capture
          ?.documentLastUpdated ?? '',
    );
    expect(documentDate(linkedin, ai)).toBe([...dates].sort().at(-1));
    expect(documentDate(linkedin, ai)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
