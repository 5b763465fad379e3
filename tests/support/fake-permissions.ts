/**
 * A fake `browser.permissions` holding a set of granted match patterns. `contains` follows the
 * browsers' rule that a requested pattern is granted when some granted pattern covers it
 * (scheme `*` covers http and https, host `*.d` covers d and its subdomains), so tests can
 * grant the manifest's `*://*.d/*` and ask for `https://*.d/*` as the extension does.
 */
import type { PermissionsApi } from '../../utils/site-access';

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/;

function covers(granted: string, wanted: string): boolean {
  const g = PATTERN.exec(granted);
  const w = PATTERN.exec(wanted);
  if (!g || !w) return granted === wanted;
  const [, gs, gh = '', gp] = g;
  const [, ws, wh = '', wp] = w;
  const schemeOk = gs === '*' || gs === ws;
  const base = gh.startsWith('*.') ? gh.slice(2) : null;
  const whBase = wh.startsWith('*.') ? wh.slice(2) : wh;
  const hostOk = gh === '*' || gh === wh || (base !== null && (whBase === base || whBase.endsWith(`.${base}`)));
  return schemeOk && hostOk && (gp === '/*' || gp === wp);
}

export class FakePermissions implements PermissionsApi {
  readonly granted = new Set<string>();
  /** What the user answers to the next prompts. */
  answer = true;
  readonly requests: string[][] = [];

  constructor(granted: Iterable<string> = []) {
    for (const g of granted) this.granted.add(g);
  }

  async contains({ origins }: { origins: string[] }): Promise<boolean> {
    return origins.every((o) => [...this.granted].some((g) => covers(g, o)));
  }

  request({ origins }: { origins: string[] }): Promise<boolean> {
    this.requests.push(origins);
    if (this.answer) for (const o of origins) this.granted.add(o);
    return Promise.resolve(this.answer);
  }
}
