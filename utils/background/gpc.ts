/**
 * Global Privacy Control, only when the user turned it on, only towards the tracked platforms:
 *
 * - `Sec-GPC: 1` on every request to a tracked domain, by one declarativeNetRequest dynamic rule.
 *   With `declarativeNetRequestWithHostAccess` (no install warning) the browser applies it only
 *   where we hold host access, for the request URL and (except for navigations) its initiator: a
 *   tracked platform's page loading its own resources, never a request from an untracked page.
 * - `navigator.globalPrivacyControl === true` in their pages, by a script registered in the page's
 *   own (MAIN) world at document start, on the granted tracked domains only, while GPC is on.
 *
 * Both are kept equal to the setting and the data whenever either changes (and at start-up: the
 * rule and the registration persist, so a crash between the two is repaired on the next start).
 */
import type { Catalog } from '../db';
import { domainPatterns } from '../host-patterns';

/** The id of our one dynamic rule (ids are per extension). */
export const GPC_RULE_ID = 1;
export const GPC_SCRIPT_ID = 'policy-lens-gpc';
/** The MAIN-world script (entrypoints/gpc.ts). */
export const GPC_SCRIPT = 'gpc.js';

/** Every resource type, navigations included (without `main_frame` Chrome leaves the page itself out). */
const RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'other',
] as const;

export interface GpcRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: Array<{ header: string; operation: 'set'; value: string }>;
  };
  condition: { requestDomains: string[]; resourceTypes: Array<(typeof RESOURCE_TYPES)[number]> };
}

/** The rule that sends `Sec-GPC: 1` to these registrable domains and their subdomains. */
export function gpcRule(domains: readonly string[]): GpcRule {
  return {
    id: GPC_RULE_ID,
    priority: 1,
    action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Sec-GPC', operation: 'set', value: '1' }] },
    condition: { requestDomains: [...new Set(domains)].sort(), resourceTypes: [...RESOURCE_TYPES] },
  };
}

export interface GpcScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  allFrames: boolean;
  world: 'MAIN';
  persistAcrossSessions: boolean;
}

export interface GpcEnv {
  dnr: {
    getDynamicRules(): Promise<Array<{ id: number }>>;
    updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: GpcRule[] }): Promise<void>;
  };
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
    registerContentScripts(scripts: GpcScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
}

export interface GpcState {
  /** The domains the header rule names (empty: no rule). */
  ruleDomains: string[];
  /** The patterns the page script is registered on (empty: not registered). */
  scriptMatches: string[];
}

/** Make the rule and the page script match the setting and the tracked domains; returns what is in place. */
export async function syncGpc(env: GpcEnv, on: boolean, catalog: Pick<Catalog, 'summaries'>): Promise<GpcState> {
  const domains = on ? catalog.summaries.flatMap((s) => s.domains) : [];
  const rules = await env.dnr.getDynamicRules();
  const hadRule = rules.some((r) => r.id === GPC_RULE_ID);
  if (domains.length > 0) {
    await env.dnr.updateDynamicRules({ removeRuleIds: hadRule ? [GPC_RULE_ID] : [], addRules: [gpcRule(domains)] });
  } else if (hadRule) {
    await env.dnr.updateDynamicRules({ removeRuleIds: [GPC_RULE_ID] });
  }

  // The page script only where we may run (a platform the user has not granted gets none).
  const candidates = domainPatterns(domains);
  const granted = (
    await Promise.all(candidates.map(async (p) => ((await env.permissions.contains({ origins: [p] })) ? p : null)))
  ).filter((p): p is string => p !== null);
  const [existing] = await env.scripting.getRegisteredContentScripts({ ids: [GPC_SCRIPT_ID] });
  const same = JSON.stringify([...(existing?.matches ?? [])].sort()) === JSON.stringify(granted);
  if (existing && (granted.length === 0 || !same))
    await env.scripting.unregisterContentScripts({ ids: [GPC_SCRIPT_ID] });
  if (granted.length > 0 && !(existing && same)) {
    await env.scripting.registerContentScripts([
      {
        id: GPC_SCRIPT_ID,
        matches: granted,
        js: [GPC_SCRIPT],
        runAt: 'document_start',
        allFrames: true,
        world: 'MAIN',
        persistAcrossSessions: true,
      },
    ]);
  }
  return { ruleDomains: domains.length > 0 ? gpcRule(domains).condition.requestDomains : [], scriptMatches: granted };
}
