import { describe, expect, it } from 'vitest';
import { hostIsUnder, lookupHost, parentDomains } from '../../utils/domains';

describe('parentDomains', () => {
  it('lists the candidate domains shortest first, without a trailing dot or case', () => {
    expect(parentDomains('A.WWW.LinkedIn.com.')).toEqual(['linkedin.com', 'www.linkedin.com', 'a.www.linkedin.com']);
    expect(parentDomains('localhost')).toEqual([]);
  });
});

describe('lookupHost', () => {
  const map = new Map([
    ['linkedin.com', 'L'],
    ['x.com', 'X'],
  ]);
  it('finds a host by itself or a parent domain', () => {
    expect(lookupHost(map, 'linkedin.com')).toEqual({ domain: 'linkedin.com', value: 'L' });
    expect(lookupHost(map, 'www.LinkedIn.com.')).toEqual({ domain: 'linkedin.com', value: 'L' });
  });
  it('never matches a look-alike', () => {
    for (const host of ['notlinkedin.com', 'linkedin.com.evil.example', 'linkedin.co', 'xx.com', 'com']) {
      expect(lookupHost(map, host), host).toBeUndefined();
    }
  });
});

describe('hostIsUnder', () => {
  it('is true for the domain and its subdomains only', () => {
    expect(hostIsUnder('help.x.com', 'x.com')).toBe(true);
    expect(hostIsUnder('X.COM.', 'x.com')).toBe(true);
    expect(hostIsUnder('notx.com', 'x.com')).toBe(false);
    expect(hostIsUnder('x.com.evil', 'x.com')).toBe(false);
  });
});
