/**
 * Text-fragment links (`#:~:text=…`) that open a policy at the quoted passage. Long quotes
 * use the `textStart,textEnd` form so the link survives small differences in the middle.
 */

/** Percent-encode for a text directive: also '-', ',' and '&', which have meaning there. */
export function encodeTextDirective(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

const WORDS_EACH_SIDE = 5;
const SHORT_QUOTE_WORDS = 12;

export function textFragment(quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  if (words.length <= SHORT_QUOTE_WORDS) return `:~:text=${encodeTextDirective(words.join(' '))}`;
  const start = words.slice(0, WORDS_EACH_SIDE).join(' ');
  const end = words.slice(-WORDS_EACH_SIDE).join(' ');
  return `:~:text=${encodeTextDirective(start)},${encodeTextDirective(end)}`;
}

/** The document URL with a text fragment pointing at the quote (replacing any existing fragment). */
export function urlWithTextFragment(documentUrl: string, quote: string): string {
  const url = new URL(documentUrl);
  url.hash = '';
  return `${url.href}#${textFragment(quote)}`;
}
