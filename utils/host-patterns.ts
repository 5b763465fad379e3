/**
 * The one place match patterns are made from domains: the manifest's host permissions and
 * content-script matches (wxt.config.ts, through utils/dataset.ts) and the origins the extension
 * checks and asks for at run time (utils/site-access.ts). `*.d` matches `d` itself and every subdomain.
 */
export type PatternScheme = '*' | 'https';

export function domainPatterns(domains: Iterable<string>, scheme: PatternScheme = '*'): string[] {
  return [...new Set(domains)].sort().map((d) => `${scheme}://*.${d}/*`);
}
