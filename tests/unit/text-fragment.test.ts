import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { textFragment, urlWithTextFragment } from '../../utils/text-fragment';
import { linkedinView } from '../support/data';

const { aiEvidence } = linkedinView(loadBundledFeed().platforms);

describe('text fragments', () => {
  it('uses start,end for long quotes and encodes punctuation that text directives reserve', () => {
    expect(textFragment(aiEvidence.quote)).toBe(
      ':~:text=We%20may%20use%20your%20personal,useful%20to%20you%20and%20others.',
    );
    expect(textFragment('Opt-out, fast & easy')).toBe(':~:text=Opt%2Dout%2C%20fast%20%26%20easy');
  });

  it('keeps non-ASCII and curly quotes, percent-encoded as UTF-8', () => {
    expect(textFragment('LinkedIn’s “Data” für Sie')).toBe(
      ':~:text=LinkedIn%E2%80%99s%20%E2%80%9CData%E2%80%9D%20f%C3%BCr%20Sie',
    );
  });

  it('replaces an existing fragment and keeps the query', () => {
    expect(urlWithTextFragment('https://example.com/p?hl=en#top', 'Short quote')).toBe(
      'https://example.com/p?hl=en#:~:text=Short%20quote',
    );
  });
});
