import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedConfigFromEnv, feedHostPermission, parseFeedConfig } from '../../../utils/feed/config';
import { makeKeyPair } from '../../support/feed-keys';

const a = makeKeyPair().publicKey;
const b = makeKeyPair().publicKey;
const URL_ = 'https://data.policy-lens.example/v1/feed.json';

const reasonOf = (input: { url?: string; keys?: string }) => {
  const config = parseFeedConfig(input);
  if (config.kind !== 'bundled-only') throw new Error(`expected bundled-only, got ${JSON.stringify(config)}`);
  return config.reason;
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('parseFeedConfig', () => {
  it('is remote with an https URL and valid keys (comma-separated, spaces and duplicates ignored)', () => {
    expect(parseFeedConfig({ url: URL_, keys: ` ${a} , ${b},${a},` })).toEqual({
      kind: 'remote',
      url: URL_,
      publicKeys: [a, b],
    });
  });

  it('allows plain http only on this machine', () => {
    expect(parseFeedConfig({ url: 'http://127.0.0.1:8123/feed.json', keys: a }).kind).toBe('remote');
    expect(parseFeedConfig({ url: 'http://localhost:8123/feed.json', keys: a }).kind).toBe('remote');
    expect(reasonOf({ url: 'http://data.policy-lens.example/feed.json', keys: a })).toMatch(/not a secure https/);
    expect(reasonOf({ url: 'http://127.0.0.2/feed.json', keys: a })).toMatch(/not a secure https/);
    expect(reasonOf({ url: 'ftp://127.0.0.1/feed.json', keys: a })).toMatch(/not a secure https/);
  });

  it('keeps to the bundled data, with a reason for the UI, when something is missing or wrong', () => {
    expect(reasonOf({})).toBe('Automatic data updates are off in this build: it uses the data it was shipped with.');
    expect(reasonOf({ url: '  ', keys: '' })).toMatch(/uses the data it was shipped with/);
    expect(reasonOf({ url: URL_ })).toMatch(/no key to check the updates with/);
    expect(reasonOf({ keys: a })).toMatch(/no update server address/);
    expect(reasonOf({ url: 'not a url', keys: a })).toMatch(/not a valid URL/);
    expect(reasonOf({ url: 'https://user:pw@data.policy-lens.example/feed.json', keys: a })).toMatch(/user name/);
    expect(reasonOf({ url: URL_, keys: 'not-base64' })).toMatch(/signature key #1 is not base64/);
    expect(reasonOf({ url: URL_, keys: `${a},${btoa('short')}` })).toMatch(/signature key #2/);
    expect(reasonOf({ url: URL_, keys: ' , ' })).toMatch(/no signature key/);
  });

  it('reads the build-time variables WXT_FEED_URL and WXT_FEED_PUBLIC_KEYS', () => {
    vi.stubEnv('WXT_FEED_URL', URL_);
    vi.stubEnv('WXT_FEED_PUBLIC_KEYS', `${a},${b}`);
    expect(feedConfigFromEnv()).toEqual({ kind: 'remote', url: URL_, publicKeys: [a, b] });
    vi.stubEnv('WXT_FEED_PUBLIC_KEYS', '');
    expect(feedConfigFromEnv().kind).toBe('bundled-only');
  });
});

describe('feedHostPermission', () => {
  it('is the exact host of the feed, every port, never a wildcard host', () => {
    expect(feedHostPermission(parseFeedConfig({ url: URL_, keys: a }))).toBe('https://data.policy-lens.example/*');
    expect(feedHostPermission(parseFeedConfig({ url: 'http://127.0.0.1:8123/x/feed.json', keys: a }))).toBe(
      'http://127.0.0.1/*',
    );
    expect(feedHostPermission(parseFeedConfig({}))).toBeNull();
  });
});
