import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { type CliIo, main, timestampVersion } from '../../../scripts/feed';
import { type FeedServer, startFeedServer } from '../../support/feed-server';

const ROOT = resolve(import.meta.dirname, '../../..');
const NOW = new Date('2026-12-01T09:30:15.123Z');
const dirs: string[] = [];
let server: FeedServer | null = null;

afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await server?.close();
  server = null;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-lens-feed-cli-'));
  dirs.push(dir);
  return dir;
}

async function run(argv: string[], now = NOW) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    fetchFn: (input, init) => fetch(input, init),
    now: () => now,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), lastLine: out.at(-1) ?? '' };
}

/** keygen + build into fresh temp dirs; returns the paths and the public key. */
async function released(extra: string[] = []) {
  const keys = tempDir();
  const out = tempDir();
  const keygen = await run(['keygen', '--out', keys]);
  expect(keygen.code).toBe(0);
  const build = await run(['build', '--key', join(keys, 'feed-signing-key.jwk'), '--out', out, ...extra]);
  expect(build.stderr).toBe('');
  expect(build.code).toBe(0);
  return { keys, out, publicKey: keygen.lastLine };
}

function flipByte(path: string, index: number): void {
  const bytes = readFileSync(path);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
}

describe('feed CLI', () => {
  it('keygen → build → verify: a round trip with a 0600 key file and the public key on the last line', async () => {
    const { keys, out, publicKey } = await released();
    const keyFile = join(keys, 'feed-signing-key.jwk');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });

    const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8'));
    expect(feed.version).toBe(20261201093015);
    expect(feed.generatedAt).toBe('2026-12-01T09:30:15Z');
    expect(feed.version).toBeGreaterThan(loadBundledFeed().version);
    expect(feed.platforms).toEqual(loadBundledFeed().platforms);
    expect(Buffer.from(readFileSync(join(out, 'feed.json.sig'), 'utf8'), 'base64')).toHaveLength(64);

    const verified = await run(['verify', out, '--public-key', publicKey]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK: version 20261201093015/);
  });

  it('verify fails on one flipped byte in feed.json', async () => {
    const { out, publicKey } = await released();
    flipByte(join(out, 'feed.json'), 500);
    const result = await run(['verify', out, '--public-key', publicKey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/signature did not match/);
  });

  it('verify fails on one flipped bit in the signature', async () => {
    const { out, publicKey } = await released();
    const sigPath = join(out, 'feed.json.sig');
    const raw = Buffer.from(readFileSync(sigPath, 'utf8'), 'base64');
    raw[10] = (raw[10] ?? 0) ^ 0x01;
    writeFileSync(sigPath, raw.toString('base64'));
    const result = await run(['verify', out, '--public-key', publicKey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/signature did not match/);
  });

  it('verify fails on one flipped byte of the .sig file text', async () => {
    const { out, publicKey } = await released();
    flipByte(join(out, 'feed.json.sig'), 20);
    const result = await run(['verify', out, '--public-key', publicKey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/signature did not match/);
  });

  it('verify fails with a different key, and passes when it is one of several (rotation)', async () => {
    const { out, publicKey } = await released();
    const other = (await run(['keygen', '--out', tempDir()])).lastLine;
    const wrong = await run(['verify', out, '--public-key', other]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/signature did not match/);
    expect((await run(['verify', out, '--public-key', `${other},${publicKey}`])).code).toBe(0);
    expect((await run(['verify', out, '--public-key', other, '--public-key', publicKey])).code).toBe(0);
  });

  it('verify fails without a .sig and names the reason', async () => {
    const { out, publicKey } = await released();
    rmSync(join(out, 'feed.json.sig'));
    const result = await run(['verify', out, '--public-key', publicKey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/without a signature/);
  });

  it('verify reads a URL and URL.sig with the extension fetch code', async () => {
    const { out, publicKey } = await released();
    server = await startFeedServer({
      bytes: readFileSync(join(out, 'feed.json')),
      signature: readFileSync(join(out, 'feed.json.sig'), 'utf8'),
    });
    expect((await run(['verify', server.url, '--public-key', publicKey])).code).toBe(0);
    expect(server.requests.map((r) => r.path)).toEqual(['/feed.json', '/feed.json.sig']);
    server.mode.tamper = true;
    const tampered = await run(['verify', server.url, '--public-key', publicKey]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/signature did not match/);
  });

  it('keygen refuses to overwrite an existing key', async () => {
    const keys = tempDir();
    expect((await run(['keygen', '--out', keys])).code).toBe(0);
    const before = readFileSync(join(keys, 'feed-signing-key.jwk'), 'utf8');
    const again = await run(['keygen', '--out', keys]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; refusing to overwrite/);
    expect(readFileSync(join(keys, 'feed-signing-key.jwk'), 'utf8')).toBe(before);
  });

  it('build goes past an earlier feed in the same directory, and refuses an explicit version that does not', async () => {
    const { keys, out } = await released();
    const key = join(keys, 'feed-signing-key.jwk');
    // Same second (or a clock behind): the previous version + 1.
    expect((await run(['build', '--key', key, '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')).version).toBe(20261201093016);
    const older = await run(['build', '--key', key, '--out', out, '--version', '20261201000000']);
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/not newer than .*feed\.json \(version 20261201093016\)/);
    const belowBundled = await run(['build', '--key', key, '--out', tempDir(), '--version', '5']);
    expect(belowBundled.code).toBe(1);
    expect(belowBundled.stderr).toMatch(/not newer than the bundled snapshot/);
    expect((await run(['build', '--key', key, '--out', out, '--version', '30000101000000'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')).version).toBe(30000101000000);
  });

  it('build reads another data directory, and fails on invalid data without writing a feed', async () => {
    const { keys } = await released();
    const data = tempDir();
    const out = tempDir();
    writeFileSync(join(data, 'agencies.json'), '[]');
    // No platforms/ directory: a readable error, no files.
    const result = await run(['build', '--key', join(keys, 'feed-signing-key.jwk'), '--data', data, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/platforms/);
    expect(() => statSync(join(out, 'feed.json'))).toThrow();
  });

  it('rejects unknown commands and options with usage (exit 2)', async () => {
    expect((await run(['sign'])).code).toBe(2);
    expect((await run(['keygen', '--out', tempDir(), '--force'])).code).toBe(2);
    expect((await run(['verify', tempDir()])).code).toBe(2);
    expect((await run(['verify', tempDir(), '--public-key', 'short'])).code).toBe(2);
  });

  it('timestampVersion is UTC YYYYMMDDHHmmss', () => {
    expect(timestampVersion(new Date('2027-01-02T03:04:05.999Z'))).toBe(20270102030405);
  });

  it('runs as `npm run feed -- keygen`, the public key being the last line of stdout', async () => {
    const keys = tempDir();
    const { stdout } = await promisify(execFile)('npm', ['run', 'feed', '--', 'keygen', '--out', keys], {
      cwd: ROOT,
    });
    const last = stdout.trimEnd().split('\n').at(-1) ?? '';
    const jwk = JSON.parse(readFileSync(join(keys, 'feed-signing-key.jwk'), 'utf8')) as { x: string };
    expect(last).toBe(Buffer.from(jwk.x, 'base64url').toString('base64'));
  }, 30_000);
});
