/**
 * The dataset, verified against the real corpus (../shared/corpus): every file passes the
 * schema and integrity checks, every quote is verbatim in the captured document it cites,
 * every hash equals that file's SHA-256, every settings URL is sourced, and every severity
 * follows from its recorded rubric inputs.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledFeed, platformFiles, readPlatformSource } from '../../scripts/dataset-files';
import { Platform, parseWith } from '../../utils/schema';
import { severityFromInputs } from '../../utils/severity';
import { markdownToPlain, normalizeText } from '../../utils/text';
import {
  corpusFileForArchiveUrl,
  readCorpus,
  requireCorpus,
  settingsUrls,
  sha256OfCorpusFile,
} from '../support/corpus';

requireCorpus();
const feed = loadBundledFeed();
const listedUrls = new Map(settingsUrls().map((e) => [e.url, e]));
const plainCache = new Map<string, string>();
function plainText(file: string): string {
  let text = plainCache.get(file);
  if (text === undefined) {
    text = normalizeText(markdownToPlain(readCorpus(file)));
    plainCache.set(file, text);
  }
  return text;
}

describe('dataset source files', () => {
  it.each(platformFiles())('%s passes the schema', (file) => {
    const result = parseWith(Platform, readPlatformSource(file));
    expect(result.ok ? '' : result.error).toBe('');
  });

  it.each(platformFiles())('%s is named after its platform id', (file) => {
    const result = parseWith(Platform, readPlatformSource(file));
    expect(result.ok && `${result.value.id}.json`).toBe(file);
  });

  it('compiles into a feed that passes the integrity checks', () => {
    expect(feed.platforms.length).toBe(platformFiles().length);
  });
});

const provisions = feed.platforms.flatMap((platform) =>
  platform.provisions.map((provision) => ({ platform, provision })),
);

describe.each(provisions.map((p) => [p.provision.id, p] as const))('provision %s', (_id, { platform, provision }) => {
  const source = corpusFileForArchiveUrl(provision.evidence.archiveUrl);

  it('has an archive permalink that names a corpus capture', () => {
    expect(source, `no SOURCES.md row for ${provision.evidence.archiveUrl}`).toBeDefined();
  });

  it('quotes the captured text verbatim (after whitespace/quote normalisation)', () => {
    if (!source) throw new Error('no capture');
    expect(plainText(source.file).includes(normalizeText(provision.quote)), `quote not found in ${source.file}`).toBe(
      true,
    );
  });

  it('records the SHA-256 and capture date of that capture', () => {
    if (!source) throw new Error('no capture');
    expect(provision.evidence.sha256).toBe(sha256OfCorpusFile(source.file));
    expect(provision.evidence.capturedAt).toBe(source.date);
  });

  it('cites the document the capture is of', () => {
    const doc = platform.documents.find((d) => d.id === provision.documentId);
    expect(doc?.url).toBe(provision.evidence.sourceUrl);
    const ymd = provision.evidence.capturedAt.replaceAll('-', '');
    expect(provision.evidence.waybackUrl).toBe(`https://web.archive.org/web/${ymd}/${provision.evidence.sourceUrl}`);
  });

  it('has a severity that follows from its rubric inputs', () => {
    expect(provision.severity).toBe(severityFromInputs(provision.severityInputs));
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

  it('has dates in a sane order', () => {
    const e = provision.evidence;
    // A policy may announce a future effective date, so documentLastUpdated may follow the capture,
    // but never the day we verified the quote.
    expect(e.documentLastUpdated <= e.lastVerified, 'document dated after our verification').toBe(true);
    expect(e.capturedAt <= e.lastVerified, 'verified before capture').toBe(true);
    expect(e.firstTracked <= e.lastVerified, 'verified before first tracked').toBe(true);
  });
});
