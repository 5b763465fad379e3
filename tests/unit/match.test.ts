import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { hostIsUnder, parentDomains } from '../../utils/domains';
import {
  buildMatchIndex,
  httpsCounterpart,
  type MatchablePlatform,
  matchUrl,
  type PageMatch,
  platformRules,
  servesUrl,
} from '../../utils/match';
import { readCorpus, sourceRows, urlsIndex } from '../support/corpus';

const feed = loadBundledFeed();
const index = buildMatchIndex(feed.platforms);
const tracked = new Map(feed.platforms.map((p) => [p.id, p]));

type Expected = [platformId: string, pageKind: PageMatch['pageKind'], id?: string, versionId?: string];

/** Each URL shape once: what it is, a real URL of that shape, and what it must match. */
const SHAPES: Array<[shape: string, url: string, expected: Expected]> = [
  ['a declared URL', 'https://www.linkedin.com/legal/privacy-policy', ['linkedin', 'policy', 'privacy-policy']],
  ['without www.', 'https://linkedin.com/legal/privacy/eu', ['linkedin', 'policy', 'privacy-policy', 'eu']],
  ['a mobile host', 'https://m.facebook.com/privacy/policy/printable/', ['facebook', 'policy', 'privacy-policy']],
  [
    'a locale host label',
    'https://en-gb.facebook.com/privacy/policy/printable/',
    ['facebook', 'policy', 'privacy-policy'],
  ],
  ['a country host is a site of its own', 'https://de.linkedin.com/legal/privacy-policy', ['linkedin', 'other']],
  ['trailing slash added', 'https://www.linkedin.com/legal/privacy-policy/', ['linkedin', 'policy', 'privacy-policy']],
  [
    'trailing slash dropped',
    'https://www.snap.com/en-US/privacy/privacy-policy',
    ['snapchat', 'policy', 'privacy-policy'],
  ],
  ['doubled slashes', 'https://www.linkedin.com//legal//privacy-policy', ['linkedin', 'policy', 'privacy-policy']],
  ['upper case', 'https://WWW.LinkedIn.COM/Legal/Privacy-Policy', ['linkedin', 'policy', 'privacy-policy']],
  ['a fragment', 'https://www.linkedin.com/legal/user-agreement#dos', ['linkedin', 'policy', 'user-agreement']],
  [
    'tracking parameters',
    'https://www.linkedin.com/legal/privacy-policy?trk=footer&utm_source=news&fbclid=a1&gclid=b2',
    ['linkedin', 'policy', 'privacy-policy'],
  ],
  ['a language prefix', 'https://www.linkedin.com/fr/legal/privacy-policy', ['linkedin', 'policy', 'privacy-policy']],
  [
    'another locale prefix than the declared one',
    'https://www.snap.com/fr-FR/privacy/privacy-policy',
    ['snapchat', 'policy', 'privacy-policy'],
  ],
  [
    "Google's /intl/ prefix",
    'https://www.youtube.com/intl/en_us/howyoutubeworks/policies/copyright/',
    ['youtube', 'policy', 'copyright-policy'],
  ],
  [
    'the locale-less form a page links to',
    'https://www.microsoft.com/privacy/privacystatement',
    ['microsoft', 'policy', 'privacy-statement'],
  ],
  [
    'a canonical URL in another locale',
    'https://www.microsoft.com/de-de/privacy/privacystatement',
    ['microsoft', 'policy', 'privacy-statement'],
  ],
  ['a locale suffix', 'https://www.apple.com/legal/privacy/fr-fr/', ['apple', 'policy', 'privacy-policy']],
  ['"/in/" is a profile, not a locale', 'https://www.linkedin.com/in/legal/privacy-policy', ['linkedin', 'other']],
  [
    'a /ref= tracking segment',
    'https://www.amazon.com/gp/help/customer/display.html/ref=footer_privacy?ie=UTF8&nodeId=GX7NJQ4ZB8MHFRNJ',
    ['amazon', 'policy', 'privacy-notice'],
  ],
  [
    'no /ref= segment',
    'https://www.amazon.com/gp/help/customer/display.html?nodeId=GX7NJQ4ZB8MHFRNJ',
    ['amazon', 'policy', 'privacy-notice'],
  ],
  [
    'a required parameter with another value',
    'https://www.amazon.com/gp/help/customer/display.html?nodeId=201909000',
    ['amazon', 'policy', 'conditions-of-use'],
  ],
  ['a required parameter missing', 'https://www.amazon.com/gp/help/customer/display.html', ['amazon', 'other']],
  [
    'a parameter that selects a version',
    'https://policies.google.com/privacy?hl=en-GB&gl=IE',
    ['google', 'policy', 'privacy-policy', 'en-gb-eea'],
  ],
  [
    'the select parameter spelled another way',
    'https://policies.google.com/privacy?hl=en_gb',
    ['google', 'policy', 'privacy-policy', 'en-gb-eea'],
  ],
  [
    'no select parameter: the default version',
    'https://policies.google.com/privacy',
    ['google', 'policy', 'privacy-policy', 'en'],
  ],
  [
    'a select parameter with another value',
    'https://policies.google.com/privacy?hl=fr',
    ['google', 'policy', 'privacy-policy', 'en'],
  ],
  [
    'a settings page',
    'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement',
    ['linkedin', 'settings', 'data-for-ai-improvement'],
  ],
  [
    "a document kept on another platform's site",
    'https://www.facebook.com/legal/eu-ai-terms',
    ['meta-ai', 'policy', 'terms', 'eu'],
  ],
  [
    'the same on a subdomain of that site',
    'https://help.instagram.com/515230437301944',
    ['threads', 'policy', 'supplemental-privacy-policy'],
  ],
  ["that site's other pages stay its own", 'https://www.facebook.com/legal/ai-terms-faq', ['facebook', 'other']],
  ['an ordinary page', 'https://www.linkedin.com/feed/', ['linkedin', 'other']],
  ['a short-link domain', 'https://lnkd.in/abc123', ['linkedin', 'other']],
];

describe('matchUrl, one case per URL shape', () => {
  it.each(SHAPES)('%s: %s', (_shape, url, [platformId, pageKind, id, versionId]) => {
    const m = matchUrl(index, url);
    expect(m?.platformId).toBe(platformId);
    expect(m?.pageKind).toBe(pageKind);
    expect(m?.documentId ?? m?.settingsPageId).toBe(id);
    if (versionId) expect(m?.versionId).toBe(versionId);
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

describe('plain http', () => {
  it('never matches, and its https counterpart is only an address to look the platform up by', () => {
    expect(matchUrl(index, 'http://www.linkedin.com/legal/privacy-policy')).toBeUndefined();
    expect(httpsCounterpart('http://www.linkedin.com/legal/privacy-policy?trk=x#a')).toBe(
      'https://www.linkedin.com/legal/privacy-policy?trk=x#a',
    );
    for (const other of ['https://www.linkedin.com/', 'ftp://www.linkedin.com/', 'http//x', 'http:', undefined])
      expect(httpsCounterpart(other), String(other)).toBeUndefined();
  });
});

/** The documents of a platform whose versions list this exact URL. */
function documentsListing(platformId: string, url: string): string[] {
  const platform = tracked.get(platformId);
  return (platform?.documents ?? []).filter((d) => d.versions.some((v) => v.urls.includes(url))).map((d) => d.id);
}

describe('every URL a tracked policy is declared at', () => {
  it("the corpus's Open Terms Archive declarations: each URL on a tracked platform's domains is that document", () => {
    const declared = urlsIndex().filter((e) => {
      const platform = e.slug ? tracked.get(e.slug) : undefined;
      return platform?.domains.some((d) => hostIsUnder(new URL(e.url).hostname, d));
    });
    const wrong: string[] = [];
    for (const { slug, url, terms_type } of declared) {
      const documents = documentsListing(slug ?? '', url);
      const m = matchUrl(index, url);
      if (documents.length === 0) wrong.push(`${url} (${slug} ${terms_type}): listed by no document`);
      else if (m?.pageKind !== 'policy' || !documents.includes(m.documentId ?? '')) {
        wrong.push(`${url} (${slug} ${terms_type}): matched ${JSON.stringify(m)}, listed by ${documents}`);
      }
    }
    expect(declared.length).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('the canonical and og:url forms the real HTML snapshots declare, each its own document', () => {
    // The snapshots of tracked platforms (SOURCES.md) and the document each is of.
    const expected: Record<string, [string, string]> = {
      'policies/google/html/privacy-policy.genai-eu--privacy.html': ['google', 'privacy-policy'],
      'policies/microsoft/html/privacy-policy.html': ['microsoft', 'privacy-statement'],
      'policies/microsoft/html/copilot-terms-of-use.genai-eu.html': ['microsoft', 'copilot-terms'],
      'policies/x/html/privacy-policy.india-2025-05-20.html': ['x', 'privacy-policy'],
      'policies/x/html/terms-of-service.india-2025-05-09.html': ['x', 'terms'],
    };
    const snapshots = sourceRows().filter((r) => r.file.endsWith('.html') && r.file in expected);
    expect(snapshots.map((r) => r.file).sort()).toEqual(Object.keys(expected).sort());
    for (const { file } of snapshots) {
      const html = readCorpus(file);
      const base = /<base href="([^"]+)"/.exec(html)?.[1];
      const declared = [
        ...html.matchAll(/<link rel="canonical" href="([^"]+)"|<meta property="og:url" content="([^"]+)"/g),
      ].map((m) => new URL(m[1] ?? m[2] ?? '', base).href);
      expect(declared.length, file).toBeGreaterThan(0);
      for (const url of declared) {
        expect(matchUrl(index, url), `${file}: ${url}`).toMatchObject({
          platformId: expected[file]?.[0],
          pageKind: 'policy',
          documentId: expected[file]?.[1],
        });
      }
    }
  });
});

/** Whether the targets are versions of one document meant for different regions (the background picks by region). */
function toldApartByRegion(platform: MatchablePlatform, targets: readonly string[]): boolean {
  const versions = targets.map((t) => /^policy:([^/]+)\/(.+)$/.exec(t));
  const documentIds = new Set(versions.map((m) => m?.[1]));
  if (versions.some((m) => !m) || documentIds.size !== 1) return false;
  const full = tracked.get(platform.id)?.documents.find((d) => documentIds.has(d.id));
  const regions = versions.map((m) => full?.versions.find((v) => v.id === m?.[2])?.regions ?? ['*']);
  // Pairwise disjoint, and at most one for everyone.
  const all = regions.flat();
  return new Set(all).size === all.length;
}

/** Rules of one platform that lead different places from the same key and the same required query. */
function collisions(platforms: readonly MatchablePlatform[]): string[] {
  const out: string[] = [];
  for (const platform of platforms) {
    const targets = new Map<string, Map<string, string>>();
    for (const rule of platformRules(platform)) {
      const at = `${rule.key}?${rule.requires}`;
      const seen = targets.get(at) ?? new Map<string, string>();
      if (!seen.has(rule.target)) seen.set(rule.target, rule.url);
      targets.set(at, seen);
    }
    for (const [at, seen] of targets) {
      if (seen.size > 1 && !toldApartByRegion(platform, [...seen.keys()]))
        out.push(`${platform.id}: ${at} → ${[...seen].map(([t, u]) => `${t} (${u})`).join(', ')}`);
    }
  }
  return out;
}

describe('servesUrl: the versions one address serves', () => {
  const servedAt = (platformId: string, documentId: string, url: string) =>
    tracked
      .get(platformId)
      ?.documents.find((d) => d.id === documentId)
      ?.versions.filter((v) => servesUrl(v.urls, v.select, url))
      .map((v) => v.id);

  it('a version with select wherever its parameters are, whatever else the address carries', () => {
    expect(
      servedAt('microsoft', 'privacy-statement', 'https://www.microsoft.com/en-gb/privacy/privacystatement'),
    ).toEqual(['en-ie']);
    expect(servedAt('google', 'privacy-policy', 'https://policies.google.com/privacy?hl=en_gb&utm_source=x')).toEqual([
      'en',
      'en-gb-eea',
    ]);
  });

  it('a version without select only at the addresses it declares, with their query values and locale', () => {
    // Google's global text declares ?hl=en-GB itself: both are served there, by the visitor's location.
    expect(servedAt('google', 'privacy-policy', 'https://policies.google.com/privacy?hl=en-GB')).toEqual([
      'en',
      'en-gb-eea',
    ]);
    // Other parameters than those declared do not change it (matchUrl ignores a language too).
    expect(servedAt('google', 'privacy-policy', 'https://policies.google.com/privacy?hl=de')).toEqual(['en']);
    // Microsoft's en-US text is declared at the locale-less and en-us addresses, not at en-gb.
    expect(servedAt('microsoft', 'privacy-statement', 'https://www.microsoft.com/privacy/privacystatement')).toEqual([
      'en-us',
    ]);
    expect(
      servedAt('microsoft', 'privacy-statement', 'https://www.microsoft.com/en-US/privacy/privacystatement'),
    ).toEqual(['en-us']);
    expect(servedAt('linkedin', 'privacy-policy', 'http://www.linkedin.com/legal/privacy-policy')).toEqual([]);
  });
});

describe('no two pages of a platform collapse to the same lookup', () => {
  it('in the dataset', () => {
    expect(collisions(feed.platforms)).toEqual([]);
  });

  it('a URL that normalises to another document’s key and query is reported', () => {
    const microsoft = tracked.get('microsoft');
    if (!microsoft) throw new Error('Microsoft missing');
    const [first, ...rest] = microsoft.documents;
    if (!first) throw new Error('no documents');
    // The Services Agreement "declared" at the Privacy Statement's address in another locale.
    const colliding = {
      ...microsoft,
      documents: [
        first,
        ...rest.map((d) =>
          d.id === 'services-agreement'
            ? {
                ...d,
                versions: d.versions.map((v) => ({
                  ...v,
                  urls: [...v.urls, 'https://www.microsoft.com/fr-fr/privacy/privacystatement/'],
                })),
              }
            : d,
        ),
      ],
    };
    expect(collisions([colliding])).toEqual([
      expect.stringContaining('microsoft: microsoft.com/privacy/privacystatement? → policy:privacy-statement/en-us'),
    ]);
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
