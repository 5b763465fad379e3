import { describe, expect, it } from 'vitest';
import {
  DYNAMIC_SCRIPT_ID,
  type DynamicScriptsEnv,
  feedOnlyPatterns,
  type RegisteredScript,
  syncDynamicScripts,
} from '../../../utils/background/dynamic-scripts';

const summaries = (domains: string[][]) =>
  domains.map((d, i) => ({ id: `p${i}`, name: `P${i}`, domains: d, counts: { high: 0, medium: 0, low: 0 } }));
const MANIFEST = ['https://*.linkedin.com/*', 'https://*.lnkd.in/*'];

function fakeEnv(granted: string[]) {
  let registered: RegisteredScript[] = [];
  const calls: string[] = [];
  const env: DynamicScriptsEnv = {
    manifestMatches: MANIFEST,
    permissions: { contains: async ({ origins = [] }) => origins.every((o) => granted.includes(o)) },
    scripting: {
      getRegisteredContentScripts: async ({ ids } = {}) => registered.filter((s) => !ids || ids.includes(s.id)),
      registerContentScripts: async (scripts) => {
        calls.push('register');
        registered = [...registered, ...scripts];
      },
      updateContentScripts: async (scripts) => {
        calls.push('update');
        registered = registered.map((s) => ({ ...s, ...scripts.find((u) => u.id === s.id) }));
      },
      unregisterContentScripts: async ({ ids } = {}) => {
        calls.push('unregister');
        registered = registered.filter((s) => ids && !ids.includes(s.id));
      },
    },
  };
  return { env, calls, registered: () => registered, grant: (o: string) => granted.push(o) };
}

describe('feedOnlyPatterns', () => {
  it('lists the tracked domains the manifest does not cover', () => {
    expect(
      feedOnlyPatterns({ summaries: summaries([['linkedin.com', 'lnkd.in'], ['newsite.example']]) }, MANIFEST),
    ).toEqual(['https://*.newsite.example/*']);
  });
});

describe('syncDynamicScripts', () => {
  const catalog = { summaries: summaries([['linkedin.com'], ['newsite.example', 'new.example']]) };

  it('registers nothing before the user grants a new platform’s site', async () => {
    const f = fakeEnv([]);
    expect(await syncDynamicScripts(f.env, catalog)).toEqual([]);
    expect(f.calls).toEqual([]);
  });

  it('registers the content script on the granted sites only, updates it on a new grant, and removes it when none is left', async () => {
    const f = fakeEnv(['https://*.newsite.example/*']);
    expect(await syncDynamicScripts(f.env, catalog)).toEqual(['https://*.newsite.example/*']);
    expect(f.registered()).toEqual([
      expect.objectContaining({
        id: DYNAMIC_SCRIPT_ID,
        matches: ['https://*.newsite.example/*'],
        js: ['platform.js'],
        persistAcrossSessions: true,
      }),
    ]);
    await syncDynamicScripts(f.env, catalog);
    expect(f.calls).toEqual(['register']); // nothing to change
    f.grant('https://*.new.example/*');
    await syncDynamicScripts(f.env, catalog);
    expect(f.registered()[0]?.matches).toEqual(['https://*.new.example/*', 'https://*.newsite.example/*']);
    await syncDynamicScripts(f.env, { summaries: summaries([['linkedin.com']]) });
    expect(f.calls).toEqual(['register', 'update', 'unregister']);
    expect(f.registered()).toEqual([]);
  });
});
