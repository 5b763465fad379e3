/**
 * Pages from the corpus's real HTML snapshots (as Open Terms Archive fetched them), for the
 * end-to-end tests and the bench: the page's own scripts and inline handlers stripped (no page
 * code of theirs runs in our tests), served under the URL they were fetched from. Where a test
 * needs what the live site's CSS or script does, it adds our own small model of it (below).
 */

import { readCorpus } from './corpus';
import { markdownToHtml } from './corpus-page';

export interface Snapshot {
  /** Corpus path of the HTML snapshot. */
  file: string;
  /** Where it was fetched from (its declaration in the corpus; for X, the page's canonical URL). */
  url: string;
  platformId: string;
  documentId: string;
}

export const SNAPSHOTS = {
  google: {
    file: 'policies/google/html/privacy-policy.genai-eu--privacy.html',
    url: 'https://policies.google.com/privacy?hl=en-GB&gl=IE',
    platformId: 'google',
    documentId: 'privacy-policy',
  },
  microsoft: {
    file: 'policies/microsoft/html/privacy-policy.html',
    url: 'https://privacy.microsoft.com/en-ie/privacystatement',
    platformId: 'microsoft',
    documentId: 'privacy-statement',
  },
  xPrivacy: {
    file: 'policies/x/html/privacy-policy.india-2025-05-20.html',
    url: 'https://x.com/en/privacy',
    platformId: 'x',
    documentId: 'privacy-policy',
  },
  xTerms: {
    file: 'policies/x/html/terms-of-service.india-2025-05-09.html',
    url: 'https://x.com/en/tos',
    platformId: 'x',
    documentId: 'terms',
  },
} satisfies Record<string, Snapshot>;

/** The snapshot without its scripts: <script> elements, inline on* handlers and javascript: links. */
export function stripScripts(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/href\s*=\s*"javascript:[^"]*"/gi, 'href="#"');
}

/** A snapshot as a test page: stripped, with optional CSS and a script of ours added. */
export function snapshotPage(file: string, add: { css?: string; script?: string } = {}): string {
  let html = stripScripts(readCorpus(file));
  if (add.css) html = html.replace(/<\/head>/i, `<style>${add.css}</style></head>`);
  if (add.script) html = html.replace(/<\/body>/i, `<script>${add.script}</script></body>`);
  return html;
}

/**
 * Microsoft's Privacy Statement folds each section's full text into `.detail-content.hidden`
 * behind a "Learn more" link-button (`.expand-btn`); the live site's stylesheet hides `.hidden`.
 * This is our stylesheet doing the same, written from the snapshot's class names.
 */
export const MICROSOFT_COLLAPSED_CSS = '.expand-collapse .hidden { display: none; }';

/**
 * Our model of the live site's expand-collapse script (the snapshot's own is stripped): "Learn
 * more" shows the details and hides the summary, "View Summary" does the reverse.
 */
export const MICROSOFT_TOGGLE_SCRIPT = `document.addEventListener('click', (event) => {
  const button = event.target.closest('.expand-btn, .collapse-btn');
  const block = button && button.closest('.expand-collapse-content');
  if (!block) return;
  const open = button.classList.contains('expand-btn');
  block.querySelector('.detail-content').classList.toggle('hidden', !open);
  block.querySelector('.summary-content').classList.toggle('hidden', open);
  block.querySelector('.expand-btn').classList.toggle('hidden', open);
  block.querySelector('.collapse-btn').classList.toggle('hidden', !open);
});`;

/**
 * A synthetic policy page of about `bytes` bytes: a captured policy text (markdown rendered as
 * headings, paragraphs, lists and links) repeated, or cut, to size.
 */
export function syntheticPolicyPage(file: string, bytes: number, title: string): string {
  const body = markdownToHtml(readCorpus(file));
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main>`;
  const tail = '</main></body></html>';
  const room = bytes - head.length - tail.length;
  let content = '';
  while (content.length + body.length <= room) content += `<section>${body}</section>`;
  if (content.length < room) {
    // Cut the last copy at a line, so that no element is left open.
    const rest = body.slice(0, room - content.length);
    content += `<section>${rest.slice(0, Math.max(0, rest.lastIndexOf('\n')))}</section>`;
  }
  return head + content + tail;
}
