/**
 * Host → value lookups by probing the host's parent domains against a map keyed by the
 * dataset's registrable domains. A host belongs to a domain only when it equals it or
 * ends with "." + it, so look-alikes (`linkedin.com.evil.example`, `notlinkedin.com`)
 * never match. The dataset's domains are checked to be registrable (eTLD+1, with tldts)
 * at build time, so no public-suffix list is needed at run time.
 */
export function lookupHost<T>(map: ReadonlyMap<string, T>, host: string): { domain: string; value: T } | undefined {
  let h = host.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  // Parent domains from the shortest (eTLD+1 candidates) up, by walking dots from the right.
  let dot = h.lastIndexOf('.');
  while (dot > 0) {
    dot = h.lastIndexOf('.', dot - 1);
    const suffix = dot < 0 ? h : h.slice(dot + 1);
    const value = map.get(suffix);
    if (value !== undefined) return { domain: suffix, value };
  }
  return undefined;
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostIsUnder(host: string, domain: string): boolean {
  let h = host.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h === domain || h.endsWith(`.${domain}`);
}
