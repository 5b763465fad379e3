/**
 * Test-only access to the shared corpus (../shared/corpus): never bundled, never copied
 * into the repo. Tests that need it fail loudly when it is missing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArchiveUrl } from '../../scripts/quote-check';

export const CORPUS_DIR = resolve(
  process.env.POLICY_LENS_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus'),
);

export function requireCorpus(): string {
  if (!existsSync(join(CORPUS_DIR, 'SOURCES.md'))) {
    throw new Error(`The corpus is missing at ${CORPUS_DIR} (set POLICY_LENS_CORPUS to its path).`);
  }
  return CORPUS_DIR;
}

export function readCorpus(relativePath: string): string {
  return readFileSync(join(requireCorpus(), relativePath), 'utf8');
}

export function sha256OfCorpusFile(relativePath: string): string {
  return createHash('sha256')
    .update(readFileSync(join(requireCorpus(), relativePath)))
    .digest('hex');
}

export interface SourceRow {
  file: string;
  repository: string;
  path: string;
  commit: string;
  date: string;
  url: string;
}

/** Rows of SOURCES.md that describe a corpus policy file. */
export function sourceRows(): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const line of readCorpus('SOURCES.md').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | `file` | repo | `path` | commit | date | url | note |
    if (cells.length < 8 || !cells[1]?.startsWith('`policies/')) continue;
    const strip = (s: string | undefined) => (s ?? '').replace(/^`|`$/g, '');
    rows.push({
      file: strip(cells[1]),
      repository: cells[2] ?? '',
      path: strip(cells[3]),
      commit: cells[4] ?? '',
      date: cells[5] ?? '',
      url: cells[6] ?? '',
    });
  }
  return rows;
}

/** The corpus file an Open Terms Archive permalink (github.com/<repo>/blob/<commit>/<path>) points to. */
export function corpusFileForArchiveUrl(archiveUrl: string): SourceRow | undefined {
  const ref = parseArchiveUrl(archiveUrl);
  if (!ref) return undefined;
  return sourceRows().find(
    (r) => r.repository === ref.repository && r.commit === ref.commit && r.path === ref.path && r.file.endsWith('.md'),
  );
}

export interface SettingsUrlEntry {
  platform: string;
  label: string;
  url: string;
  status: string;
}

/** Every URL listed in settings-urls.md with its status (CONFIRMED (policy), CONFIRMED (jdm), PARTIAL, UNCONFIRMED). */
export function settingsUrls(): SettingsUrlEntry[] {
  const out: SettingsUrlEntry[] = [];
  let platform = '';
  for (const line of readCorpus('settings-urls.md').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) platform = heading[1] ?? '';
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^https?:\/\//.test(cells[2] ?? '')) continue;
    out.push({ platform, label: cells[1] ?? '', url: cells[2] ?? '', status: cells[3] ?? '' });
  }
  return out;
}

export interface IndexedUrl {
  slug: string | null;
  service: string;
  collection: string;
  terms_type: string;
  url: string;
}

export function urlsIndex(): IndexedUrl[] {
  return JSON.parse(readCorpus('declarations/urls-index.json')) as IndexedUrl[];
}
