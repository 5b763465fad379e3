import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { FeedError } from '../../../utils/feed/errors';
import { MAX_FEED_BYTES, parseFeedBytes, sha256Hex, verifyFeedBytes } from '../../../utils/feed/verify';
import { jsonBytes, makeKeyPair } from '../../support/feed-keys';

const feed = loadBundledFeed();
const key = makeKeyPair();
const options = { publicKeys: [key.publicKey], currentVersion: 0, requireSignature: true };

/** Rejects with a FeedError of this code whose technical detail matches. */
async function rejectsWith(promise: Promise<unknown>, code: string, detail?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  expect((error as FeedError).code).toBe(code);
  if (detail) expect((error as FeedError).detail).toMatch(detail);
}

describe('verifyFeedBytes', () => {
  it('returns the feed and the SHA-256 of the exact bytes when signature, schema, integrity and version hold', async () => {
    const bytes = jsonBytes(feed);
    const result = await verifyFeedBytes(bytes, key.sign(bytes), options);
    expect(result.feed).toEqual(feed);
    expect(result.sha256).toBe(await sha256Hex(bytes));
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checks the signature before parsing: unsigned garbage is a signature failure, never parsed', async () => {
    const garbage = new TextEncoder().encode('{not json');
    await rejectsWith(verifyFeedBytes(garbage, makeKeyPair().sign(garbage), options), 'signature-invalid');
    await rejectsWith(verifyFeedBytes(garbage, null, options), 'signature-missing');
  });

  it('refuses anything over the size cap before the signature or the parser see it', async () => {
    const big = new Uint8Array(MAX_FEED_BYTES + 1);
    await rejectsWith(verifyFeedBytes(big, null, options), 'too-large', /cap is 41943040/);
    const small = jsonBytes(feed);
    await rejectsWith(
      verifyFeedBytes(small, key.sign(small), { ...options, maxBytes: 1000 }),
      'too-large',
      /cap is 1000/,
    );
  });

  it('accepts only a strictly newer version', async () => {
    const bytes = jsonBytes(feed);
    const sig = key.sign(bytes);
    await rejectsWith(verifyFeedBytes(bytes, sig, { ...options, currentVersion: feed.version }), 'not-newer');
    await rejectsWith(verifyFeedBytes(bytes, sig, { ...options, currentVersion: feed.version + 1 }), 'not-newer');
    await expect(verifyFeedBytes(bytes, sig, { ...options, currentVersion: feed.version - 1 })).resolves.toBeTruthy();
  });

  it('skips the signature only when told to (the bundled snapshot)', async () => {
    const bytes = jsonBytes(feed);
    await expect(verifyFeedBytes(bytes, null, { ...options, requireSignature: false })).resolves.toBeTruthy();
    await expect(parseFeedBytes(bytes)).resolves.toMatchObject({ feed: { version: feed.version } });
  });
});

describe('parseFeedBytes (the bundled snapshot)', () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;

  it('accepts a document on a site the platform links to (not only on its own domains), and refuses any other host', async () => {
    const linked = structuredClone(feed);
    const instagram = linked.platforms.find((p) => p.id === 'instagram');
    const version = instagram?.documents.find((d) => d.id === 'cookie-policy')?.versions[0];
    if (!instagram?.linkDomains?.includes('facebook.com') || !version) throw new Error('instagram fixture changed');
    version.urls = ['https://www.facebook.com/policies/cookies/'];
    await expect(parseFeedBytes(bytes(linked))).resolves.toBeDefined();
    version.urls = ['https://evil.example/privacy'];
    await rejectsWith(
      parseFeedBytes(bytes(linked)),
      'inconsistent',
      /URL https:\/\/evil\.example\/privacy is not on the platform's sites/,
    );
  });

  it('refuses the whole feed when a platform links to a host of the feed’s choosing, or a label hides bidi controls (issue 8)', async () => {
    const linked = structuredClone(feed);
    const linkedin = linked.platforms.find((p) => p.id === 'linkedin');
    const action = linkedin?.provisions.flatMap((p) => p.actions)[0];
    if (!linkedin || !action) throw new Error('linkedin fixture changed');
    linkedin.linkDomains = ['evil.example'];
    action.label = 'Turn off AI training (official LinkedIn page)';
    action.url = 'https://evil.example/linkedin';
    await rejectsWith(parseFeedBytes(bytes(linked)), 'inconsistent', /link domain evil\.example/);
    const spoofed = structuredClone(feed);
    const label = spoofed.platforms[0]?.provisions[0]?.actions[0];
    if (!label) throw new Error('no action');
    label.label = 'Open the settings \u202Emoc.elpmaxe';
    await rejectsWith(parseFeedBytes(bytes(spoofed)), 'bad-schema', /invisible format characters/);
  });

  it('rejects invalid JSON, schema violations and broken cross references with readable reasons', async () => {
    await rejectsWith(parseFeedBytes(new TextEncoder().encode('{nope').buffer as ArrayBuffer), 'bad-json', /JSON/);
    await rejectsWith(parseFeedBytes(bytes({ ...feed, version: -1 })), 'bad-schema', /version/);
    const dangling = structuredClone(feed);
    const first = dangling.platforms[0]?.provisions[0];
    if (first) first.documentId = 'no-such-document';
    await rejectsWith(parseFeedBytes(bytes(dangling)), 'inconsistent', /unknown document "no-such-document"/);
    const offsite = structuredClone(feed);
    const action = offsite.platforms[0]?.provisions[0]?.actions[0];
    if (action) action.url = 'https://evil.example/settings';
    await rejectsWith(parseFeedBytes(bytes(offsite)), 'inconsistent', /not on the platform's domains/);
    const agency = structuredClone(feed);
    if (agency.agencies[0]) agency.agencies[0].complaintUrl = 'https://complaints.evil.example/';
    await rejectsWith(parseFeedBytes(bytes(agency)), 'inconsistent', /not on an agency host/);
    for (const archiveUrl of [
      'https://github.com/someone-else/fake/blob/main/policy.md',
      // A prefix check on the raw string would pass this one; the parsed path is /attacker/….
      'https://github.com/OpenTermsArchive/../attacker/blob/main/policy.md',
    ]) {
      const archive = structuredClone(feed);
      const capture = archive.platforms
        .flatMap((p) => p.documents)
        .flatMap((d) => d.versions)
        .find((v) => v.capture)?.capture;
      if (!capture) throw new Error('no captured version in the feed');
      capture.archiveUrl = archiveUrl;
      await rejectsWith(
        parseFeedBytes(bytes(archive)),
        'inconsistent',
        /not an Open Terms Archive or Wayback Machine link/,
      );
    }
    const unquoted = structuredClone(feed);
    const location = unquoted.platforms
      .find((p) => p.id === 'google')
      ?.provisions.find((p) => p.id === 'google.location');
    if (!location) throw new Error('google.location missing');
    location.quotes = location.quotes.filter((q) => q.versionId !== 'en-gb-eea');
    await rejectsWith(
      parseFeedBytes(bytes(unquoted)),
      'inconsistent',
      /captured version "en-gb-eea" neither quotes it nor says it is absent/,
    );
    const walk = structuredClone(feed);
    const step = walk.platforms
      .flatMap((p) => p.walkthroughs)
      .flatMap((w) => w.steps)
      .find((s) => s.kind === 'navigate');
    if (step?.kind === 'navigate') step.url = 'https://evil.example/settings';
    await rejectsWith(parseFeedBytes(bytes(walk)), 'inconsistent', /walkthrough .* is not on the platform's domains/);
  });

  it('gives plain-words messages, the technical reason apart', async () => {
    const error = await parseFeedBytes(bytes({ ...feed, version: -1 })).catch((e: unknown) => e);
    expect((error as FeedError).message).toBe(
      'The update was refused: its data is not in the format this version of Policy Lens reads.',
    );
    expect((error as FeedError).message).not.toMatch(/schema|\n/);
  });
});
