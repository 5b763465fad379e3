/**
 * Host → value lookups by probing the host's parent domains against a map keyed by the
 * dataset's registrable domains. A host belongs to a domain only when it equals it or
 * ends with "." + it, so look-alikes (`linkedin.com.evil.example`, `notlinkedin.com`)
 * never match. The dataset's domains are checked to be registrable (eTLD+1, with tldts)
 * at build time, so no public-suffix list is needed at run time.
 */
export function lookupHost<T>(map: ReadonlyMap<string, T>, host: string): { domain: string; value: T } | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  let suffix = labels[labels.length - 1] ?? '';
  for (let i = labels.length - 2; i >= 0; i--) {
    suffix = `${labels[i]}.${suffix}`;
    const value = map.get(suffix);
    if (value !== undefined) return { domain: suffix, value };
  }
  return undefined;
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostIsUnder(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === domain || h.endsWith(`.${domain}`);
}
