/**
 * `npm run data:verify -- --ota [NAME=]DIR [--ota …] [--touch] [--data DIR] [--today YYYY-MM-DD]`
 *
 * Checks the dataset's quotes against a local checkout of an Open Terms Archive versions
 * repository (files at `<Service>/<Document type>.md`, as in each capture's archive permalink; the
 * repository's name is the directory's, or NAME):
 * for every captured version whose permalink names that repository, the file at the
 * permalink's path must still contain every quote of that version. Each quote that is gone is
 * reported with the nearest passage of the current text. With `--touch`, versions whose quotes
 * all still match get the capture of the checkout's newest version of the file (commit, date
 * from `git log`, SHA-256, Wayback date, verification date); nothing else is changed, and a
 * version with a missing quote is left as it was. Exits 1 when a quote is missing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Capture } from '../utils/schema';
import { compileFeed } from './dataset';
import { DATA_DIR, loadFeedSources, platformFiles, readPlatformSource } from './dataset-files';
import {
  archiveUrlOf,
  type MissingQuote,
  missingQuotes,
  parseArchiveUrl,
  plainText,
  quotesByVersion,
  type VersionQuotes,
} from './quote-check';

export interface VersionResult {
  key: string;
  platformId: string;
  documentId: string;
  versionId: string;
  /** The file in the checkout, relative to it. */
  path: string;
  status: 'ok' | 'changed' | 'not-in-checkout';
  missing: MissingQuote[];
  /** The newest commit of the file in the checkout, and the capture it would give. */
  latest?: { commit: string; date: string; sha256: string };
  capture: Capture;
}

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
}

/**
 * A checkout to verify against: `NAME=DIR`, or `DIR` alone when the directory is named after its
 * repository (as `git clone https://github.com/OpenTermsArchive/pga-versions` makes it).
 */
export function checkoutOf(arg: string): { repository: string; dir: string } {
  const m = /^([A-Za-z0-9._-]+)=(.+)$/.exec(arg);
  if (m?.[1] && m[2]) return { repository: m[1], dir: resolve(m[2]) };
  return { repository: basename(resolve(arg)), dir: resolve(arg) };
}

/** The newest commit that touched `path` in the checkout, with its date (YYYY-MM-DD). */
function lastCommitOf(dir: string, path: string): { commit: string; date: string } | undefined {
  const out = git(dir, ['log', '-1', '--format=%H %cs', '--', path]);
  const [commit, date] = out.split(' ');
  return commit && date ? { commit, date } : undefined;
}

/** Check every captured version whose archive permalink names the checkout's repository. */
export function verifyAgainstCheckout(entries: readonly VersionQuotes[], checkout: string): VersionResult[] {
  const { repository: repo, dir } = checkoutOf(checkout);
  const results: VersionResult[] = [];
  for (const entry of entries) {
    const ref = parseArchiveUrl(entry.version.capture.archiveUrl);
    if (!ref || ref.repository.split('/')[1] !== repo) continue;
    const base = {
      key: entry.key,
      platformId: entry.platformId,
      documentId: entry.documentId,
      versionId: entry.version.id,
      path: ref.path,
      capture: entry.version.capture,
    };
    const file = join(dir, ref.path);
    if (!existsSync(file)) {
      results.push({ ...base, status: 'not-in-checkout', missing: [] });
      continue;
    }
    const bytes = readFileSync(file);
    const missing = missingQuotes(entry, plainText(bytes.toString('utf8')));
    const commit = lastCommitOf(dir, ref.path);
    const latest = commit && { ...commit, sha256: createHash('sha256').update(bytes).digest('hex') };
    results.push({ ...base, status: missing.length > 0 ? 'changed' : 'ok', missing, ...(latest ? { latest } : {}) });
  }
  return results;
}

/** The capture a fully matching version gets from the checkout's newest version of its file. */
export function refreshedCapture(
  capture: Capture,
  latest: NonNullable<VersionResult['latest']>,
  today: string,
): Capture {
  const ref = parseArchiveUrl(capture.archiveUrl);
  if (!ref) throw new Error(`not an archive permalink: ${capture.archiveUrl}`);
  return {
    ...capture,
    archiveUrl: archiveUrlOf({ ...ref, commit: latest.commit }),
    waybackUrl: `https://web.archive.org/web/${latest.date.replaceAll('-', '')}/${capture.sourceUrl}`,
    sha256: latest.sha256,
    capturedAt: latest.date,
    verifiedAt: today,
  };
}

interface SourceVersion {
  id: string;
  capture?: Capture;
}
interface SourceFile {
  id: string;
  documents: Array<{ id: string; versions: SourceVersion[] }>;
}

/**
 * Write refreshed captures into the platform source files of `dataDir` for the versions whose
 * quotes all matched. Returns the keys it changed.
 */
export function touchSources(dataDir: string, results: readonly VersionResult[], today: string): string[] {
  const changed: string[] = [];
  for (const file of platformFiles(dataDir)) {
    const source = readPlatformSource(file, dataDir) as SourceFile;
    let dirty = false;
    for (const result of results) {
      if (result.platformId !== source.id || result.status !== 'ok' || !result.latest) continue;
      const version = source.documents
        .find((d) => d.id === result.documentId)
        ?.versions.find((v) => v.id === result.versionId);
      if (!version?.capture) continue;
      const next = refreshedCapture(version.capture, result.latest, today);
      if (JSON.stringify(next) === JSON.stringify(version.capture)) continue;
      version.capture = next;
      dirty = true;
      changed.push(result.key);
    }
    if (dirty) writeFileSync(join(dataDir, 'platforms', file), `${JSON.stringify(source, null, 2)}\n`);
  }
  return changed;
}

export function formatReport(results: readonly VersionResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === 'not-in-checkout') {
      lines.push(`? ${r.key}: ${r.path} is not in this checkout`);
      continue;
    }
    const moved = r.latest && r.latest.commit !== parseArchiveUrl(r.capture.archiveUrl)?.commit;
    const note = !r.latest
      ? ' (the checkout has no commit of this file in its history, so it cannot be refreshed)'
      : moved
        ? ` (newer version ${r.latest.commit.slice(0, 10)} of ${r.latest.date})`
        : '';
    if (r.status === 'ok') {
      lines.push(`✓ ${r.key}: every quote still matches${note}`);
      continue;
    }
    lines.push(`✗ ${r.key}: ${r.missing.length} quote(s) no longer in ${r.path}${note}`);
    for (const m of r.missing) {
      lines.push(`    ${m.provisionId}: "${m.quote}"`);
      lines.push(`      nearest passage (${Math.round(m.nearest.score * 100)}% of its words): "${m.nearest.text}"`);
    }
  }
  return lines.join('\n');
}

function parseArgs(argv: readonly string[]): { ota: string[]; touch: boolean; data: string; today: string } {
  const ota: string[] = [];
  let touch = false;
  let data = DATA_DIR;
  let today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--ota') ota.push(value());
    else if (arg === '--touch') touch = true;
    else if (arg === '--data') data = resolve(value());
    else if (arg === '--today') today = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (ota.length === 0)
    throw new Error('usage: data:verify -- --ota [NAME=]DIR [--ota …] [--touch] [--data DIR] [--today YYYY-MM-DD]');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today must be YYYY-MM-DD');
  return { ota, touch, data, today };
}

/** The command: returns its exit code. */
export function main(argv: readonly string[], log: (line: string) => void = console.info): number {
  const args = parseArgs(argv);
  const entries = quotesByVersion(compileFeed(loadFeedSources(args.data)));
  const results = args.ota.flatMap((dir) => verifyAgainstCheckout(entries, dir));
  if (results.length === 0) log('No captured version of the dataset comes from these checkouts.');
  else log(formatReport(results));
  if (args.touch) {
    const changed = touchSources(args.data, results, args.today);
    log(changed.length > 0 ? `Refreshed captures: ${changed.join(', ')}` : 'No capture to refresh.');
    if (changed.length > 0)
      log('The policies\u2019 own "last updated" dates (documentLastUpdated) are not changed: check them by hand.');
  }
  return results.some((r) => r.status === 'changed') ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(join(import.meta.dirname, 'data-verify.ts'))) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
