/**
 * The dataset, verified against the real corpus (../shared/corpus): every file passes the
 * schema and integrity checks, every quote is verbatim in the captured document it cites,
 * every hash equals that file's SHA-256, every settings URL is sourced, and every severity
 * follows from its recorded rubric inputs.
 */
import { describe, expect, it } from 'vitest';
import { compileDataset, compileFeed, type DatasetPlatform } from '../../../scripts/dataset';
import {
  loadBundledFeed,
  loadDataset,
  loadFeedSources,
  platformFiles,
  readPlatformSource,
} from '../../../scripts/dataset-files';
import { quoteIn, plainText as toPlain } from '../../../scripts/quote-check';
import { agenciesOf } from '../../../utils/agencies';
import { buildMatchIndex, matchableOf, matchUrl } from '../../../utils/match';
import { datasetSchemas, type Platform, parseWith } from '../../../utils/schema';
import { practiceDisagreements, severityFromInputs } from '../../../utils/severity';
import {
  corpusFileForArchiveUrl,
  readCorpus,
  requireCorpus,
  settingsUrls,
  sha256OfCorpusFile,
} from '../../support/corpus';
import { allQuotes } from '../../support/data';

requireCorpus();
const feed = loadBundledFeed();
/** The same data as the sources hold it (with the rubric's inputs and the URL sources the feed leaves out). */
const dataset = loadDataset();
const listedUrls = new Map(settingsUrls().map((e) => [e.url, e]));
const plainCache = new Map<string, string>();
function plainText(file: string): string {
  let text = plainCache.get(file);
  if (text === undefined) {
    text = toPlain(readCorpus(file));
    plainCache.set(file, text);
  }
  return text;
}

describe('dataset source files', () => {
  it.each(platformFiles())('%s passes the schema', (file) => {
    const result = parseWith(datasetSchemas().SourcePlatform, readPlatformSource(file));
    expect(result.ok ? '' : result.error).toBe('');
  });

  it.each(platformFiles())('%s is named after its platform id', (file) => {
    const result = parseWith(datasetSchemas().SourcePlatform, readPlatformSource(file));
    expect(result.ok && `${result.value.id}.json`).toBe(file);
  });

  it('compiles into a feed that passes the integrity checks', () => {
    expect(feed.platforms.length).toBe(platformFiles().length);
  });
});

describe('the feed made from the sources (schema v3)', () => {
  it('holds every source record as it is, without what only the dataset checks read', () => {
    expect(feed.platforms.map((p) => p.id)).toEqual(dataset.platforms.map((p) => p.id));
    feed.platforms.forEach((platform, i) => {
      const source = dataset.platforms[i];
      if (!source) throw new Error(`no source for ${platform.id}`);
      expect(platform.provisions).toEqual(
        source.provisions.map(({ severityInputs: _i, practice: _p, actions, ...rest }) => ({
          ...rest,
          actions: actions.map(({ source: _s, ...action }) => action),
        })),
      );
      expect(platform.walkthroughs).toEqual(source.walkthroughs.map(({ provenance: _p, ...w }) => w));
      const { provisions: _a, walkthroughs: _b, ...ownFields } = platform;
      const { provisions: _c, walkthroughs: _d, ...sourceFields } = source;
      expect(ownFields).toEqual(sourceFields);
    });
    expect(feed.agencies).toEqual(dataset.agencies.map(({ source: _s, ...agency }) => agency));
    expect(JSON.stringify(feed)).not.toMatch(/"(severityInputs|practice|provenance|source)":/);
  });

  it('gives each platform its agencies once; a provision lists its own only where they differ', () => {
    for (const platform of feed.platforms) {
      expect(platform.agencies?.length ?? 0, platform.id).toBeGreaterThan(0);
      for (const provision of platform.provisions) {
        expect(agenciesOf(platform, provision).length, provision.id).toBeGreaterThan(0);
        if (provision.agencies) expect(provision.agencies, provision.id).not.toEqual(platform.agencies);
      }
    }
    // Zoom's arbitration clause, under U.S. terms, lists only U.S. agencies: its own list, not Zoom's.
    const zoom = feed.platforms.find((p) => p.id === 'zoom');
    const arbitration = zoom?.provisions.find((p) => p.id === 'zoom.arbitration');
    expect(arbitration?.agencies?.map((a) => a.agencyId)).toEqual(['us-ftc', 'us-ca-ag']);
    expect(zoom && arbitration && agenciesOf(zoom, arbitration)).toBe(arbitration?.agencies);
  });

  it("refuses a provision that repeats its platform's agencies, and an unknown agency on a platform", () => {
    const sources = loadFeedSources();
    const withZoom = (edit: (zoom: DatasetPlatform) => void) => {
      const platforms = structuredClone(sources.platforms) as DatasetPlatform[];
      const zoom = platforms.find((p) => p.id === 'zoom');
      if (!zoom) throw new Error('zoom missing');
      edit(zoom);
      return { ...sources, platforms };
    };
    expect(() =>
      compileDataset(
        withZoom((zoom) => {
          const first = zoom.provisions[0];
          if (first) first.agencies = structuredClone(zoom.agencies);
        }),
      ),
    ).toThrow(/lists the same agencies as its platform; leave them out/);
    expect(() => compileFeed(withZoom((zoom) => zoom.agencies?.push({ agencyId: 'no-such-agency' })))).toThrow(
      /platform "zoom": unknown agency "no-such-agency"/,
    );
  });
});

describe('provisions by reference (a policy two platforms share)', () => {
  const sources = loadFeedSources();
  const facebook = sources.platforms.find((p) => (p as { id?: string }).id === 'facebook') as DatasetPlatform;
  const instagram = structuredClone(
    sources.platforms.find((p) => (p as { id?: string }).id === 'instagram'),
  ) as DatasetPlatform;
  const base = facebook.provisions.find((p) => p.id === 'facebook.ai-training');
  if (!base) throw new Error('facebook.ai-training missing');
  const ref = {
    id: 'instagram.ai-training-shared',
    sameAs: 'facebook.ai-training',
    documentId: 'privacy-policy',
    quotes: instagram.provisions.find((p) => p.id === 'instagram.ai-training')?.quotes,
    differences: 'Instagram shows the same Meta policy at its own address.',
    firstTracked: '2026-12-01',
  };
  const withEntry = (entry: unknown) => ({
    ...sources,
    platforms: sources.platforms.map((p) =>
      p === sources.platforms.find((x) => (x as { id?: string }).id === 'instagram')
        ? { ...instagram, provisions: [...instagram.provisions, entry] }
        : p,
    ),
  });
  const compile = (entry: unknown) => compileFeed(withEntry(entry));

  it('expands a reference into the referenced assessment with its own quotes, document and date', () => {
    const expanded = compileDataset(withEntry(ref))
      .platforms.find((p) => p.id === 'instagram')
      ?.provisions.find((p) => p.id === ref.id);
    expect(expanded).toMatchObject({
      title: base.title,
      severity: base.severity,
      severityInputs: base.severityInputs,
      whyItMatters: base.whyItMatters,
      sameAs: 'facebook.ai-training',
      documentId: 'privacy-policy',
      quotes: ref.quotes,
      differences: ref.differences,
      firstTracked: '2026-12-01',
      actions: [],
    });
  });

  it('refuses a reference to a record that does not exist, and one whose quote is not checked', () => {
    expect(() => compile({ ...ref, sameAs: 'facebook.no-such-record' })).toThrow(/not a full record in the dataset/);
    expect(() => compile({ ...ref, quotes: [{ versionId: 'no-such-version', text: 'x' }] })).toThrow(
      /unknown version "no-such-version"/,
    );
    expect(() => compile({ ...ref, title: 'now a full record' })).toThrow(/provisions\[\d+\]/);
  });
});

describe("provisions by reference to another platform's document (YouTube uses Google's Privacy Policy)", () => {
  const sources = loadFeedSources();
  const youtube = sources.platforms.find((p) => (p as { id?: string }).id === 'youtube') as Platform;
  const google = feed.platforms.find((p) => p.id === 'google');
  const compiledYoutube = feed.platforms.find((p) => p.id === 'youtube');
  const withYoutube = (changed: unknown) =>
    compileFeed({ ...sources, platforms: sources.platforms.map((p) => (p === youtube ? changed : p)) });

  it("copies the other platform's document into this one, marked as shared, with the referenced quotes", () => {
    const shared = compiledYoutube?.documents.find((d) => d.id === 'privacy-policy');
    const own = google?.documents.find((d) => d.id === 'privacy-policy');
    expect(shared).toEqual({ ...own, sharedFrom: 'google' });
    const ref = compiledYoutube?.provisions.find((p) => p.id === 'youtube.cross-service-ads');
    const base = google?.provisions.find((p) => p.id === 'google.cross-service-ads');
    expect(ref).toMatchObject({
      documentId: 'privacy-policy',
      quotes: base?.quotes,
      sameAs: 'google.cross-service-ads',
    });
    // Google's pages stay Google's: the shared copy is left out of YouTube's page index.
    const youtubePages = matchableOf(compiledYoutube ? [compiledYoutube] : [])[0]?.documents.map((d) => d.id);
    expect(youtubePages).toContain('terms');
    expect(youtubePages).not.toContain('privacy-policy');
    expect(matchUrl(buildMatchIndex(matchableOf(feed.platforms)), 'https://policies.google.com/privacy')).toMatchObject(
      {
        platformId: 'google',
        documentId: 'privacy-policy',
      },
    );
  });

  it('refuses quotes without a document, and a shared document the platform may not link to', () => {
    const quotesOnly = {
      id: 'youtube.half-a-reference',
      sameAs: 'google.retention',
      quotes: [{ versionId: 'en', text: 'x' }],
      firstTracked: '2026-12-01',
    };
    expect(() => withYoutube({ ...youtube, provisions: [...youtube.provisions, quotesOnly] })).toThrow(
      /give both documentId and quotes, or neither/,
    );
    const { linkDomains: _dropped, ...noLinks } = youtube;
    expect(() => withYoutube(noLinks)).toThrow(
      /document "privacy-policy" version "[a-z0-9-]+": URL https:\/\/policies\.google\.com\/\S* is not on the platform's sites/,
    );
  });
});

const provisions = dataset.platforms.flatMap((platform) =>
  platform.provisions.map((provision) => ({ platform, provision })),
);

/** Every captured document version: its capture must be exactly the corpus file it names. */
const captured = feed.platforms.flatMap((platform) =>
  platform.documents.flatMap((document) =>
    document.versions.flatMap((version) =>
      version.capture
        ? [{ key: `${platform.id}/${document.id}/${version.id}`, version, capture: version.capture }]
        : [],
    ),
  ),
);

describe.each(captured.map((c) => [c.key, c] as const))('captured version %s', (_key, { version, capture }) => {
  const source = corpusFileForArchiveUrl(capture.archiveUrl);

  it('has an archive permalink that names a corpus capture', () => {
    expect(source, `no SOURCES.md row for ${capture.archiveUrl}`).toBeDefined();
  });

  it('records the SHA-256 and capture date of that capture', () => {
    if (!source) throw new Error('no capture');
    expect(capture.sha256).toBe(sha256OfCorpusFile(source.file));
    expect(capture.capturedAt).toBe(source.date);
  });

  it('is served at the URL the capture was fetched from, with a Wayback link for it', () => {
    expect(version.urls).toContain(capture.sourceUrl);
    const ymd = capture.capturedAt.replaceAll('-', '');
    expect(capture.waybackUrl).toBe(`https://web.archive.org/web/${ymd}/${capture.sourceUrl}`);
  });

  it('has dates in a sane order', () => {
    // A policy may announce a future effective date, so documentLastUpdated may follow the capture,
    // but never the day we verified the quotes.
    expect(capture.documentLastUpdated <= capture.verifiedAt, 'document dated after our verification').toBe(true);
    expect(capture.capturedAt <= capture.verifiedAt, 'verified before capture').toBe(true);
  });
});

describe.each(allQuotes(feed.platforms).map((q) => [q.key, q] as const))('quote %s', (_key, { evidence }) => {
  it('is verbatim in the captured text of the version it cites (after whitespace/quote normalisation)', () => {
    const source = corpusFileForArchiveUrl(evidence.capture.archiveUrl);
    if (!source) throw new Error(`no capture for ${evidence.capture.archiveUrl}`);
    expect(quoteIn(plainText(source.file), evidence.quote), `quote not found in ${source.file}`).toBe(true);
  });
});

describe.each(provisions.map((p) => [p.provision.id, p] as const))('provision %s', (_id, { provision }) => {
  it('has a severity that follows from its rubric inputs', () => {
    expect(provision.severity).toBe(severityFromInputs(provision.severityInputs));
  });

  it('records the inputs its practice fixes (the same practice is graded alike on every platform)', () => {
    expect(practiceDisagreements(provision.practice, provision.severityInputs)).toEqual([]);
  });

  it('links only to sourced settings URLs (or says they are unverified)', () => {
    for (const action of provision.actions) {
      const listed = listedUrls.get(action.url);
      if (action.verified) {
        expect(listed?.status ?? 'not listed in settings-urls.md', action.url).toMatch(/^CONFIRMED/);
      } else {
        expect(action.source.length).toBeGreaterThan(10);
      }
    }
  });
});
