/**
 * `npm run data:verify`: quote verification against a checkout of an Open Terms Archive
 * versions repository. The test builds a small one: a git repository with a privacy policy
 * and terms, whose second commit rewords one quoted passage, removes another and changes
 * the terms elsewhere; and a one-platform dataset whose captures point at the first commit.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/data-verify';
import { archiveUrlOf, nearestPassage, parseArchiveUrl, plainText } from '../../../scripts/quote-check';

const KEPT = 'We keep your messages for as long as your account is open.';
const REWORDED = 'We share your location with advertising partners to measure ads.';
const REWORDED_NOW = 'We share your precise location with our advertising partners so they can measure ads.';
const REMOVED = 'You can switch off face recognition in your settings at any time.';
const TERMS_QUOTE = 'You give us a worldwide licence to use what you post.';

let root: string;
let repo: string;
let data: string;
const commits: string[] = [];

function git(args: string[], date: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: `${date}T10:00:00Z`, GIT_COMMITTER_DATE: `${date}T10:00:00Z` };
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', env }).trim();
}

function writeDoc(path: string, text: string) {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
}

const PRIVACY = 'Example/Privacy Policy.md';
const TERMS = 'Example/Terms of Service.md';
const permalink = (commit: string, path: string) =>
  `https://github.com/OpenTermsArchive/fixture-versions/blob/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;

function capture(commit: string, path: string, url: string, date: string) {
  return {
    sourceUrl: url,
    archiveUrl: permalink(commit, path),
    waybackUrl: `https://web.archive.org/web/${date.replaceAll('-', '')}/${url}`,
    sha256: '0'.repeat(64),
    capturedAt: date,
    documentLastUpdated: date,
    verifiedAt: date,
  };
}

function provision(id: string, documentId: string, quote: string) {
  return {
    id: `example.${id}`,
    title: `Example ${id}`,
    severity: 'medium',
    severityInputs: {
      scope: 'bounded',
      onByDefault: true,
      optOut: 'easy',
      reversible: false,
      sensitive: false,
      sharedBeyondPlatform: false,
    },
    practice: 'retention',
    severityRationale: 'Fixture.',
    categories: ['retention'],
    documentId,
    quotes: [{ versionId: 'default', text: quote }],
    whyItMatters: 'Fixture.',
    consumerImpact: 'Fixture.',
    actions: [],
    agencies: [],
    firstTracked: '2026-09-01',
  };
}

function platformSource() {
  const doc = (id: string, path: string, url: string) => ({
    id,
    kind: id === 'terms' ? 'terms' : 'privacy-policy',
    title: `Example ${id}`,
    versions: [
      { id: 'default', regions: ['*'], urls: [url], capture: capture(commits[0] ?? '', path, url, '2026-09-01') },
    ],
  });
  return {
    id: 'example',
    name: 'Example',
    domains: ['example.com'],
    documents: [
      doc('privacy', PRIVACY, 'https://www.example.com/privacy'),
      doc('terms', TERMS, 'https://www.example.com/terms'),
    ],
    settingsPages: [],
    provisions: [
      provision('kept', 'privacy', KEPT),
      provision('reworded', 'privacy', REWORDED),
      provision('removed', 'privacy', REMOVED),
      provision('licence', 'terms', TERMS_QUOTE),
    ],
    walkthroughs: [],
  };
}

const readSource = () =>
  JSON.parse(readFileSync(join(data, 'platforms', 'example.json'), 'utf8')) as ReturnType<typeof platformSource>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'policy-lens-ota-'));
  repo = join(root, 'fixture-versions');
  mkdirSync(repo);
  git(['init', '-q'], '2026-09-01');
  git(['config', 'user.email', 'fixture@example.com'], '2026-09-01');
  git(['config', 'user.name', 'Fixture'], '2026-09-01');
  writeDoc(PRIVACY, `# Privacy Policy\n\n${KEPT} ${REWORDED}\n\n${REMOVED}\n`);
  writeDoc(TERMS, `# Terms\n\n${TERMS_QUOTE}\n\nDisputes go to the courts of Ruritania.\n`);
  git(['add', '-A'], '2026-09-01');
  git(['commit', '-qm', 'First versions'], '2026-09-01');
  commits.push(git(['rev-parse', 'HEAD'], '2026-09-01'));
  writeDoc(PRIVACY, `# Privacy Policy\n\n${KEPT} ${REWORDED_NOW}\n\nWe may update this policy.\n`);
  writeDoc(TERMS, `# Terms\n\n${TERMS_QUOTE}\n\nDisputes go to the courts of Freedonia.\n`);
  git(['add', '-A'], '2026-10-15');
  git(['commit', '-qm', 'New versions'], '2026-10-15');
  commits.push(git(['rev-parse', 'HEAD'], '2026-10-15'));
  data = join(root, 'data');
  mkdirSync(join(data, 'platforms'), { recursive: true });
  writeFileSync(join(data, 'agencies.json'), '[]\n');
  writeFileSync(join(data, 'platforms', 'example.json'), `${JSON.stringify(platformSource(), null, 2)}\n`);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('quote-check helpers', () => {
  it('round-trips an archive permalink, keeping its encoding', () => {
    const url = permalink(commits[0] ?? '', PRIVACY);
    const ref = parseArchiveUrl(url);
    expect(ref).toMatchObject({ repository: 'OpenTermsArchive/fixture-versions', path: PRIVACY });
    expect(ref && archiveUrlOf(ref)).toBe(url);
    expect(parseArchiveUrl('https://github.com/someone/else/blob/abc/x.md')).toBeUndefined();
  });

  it('finds a reworded passage as the nearest one, and scores a removed passage low', () => {
    const text = plainText(`${KEPT} ${REWORDED_NOW}\n\nWe may update this policy.`);
    const reworded = nearestPassage(text, REWORDED);
    expect(reworded.text).toBe(REWORDED_NOW);
    expect(reworded.score).toBeGreaterThan(0.8);
    expect(nearestPassage(text, REMOVED).score).toBeLessThan(0.4);
  });
});

describe('data:verify against an Open Terms Archive checkout', () => {
  it('reports each quote that is gone, with the nearest passage, and refreshes only the versions that still match', () => {
    const lines: string[] = [];
    const code = main(['--ota', repo, '--data', data, '--touch', '--today', '2026-12-01'], (l) => lines.push(l));
    const report = lines.join('\n');
    expect(code).toBe(1);
    expect(report).toContain('✗ example/privacy/default: 2 quote(s) no longer in Example/Privacy Policy.md');
    expect(report).toContain(`example.reworded: "${REWORDED}"`);
    expect(report).toContain(`nearest passage (`);
    expect(report).toContain(`"${REWORDED_NOW}"`);
    expect(report).toContain(`example.removed: "${REMOVED}"`);
    expect(report).not.toContain('example.kept:');
    expect(report).toContain('✓ example/terms/default: every quote still matches');
    expect(report).toContain('Refreshed captures: example/terms/default');

    const [privacy, terms] = readSource().documents.map((d) => d.versions[0]?.capture);
    // The privacy policy lost quotes: its capture stays as it was.
    expect(privacy?.archiveUrl).toBe(permalink(commits[0] ?? '', PRIVACY));
    expect(privacy?.capturedAt).toBe('2026-09-01');
    // The terms still hold their quote: they now point at the newer commit, with its date and hash.
    const termsBytes = readFileSync(join(repo, TERMS));
    expect(terms).toEqual({
      sourceUrl: 'https://www.example.com/terms',
      archiveUrl: permalink(commits[1] ?? '', TERMS),
      waybackUrl: 'https://web.archive.org/web/20261015/https://www.example.com/terms',
      sha256: createHash('sha256').update(termsBytes).digest('hex'),
      capturedAt: '2026-10-15',
      documentLastUpdated: '2026-09-01',
      verifiedAt: '2026-12-01',
    });
  });

  it('passes, and changes nothing, when run again on data that already matches the checkout', () => {
    const before = readFileSync(join(data, 'platforms', 'example.json'), 'utf8');
    const lines: string[] = [];
    // Only the terms are checked from a checkout that has no privacy policy: copy just the terms.
    const termsOnly = join(root, 'terms-only', 'fixture-versions');
    execFileSync('git', ['clone', '-q', repo, termsOnly]);
    execFileSync('git', ['-C', termsOnly, 'rm', '-q', PRIVACY]);
    const code = main(['--ota', termsOnly, '--data', data, '--touch', '--today', '2026-12-01'], (l) => lines.push(l));
    expect(lines.join('\n')).toContain('? example/privacy/default: Example/Privacy Policy.md is not in this checkout');
    expect(lines.join('\n')).toContain('No capture to refresh.');
    expect(code).toBe(0);
    expect(readFileSync(join(data, 'platforms', 'example.json'), 'utf8')).toBe(before);
  });

  it('ignores captures from other archive repositories', () => {
    const other = join(root, 'other-versions');
    mkdirSync(other);
    execFileSync('git', ['-C', other, 'init', '-q']);
    const lines: string[] = [];
    expect(main(['--ota', other, '--data', data], (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['No captured version of the dataset comes from these checkouts.']);
  });
});
