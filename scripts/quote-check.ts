/**
 * Build-time quote verification, shared by the dataset test (against the corpus) and
 * `npm run data:verify` (against a checkout of an Open Terms Archive versions repository):
 * the archive permalink of a capture, the text a reader sees, whether a quote is in it, and
 * the passage that comes nearest when it is not. Node-side only; never bundled.
 */
import type { DocumentVersion, Feed } from '../utils/schema';
import { markdownToPlain, normalizeText } from '../utils/text';

/** An Open Terms Archive permalink: https://github.com/<repository>/blob/<commit>/<percent-encoded path>. */
export interface ArchiveRef {
  /** "OpenTermsArchive/pga-versions" */
  repository: string;
  commit: string;
  /** Decoded: "LinkedIn/Privacy Policy.md" */
  path: string;
  /** As written in the URL, so that a rewritten permalink keeps its encoding. */
  encodedPath: string;
}

const ARCHIVE_RE = /^https:\/\/github\.com\/(OpenTermsArchive\/[^/]+)\/blob\/([0-9a-f]{40})\/(.+)$/;

export function parseArchiveUrl(url: string): ArchiveRef | undefined {
  const m = ARCHIVE_RE.exec(url);
  if (!m) return undefined;
  const [, repository = '', commit = '', encodedPath = ''] = m;
  return { repository, commit, encodedPath, path: decodeURIComponent(encodedPath) };
}

export function archiveUrlOf(ref: Pick<ArchiveRef, 'repository' | 'commit' | 'encodedPath'>): string {
  return `https://github.com/${ref.repository}/blob/${ref.commit}/${ref.encodedPath}`;
}

/** The text of an archived markdown file as a reader sees it, normalised for matching. */
export function plainText(markdown: string): string {
  return normalizeText(markdownToPlain(markdown));
}

/** Whether a quote is verbatim in a text made by `plainText` (after the same normalisation). */
export function quoteIn(plain: string, quote: string): boolean {
  return plain.includes(normalizeText(quote));
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function sentences(plain: string): string[] {
  return plain.split(/(?<=[.!?:;])\s+|\s+(?=#{1,6}\s|\*\s|\d+\.\s)/).filter((s) => s.trim().length > 0);
}

/**
 * The window of consecutive sentences of `plain` that shares the most words with the quote
 * (as many sentences as the quote has, or one more or fewer), and that share: 1 means every
 * word of the quote is there, in any order. For telling a reworded passage from a removed one.
 */
export function nearestPassage(plain: string, quote: string): { text: string; score: number } {
  const all = sentences(plain);
  const target = words(quote);
  const wanted = new Set(target);
  const n = Math.max(1, sentences(normalizeText(quote)).length);
  let best = { text: '', score: 0 };
  for (const size of new Set([Math.max(1, n - 1), n, n + 1])) {
    for (let i = 0; i + size <= all.length; i++) {
      const text = all.slice(i, i + size).join(' ');
      const have = new Set(words(text));
      let shared = 0;
      for (const w of wanted) if (have.has(w)) shared++;
      // Penalise windows much longer than the quote, so a whole section does not win by size.
      const length = words(text).length;
      const score = (shared / wanted.size) * Math.min(1, (target.length * 1.5) / Math.max(length, 1));
      if (score > best.score) best = { text, score };
    }
  }
  return { text: best.text, score: Math.round(best.score * 100) / 100 };
}

/** Every captured version of every document, with the quotes the dataset takes from it. */
export interface VersionQuotes {
  /** "<platform>/<document>/<version>" */
  key: string;
  platformId: string;
  documentId: string;
  version: DocumentVersion & { capture: NonNullable<DocumentVersion['capture']> };
  quotes: Array<{ provisionId: string; text: string }>;
}

export function quotesByVersion(feed: Pick<Feed, 'platforms'>): VersionQuotes[] {
  const out: VersionQuotes[] = [];
  for (const platform of feed.platforms) {
    for (const document of platform.documents) {
      for (const version of document.versions) {
        const capture = version.capture;
        if (!capture) continue;
        const quotes = platform.provisions
          .filter((p) => p.documentId === document.id)
          .flatMap((p) =>
            p.quotes.filter((q) => q.versionId === version.id).map((q) => ({ provisionId: p.id, text: q.text })),
          );
        out.push({
          key: `${platform.id}/${document.id}/${version.id}`,
          platformId: platform.id,
          documentId: document.id,
          version: { ...version, capture },
          quotes,
        });
      }
    }
  }
  return out;
}

export interface MissingQuote {
  provisionId: string;
  quote: string;
  nearest: { text: string; score: number };
}

/** The quotes of a version that its text no longer contains, each with the nearest passage. */
export function missingQuotes(entry: Pick<VersionQuotes, 'quotes'>, plain: string): MissingQuote[] {
  return entry.quotes
    .filter((q) => !quoteIn(plain, q.text))
    .map((q) => ({ provisionId: q.provisionId, quote: q.text, nearest: nearestPassage(plain, q.text) }));
}
