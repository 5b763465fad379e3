/** Global Privacy Control's rule and page script kept equal to the setting, the data and the grants. */
import { describe, expect, it } from 'vitest';
import {
  GPC_RULE_ID,
  GPC_SCRIPT_ID,
  type GpcEnv,
  type GpcRule,
  type GpcScript,
  gpcRule,
  syncGpc,
} from '../../../utils/background/gpc';

const catalog = {
  summaries: [
    { id: 'linkedin', name: 'LinkedIn', domains: ['linkedin.com', 'lnkd.in'], counts: { high: 1, medium: 0, low: 0 } },
    { id: 'newcomer', name: 'Newcomer', domains: ['newcomer.example'], counts: { high: 1, medium: 0, low: 0 } },
  ],
};

/** A browser that holds the given origins, with its rules and registered scripts in memory. */
function fakeBrowser(granted: readonly string[]) {
  const rules = new Map<number, GpcRule>();
  const scripts = new Map<string, GpcScript>();
  const calls: string[] = [];
  const env: GpcEnv = {
    dnr: {
      getDynamicRules: async () => [...rules.values()],
      async updateDynamicRules({ removeRuleIds = [], addRules = [] }) {
        calls.push('updateDynamicRules');
        for (const id of removeRuleIds) rules.delete(id);
        for (const r of addRules) {
          if (rules.has(r.id)) throw new Error(`rule ${r.id} exists`);
          rules.set(r.id, r);
        }
      },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids } = {}) =>
        [...scripts.values()].filter((s) => !ids || ids.includes(s.id)),
      async registerContentScripts(list) {
        calls.push('register');
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`script ${s.id} exists`);
          scripts.set(s.id, s);
        }
      },
      async unregisterContentScripts({ ids } = {}) {
        calls.push('unregister');
        for (const id of ids ?? []) scripts.delete(id);
      },
    },
    permissions: { contains: async ({ origins }) => origins.every((o) => granted.includes(o)) },
  };
  return { env, rules, scripts, calls };
}

describe('gpcRule', () => {
  it('sets Sec-GPC: 1 on every resource type, navigations included, for the given domains only', () => {
    const rule = gpcRule(['lnkd.in', 'linkedin.com', 'linkedin.com']);
    expect(rule.action).toEqual({
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'Sec-GPC', operation: 'set', value: '1' }],
    });
    expect(rule.condition.requestDomains).toEqual(['linkedin.com', 'lnkd.in']);
    expect(rule.condition.resourceTypes).toContain('main_frame');
    expect(rule.condition.resourceTypes).toContain('xmlhttprequest');
  });
});

describe('syncGpc', () => {
  const linkedinOnly = ['https://*.linkedin.com/*', 'https://*.lnkd.in/*'];

  it('off (the default): no rule and no page script, and nothing is touched', async () => {
    const b = fakeBrowser(linkedinOnly);
    expect(await syncGpc(b.env, false, catalog)).toEqual({ ruleDomains: [], scriptMatches: [] });
    expect(b.rules.size).toBe(0);
    expect(b.scripts.size).toBe(0);
    expect(b.calls).toEqual([]);
  });

  it('on: the header rule names every tracked domain; the MAIN-world script goes only where access is granted', async () => {
    const b = fakeBrowser(linkedinOnly);
    await syncGpc(b.env, true, catalog);
    expect(b.rules.get(GPC_RULE_ID)?.condition.requestDomains).toEqual(['linkedin.com', 'lnkd.in', 'newcomer.example']);
    expect(b.scripts.get(GPC_SCRIPT_ID)).toMatchObject({
      matches: linkedinOnly,
      js: ['gpc.js'],
      world: 'MAIN',
      runAt: 'document_start',
      allFrames: true,
    });
  });

  it('on again (a restart, new data): replaces the rule, leaves an equal registration alone', async () => {
    const b = fakeBrowser(linkedinOnly);
    await syncGpc(b.env, true, catalog);
    b.calls.length = 0;
    await syncGpc(b.env, true, catalog);
    expect(b.calls).toEqual(['updateDynamicRules']);
    expect(b.rules.size).toBe(1);
  });

  it('a new grant re-registers the page script with it', async () => {
    const granted = [...linkedinOnly];
    const b = fakeBrowser(granted);
    await syncGpc(b.env, true, catalog);
    granted.push('https://*.newcomer.example/*');
    await syncGpc(b.env, true, catalog);
    expect(b.scripts.get(GPC_SCRIPT_ID)?.matches).toEqual([...linkedinOnly, 'https://*.newcomer.example/*']);
  });

  it('off after on: the rule and the page script are gone', async () => {
    const b = fakeBrowser(linkedinOnly);
    await syncGpc(b.env, true, catalog);
    await syncGpc(b.env, false, catalog);
    expect(b.rules.size).toBe(0);
    expect(b.scripts.size).toBe(0);
  });

  it('on without any granted site: the rule (inert without access), no page script', async () => {
    const b = fakeBrowser([]);
    expect((await syncGpc(b.env, true, catalog)).scriptMatches).toEqual([]);
    expect(b.rules.size).toBe(1);
    expect(b.scripts.size).toBe(0);
  });
});
