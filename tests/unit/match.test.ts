import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { hostIsUnder, parentDomains } from '../../utils/domains';
import { buildMatchIndex, matchUrl } from '../../utils/match';
import { urlsIndex } from '../support/corpus';

const feed = loadBundledFeed();
const index = buildMatchIndex(feed.platforms);
const tracked = new Map(feed.platforms.map((p) => [p.id, p]));

/** Corpus folder names that differ from our platform ids. */
const PLATFORM_OF_SLUG: Record<string, string> = { 'claude-anthropic': 'anthropic', 'grok-xai': 'xai' };
const platformId = (slug: string) => PLATFORM_OF_SLUG[slug] ?? slug;

/** Every document URL the corpus declarations list for a platform we track, on that platform's own domains. */
const declared = urlsIndex().flatMap((e) => {
  const id = e.slug ? platformId(e.slug) : undefined;
  const platform = id ? tracked.get(id) : undefined;
  return platform?.domains.some((d) => hostIsUnder(new URL(e.url).hostname, d)) ? [{ ...e, slug: id }] : [];
});

describe('matchUrl with the corpus declarations', () => {
  it('covers a real number of declared URLs', () => {
    expect(declared.length).toBeGreaterThanOrEqual(20);
  });

  it.each(declared.map((e) => [e.url, e.slug] as const))('%s is a policy page of %s', (url, slug) => {
    expect(matchUrl(index, url)).toMatchObject({ platformId: slug, pageKind: 'policy' });
  });

  const variants = (url: string): string[] => {
    const u = new URL(url);
    const withSlash = new URL(url);
    withSlash.pathname = u.pathname.endsWith('/') ? u.pathname.slice(0, -1) || '/' : `${u.pathname}/`;
    const withLang = new URL(url);
    withLang.searchParams.set('hl', 'en-GB');
    withLang.searchParams.set('utm_source', 'newsletter');
    const withLocale = new URL(url);
    // Add a locale prefix, or swap the one the URL has.
    const [first, ...rest] = u.pathname.split('/').filter(Boolean);
    if (first === 'intl') withLocale.pathname = `/intl/de_DE/${rest.slice(1).join('/')}`;
    else if (/^(?:en|fr|de|es|it|pt|nl|ja|zh|ko|ca)(?:[-_][a-z]{2})?$/i.test(first ?? ''))
      withLocale.pathname = `/en-us/${rest.join('/')}`;
    else withLocale.pathname = `/en-us${u.pathname}`;
    const withFragment = new URL(url);
    withFragment.hash = '#how-we-use-your-data';
    const upper = new URL(url);
    upper.hostname = u.hostname.toUpperCase();
    return [withSlash.href, withLang.href, withLocale.href, withFragment.href, upper.href];
  };

  it.each(declared.flatMap((e) => variants(e.url).map((v) => [v, e.slug] as const)))(
    'variant %s is still a policy page of %s',
    (url, slug) => {
      expect(matchUrl(index, url)).toMatchObject({ platformId: slug, pageKind: 'policy' });
    },
  );
});

describe('matchUrl on real LinkedIn URLs', () => {
  it.each([
    ['https://www.linkedin.com/legal/privacy-policy', 'policy', 'privacy-policy'],
    [
      'https://www.linkedin.com/legal/privacy-policy?trk=homepage-basic_footer-privacy-policy',
      'policy',
      'privacy-policy',
    ],
    ['https://linkedin.com/legal/privacy/eu', 'policy', 'privacy-policy'],
    ['https://www.linkedin.com/legal/user-agreement#dos', 'policy', 'user-agreement'],
    ['https://de.linkedin.com/legal/privacy-policy', 'other', undefined],
    [
      'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement',
      'settings',
      'data-for-ai-improvement',
    ],
    ['https://www.linkedin.com/psettings/privacy', 'settings', 'privacy-settings'],
    ['https://www.linkedin.com/feed/', 'other', undefined],
    ['https://www.linkedin.com/in/someone/', 'other', undefined],
    ['https://lnkd.in/abc123', 'other', undefined],
    // A two-letter first segment is a locale only when it is a language: /in/ is a profile.
    ['https://www.linkedin.com/in/psettings/', 'other', undefined],
    ['https://www.linkedin.com/in/legal/privacy-policy', 'other', undefined],
    ['https://www.linkedin.com/fr/legal/privacy-policy', 'policy', 'privacy-policy'],
  ])('%s → %s', (url, kind, id) => {
    const m = matchUrl(index, url);
    expect(m?.platformId).toBe('linkedin');
    expect(m?.pageKind).toBe(kind);
    expect(m?.documentId ?? m?.settingsPageId).toBe(id);
  });
});

describe('document versions by URL', () => {
  it("takes LinkedIn's European Regional Privacy Notice as the eu version of its privacy policy", () => {
    expect(matchUrl(index, 'https://www.linkedin.com/legal/privacy/eu')).toMatchObject({
      documentId: 'privacy-policy',
      versionId: 'eu',
    });
    expect(matchUrl(index, 'https://www.linkedin.com/legal/privacy-policy')).toMatchObject({ versionId: 'global' });
  });
});

describe('look-alike and non-web URLs never match', () => {
  it.each([
    'https://linkedin.com.evil.example/legal/privacy-policy',
    'https://notlinkedin.com/legal/privacy-policy',
    'https://linkedin.co/legal/privacy-policy',
    'https://www.linkedin.co.evil/',
    'https://xn--linkedn-r0a.com/',
    'https://example.org/?u=https://www.linkedin.com/legal/privacy-policy',
    'https://evil.example/www.linkedin.com/legal/privacy-policy',
    'ftp://www.linkedin.com/legal/privacy-policy',
    'javascript:alert(1)//www.linkedin.com',
    'chrome://extensions',
    'not a url',
    '',
  ])('%s', (url) => {
    expect(matchUrl(index, url)).toBeUndefined();
  });
});

describe('matchUrl with many platforms', () => {
  it('finds the right one among 10,000 synthetic platforms plus the dataset', () => {
    const synthetic = Array.from({ length: 10_000 }, (_, i) => ({
      id: `p${i}`,
      domains: [`platform${i}.example`],
      documents: [{ id: 'privacy', versions: [{ id: 'default', urls: [`https://platform${i}.example/privacy`] }] }],
      settingsPages: [{ id: 'settings', title: 'Settings', url: `https://platform${i}.example/settings/privacy` }],
    }));
    const big = buildMatchIndex([...synthetic, ...feed.platforms]);
    expect(matchUrl(big, 'https://www.platform9876.example/privacy/')).toEqual({
      platformId: 'p9876',
      pageKind: 'policy',
      documentId: 'privacy',
      versionId: 'default',
    });
    expect(matchUrl(big, 'https://www.linkedin.com/legal/privacy-policy')?.platformId).toBe('linkedin');
    expect(matchUrl(big, 'https://platform10000.example/privacy')).toBeUndefined();
  });
});

describe('parentDomains', () => {
  it('lists the candidate domains shortest first, without a trailing dot or case', () => {
    expect(parentDomains('A.WWW.LinkedIn.com.')).toEqual(['linkedin.com', 'www.linkedin.com', 'a.www.linkedin.com']);
    expect(parentDomains('localhost')).toEqual([]);
  });
});
