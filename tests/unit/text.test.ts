import { describe, expect, it } from 'vitest';
import { markdownToPlain, normalizeText } from '../../utils/text';

describe('normalizeText', () => {
  it('folds what real pages carry into what a typed quote has', () => {
    expect(normalizeText('  We\u00a0may\u202Fuse your “data” – and it’s\u200B fine\u00ad.\n\n')).toBe(
      'We may use your "data" - and it\'s fine.',
    );
    // NFC: a decomposed é equals the composed one.
    expect(normalizeText('caf\u0065\u0301')).toBe('caf\u00e9');
  });
});

describe('markdownToPlain', () => {
  it('reduces links, images, escapes and emphasis to the text a reader sees', () => {
    expect(markdownToPlain('See [our **policy**](https://x.com/p?a=(1)) and ![logo](x.png), \\[1\\] *this*.')).toBe(
      'See our policy and logo, [1] this.',
    );
  });
});
