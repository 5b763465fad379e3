/**
 * Text normalisation shared by the quote verifier (corpus markdown) and the in-page
 * highlighter: real policy pages carry NBSP, narrow NBSP, zero-width characters, curly
 * quotes and arbitrary whitespace that a quote typed with plain characters must survive.
 */

const ZERO_WIDTH = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g;
const SPACES = /[\s\u00A0\u202F\u2007\u2009\u200A\u3000]+/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2212]/g;

/** Normalise for matching: NFC, no zero-width characters, straight quotes, hyphens, single spaces, trimmed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * Reduce Open Terms Archive markdown to the text a reader sees: links and images to their
 * text, escapes removed, emphasis markers removed. Headings and list markers stay (quotes
 * never span them).
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=\S)([^*_\n]*?\S)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
}

/**
 * Control, format and separator characters: bidi overrides, embeddings and isolates (U+202A–E,
 * U+2066–9), marks (U+200E/F, U+061C), zero-width characters, soft hyphens, tag characters. Nothing
 * a reader sees, but they can reorder what is shown ("gro.elpmaxe" drawn as "example.org"). The
 * feed may hold none (utils/schema.ts); text a page supplies loses them before we show it.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Page-supplied text as we show it: no invisible characters, at most `max` characters. */
export function shownText(text: string, max = 120): string {
  const clean = normalizeText(text.replace(INVISIBLE_ALL, ' '));
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
