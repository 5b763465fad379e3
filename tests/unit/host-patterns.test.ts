import { describe, expect, it } from 'vitest';
import { domainPatterns } from '../../utils/host-patterns';

describe('domainPatterns', () => {
  it('makes one https pattern per domain covering its subdomains, sorted and without duplicates', () => {
    expect(domainPatterns(['x.com', 'linkedin.com', 'x.com'])).toEqual([
      'https://*.linkedin.com/*',
      'https://*.x.com/*',
    ]);
  });
});
