import { describe, expect, it } from 'vitest';
import { isSafeLink, linkHosts } from '../../utils/links';

describe('isSafeLink', () => {
  const allowed = ['linkedin.com'];
  it.each([
    ['https://www.linkedin.com/psettings/privacy', true],
    ['https://linkedin.com/', true],
    ['http://www.linkedin.com/psettings/privacy', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['https://user:pw@www.linkedin.com/', false],
    ['https://linkedin.com.evil.example/', false],
    ['https://evil.example/?https://www.linkedin.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeLink(url, allowed)).toBe(safe);
  });
});

describe('linkHosts', () => {
  it('is the platform’s domains and the domains its settings live on', () => {
    expect(linkHosts({ domains: ['youtube.com'], linkDomains: ['google.com'] })).toEqual(['youtube.com', 'google.com']);
    expect(linkHosts({ domains: ['x.com'] })).toEqual(['x.com']);
  });
});
