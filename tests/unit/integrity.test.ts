import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { feedIntegrityErrors } from '../../utils/integrity';
import { isArchiveUrl } from '../../utils/links';

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

  describe('link domains: only another tracked platform’s, or those fixed in code (issue 8)', () => {
    const withLinkDomains = (id: string, domains: string[]) => {
      const changed = structuredClone(feed);
      const platform = changed.platforms.find((p) => p.id === id);
      if (!platform) throw new Error(`${id} missing`);
      platform.linkDomains = domains;
      return { changed, platform };
    };

    it('refuses a host of the feed’s choosing, and with it an action that links there', () => {
      const { changed, platform } = withLinkDomains('linkedin', ['evil.example']);
      const action = platform.provisions.flatMap((p) => p.actions)[0];
      if (!action) throw new Error('no action');
      action.label = 'Turn off AI training (official LinkedIn page)';
      action.url = 'https://evil.example/linkedin/ai';
      expect(feedIntegrityErrors(changed)).toContainEqual(
        expect.stringMatching(/link domain evil\.example is neither another tracked platform's domain/),
      );
    });

    it('accepts another platform’s domain and the allow-list in code; refuses the platform’s own', () => {
      expect(feedIntegrityErrors(withLinkDomains('youtube', ['google.com']).changed)).toEqual([]);
      expect(feedIntegrityErrors(withLinkDomains('perplexity', ['typeform.com']).changed)).toEqual([]);
      expect(feedIntegrityErrors(withLinkDomains('linkedin', ['linkedin.com']).changed)).toContainEqual(
        expect.stringMatching(/link domain linkedin\.com/),
      );
    });
  });
});
