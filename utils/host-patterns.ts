/**
 * The one place match patterns are made from domains: the manifest's host permissions and
 * content-script matches (wxt.config.ts, through scripts/dataset.ts) and the origins the extension
 * checks and asks for at run time (utils/site-access.ts, utils/background/dynamic-scripts.ts).
 * `*.d` matches `d` itself and every subdomain. https only: on plain http an on-path attacker
 * could play the platform's page to our content script.
 */
export function domainPatterns(domains: Iterable<string>): string[] {
  return [...new Set(domains)].sort().map((d) => `https://*.${d}/*`);
}
