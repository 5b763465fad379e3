import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { feedIntegrityErrors, isArchiveUrl } from '../../utils/integrity';

describe('isArchiveUrl', () => {
  it.each([
    ['https://github.com/OpenTermsArchive/contrib-versions/blob/abc/LinkedIn/Privacy%20Policy.md', true],
    ['https://web.archive.org/web/20260101/https://www.linkedin.com/legal/privacy-policy', true],
    ['https://github.com/OpenTermsArchive/../attacker/blob/main/x.md', false],
    ['https://github.com/attacker/OpenTermsArchive/x.md', false],
    ['http://github.com/OpenTermsArchive/x', false],
    ['https://github.com:8443/OpenTermsArchive/x', false],
    ['https://user@github.com/OpenTermsArchive/x', false],
    ['https://web.archive.org.evil.example/web/1/x', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    expect(isArchiveUrl(url)).toBe(ok);
  });
});

describe('feedIntegrityErrors', () => {
  const feed = loadBundledFeed();

  it('finds nothing wrong with the bundled feed', () => {
    expect(feedIntegrityErrors(feed)).toEqual([]);
  });

  it('names each broken cross reference', () => {
    const broken = structuredClone(feed);
    const [first, second] = broken.platforms;
    if (!first || !second) throw new Error('two platforms needed');
    second.domains = [...second.domains, first.domains[0] as string];
    const provision = first.provisions[0];
    if (!provision) throw new Error('a provision needed');
    provision.agencies = [{ agencyId: 'no-such-agency' }];
    provision.sameAs = `${second.id}.no-such-record`;
    const errors = feedIntegrityErrors(broken);
    expect(errors).toContainEqual(expect.stringMatching(/domain .* already belongs to/));
    expect(errors).toContainEqual(expect.stringMatching(/unknown agency "no-such-agency"/));
    expect(errors).toContainEqual(expect.stringMatching(/sameAs ".*" is not another platform's own record/));
  });
});
