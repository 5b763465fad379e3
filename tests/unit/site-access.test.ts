import { describe, expect, it } from 'vitest';
import { hostMatchPatterns } from '../../scripts/dataset';
import { loadBundledFeed } from '../../scripts/dataset-files';
import {
  accessOrigins,
  listInWords,
  missingAccess,
  originInWords,
  requestAccess,
  summarizeAccess,
} from '../../utils/site-access';
import { FakePermissions } from '../support/fake-permissions';

const feed = loadBundledFeed();
const platforms = feed.platforms.map(({ id, name, domains }) => ({ id, name, domains }));
const byId = (id: string) => {
  const p = platforms.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing`);
  return p;
};
const linkedin = byId('linkedin');
const reddit = byId('reddit');

describe('accessOrigins', () => {
  it("asks for each of the platform's domains and their subdomains, https only", () => {
    expect(accessOrigins(linkedin)).toEqual(['https://*.linkedin.com/*', 'https://*.lnkd.in/*']);
  });

  it("stays inside the manifest's host permissions (Firefox accepts a request only for those) and Chrome's optional https://*/*", async () => {
    const manifest = new FakePermissions(hostMatchPatterns(feed.platforms));
    const optional = new FakePermissions(['https://*/*']);
    for (const p of platforms) {
      expect(await manifest.contains({ origins: accessOrigins(p) }), p.id).toBe(true);
      expect(await optional.contains({ origins: accessOrigins(p) }), p.id).toBe(true);
    }
  });
});

describe('missingAccess', () => {
  it('is empty when the manifest host permissions are granted (Chrome, and Firefox by default)', async () => {
    expect(await missingAccess(new FakePermissions(hostMatchPatterns(feed.platforms)), platforms)).toEqual([]);
  });

  it('lists every platform when nothing is granted, in order', async () => {
    expect((await missingAccess(new FakePermissions(), platforms)).map((p) => p.id)).toEqual(
      platforms.map((p) => p.id),
    );
  });

  it('counts a platform as missing until all of its domains are granted', async () => {
    const fake = new FakePermissions(['*://*.linkedin.com/*', '*://*.reddit.com/*', '*://*.redditinc.com/*']);
    const missing = await missingAccess(fake, [linkedin, reddit]);
    expect(missing.map((p) => p.id)).toEqual(['linkedin', 'reddit']);
    fake.granted.add('https://*.lnkd.in/*');
    expect((await missingAccess(fake, [linkedin, reddit])).map((p) => p.id)).toEqual(['reddit']);
  });
});

describe('requestAccess', () => {
  it("asks for the platform's origins at once, inside the caller's click (nothing awaited first)", async () => {
    const fake = new FakePermissions();
    const granted = requestAccess(fake, linkedin);
    // Synchronously, before any microtask: a request made after an await loses the user gesture.
    expect(fake.requests).toEqual([['https://*.linkedin.com/*', 'https://*.lnkd.in/*']]);
    expect(await granted).toBe(true);
    expect(await missingAccess(fake, [linkedin])).toEqual([]);
  });

  it('reports a refusal and grants nothing', async () => {
    const fake = new FakePermissions();
    fake.answer = false;
    expect(await requestAccess(fake, linkedin)).toBe(false);
    expect(await missingAccess(fake, [linkedin])).toEqual([linkedin]);
  });
});

describe('in plain words', () => {
  it('lists', () => {
    expect(listInWords(['a.com'])).toBe('a.com');
    expect(listInWords(['a.com', 'b.com'])).toBe('a.com and b.com');
    expect(listInWords(['a.com', 'b.com', 'c.com'])).toBe('a.com, b.com and c.com');
  });

  it('says what a host permission covers', () => {
    expect(originInWords('*://*.linkedin.com/*')).toBe('linkedin.com and its subdomains');
    expect(originInWords('https://*.example.org/*')).toBe('example.org and its subdomains (secure connections only)');
    expect(originInWords('https://*/*')).toBe('every website (secure connections only)');
    expect(originInWords('*://news.example.org/*')).toBe('news.example.org');
    expect(originInWords('<all_urls>')).toBe('every site');
  });

  it("sums up what is held by tracked platform, naming a platform's domains that are not covered", () => {
    const summary = summarizeAccess(
      ['*://*.linkedin.com/*', 'https://*.reddit.com/*', '*://*.example.org/*', '*://www.redditinc.com/*'],
      [linkedin, reddit],
    );
    expect(summary.platforms).toEqual([
      { platform: linkedin, domains: ['linkedin.com'] },
      { platform: reddit, domains: ['reddit.com'] },
    ]);
    // A single host of a platform's domain is not the whole domain: it is listed as itself.
    expect(summary.other).toEqual(['example.org and its subdomains', 'www.redditinc.com']);
  });
});
