/**
 * Test pages built from the corpus: a policy's captured markdown rendered as plain HTML
 * (headings, paragraphs, lists, links), optionally with one line replaced by a real HTML
 * snapshot fragment. The text is the platform's; the page structure is ours (a model).
 */
import { readCorpus } from './corpus';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline markdown: links and bold/italic markers, on already-escaped text. */
function inline(markdown: string): string {
  return escapeHtml(markdown)
    .replace(/\[([^\]]*)\]\(([^()\s]*(?:\([^)]*\))?[^()\s]*)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1');
}

export function markdownToHtml(markdown: string, replaceLines: Record<number, string> = {}): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let list = false;
  lines.forEach((raw, i) => {
    const replacement = replaceLines[i + 1];
    if (replacement !== undefined) {
      out.push(replacement);
      return;
    }
    const line = raw.trim();
    const item = /^[*+-]\s+(.*)$/.exec(line);
    if (item) {
      if (!list) out.push('<ul>');
      list = true;
      out.push(`<li>${inline(item[1] ?? '')}</li>`);
      return;
    }
    if (list) {
      out.push('</ul>');
      list = false;
    }
    if (line === '' || /^[=-]{3,}$/.test(line)) return;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) out.push(`<h${heading[1]?.length}>${inline(heading[2] ?? '')}</h${heading[1]?.length}>`);
    else if (lines[i + 1] && /^={3,}$/.test(lines[i + 1]?.trim() ?? '')) out.push(`<h1>${inline(line)}</h1>`);
    else if (lines[i + 1] && /^-{3,}$/.test(lines[i + 1]?.trim() ?? '')) out.push(`<h2>${inline(line)}</h2>`);
    else out.push(`<p>${inline(line)}</p>`);
  });
  if (list) out.push('</ul>');
  return out.join('\n');
}

export function corpusPage(file: string, options: { title: string; replaceLines?: Record<number, string> }): string {
  const body = markdownToHtml(readCorpus(file), options.replaceLines);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title></head><body><main>${body}</main></body></html>`;
}

/** LinkedIn's privacy policy page: the captured text, with the AI paragraph as the real HTML fragment. */
export function linkedinPrivacyPage(options: { css?: string } = {}): string {
  const fragment = readCorpus('policies/linkedin/html/privacy-policy.FRAGMENT-section2-ai.html');
  const page = corpusPage('policies/linkedin/privacy-policy.md', {
    title: 'LinkedIn Privacy Policy (test page from the corpus)',
    replaceLines: { 165: fragment },
  });
  return options.css ? page.replace('</head>', `<style>${options.css}</style></head>`) : page;
}

/**
 * Our model of how policy sites lay their text out: a centred column with margins either side
 * (the captured text alone runs edge to edge, which no live policy page does).
 */
export const POLICY_COLUMN_CSS = 'main { max-width: 760px; margin: 0 auto; padding: 0 24px; }';
