/**
 * In-page help for platforms that arrived with a feed update, without a release: the manifest's
 * content script covers the bundled platforms' domains; for any other tracked domain the user has
 * granted (optional host permission, asked for in the popup), the same script is registered at run
 * time. Registered scripts persist across sessions; this keeps them equal to "granted ∩ tracked,
 * outside the manifest" whenever the data or the grants change. (fregante's
 * webext-dynamic-content-scripts does this for every granted origin and every manifest script;
 * ours is one script and only the tracked domains, in about thirty lines.)
 */
import type { Catalog } from '../db';
import { domainPatterns } from '../host-patterns';

export const DYNAMIC_SCRIPT_ID = 'policy-lens-feed-platforms';
/** The content script every tracked page gets (entrypoints/platform), and the highlight style with it. */
export const PLATFORM_SCRIPT = 'platform.js';
export const PLATFORM_CSS = 'highlight.css';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

/** The part of `browser.scripting` and `browser.permissions` used here. */
export interface DynamicScriptsEnv {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };
  permissions: { contains(permissions: { origins?: string[]; permissions?: string[] }): Promise<boolean> };
  /** The manifest content script's matches (the bundled platforms). */
  manifestMatches: readonly string[];
}

/** The match patterns of tracked domains the manifest does not cover. */
export function feedOnlyPatterns(catalog: Pick<Catalog, 'summaries'>, manifestMatches: readonly string[]): string[] {
  const known = new Set(manifestMatches);
  return domainPatterns(catalog.summaries.flatMap((s) => s.domains)).filter((p) => !known.has(p));
}

/** Make the registered script match exactly the granted feed-only patterns; returns them. */
export async function syncDynamicScripts(
  env: DynamicScriptsEnv,
  catalog: Pick<Catalog, 'summaries'>,
): Promise<string[]> {
  const candidates = feedOnlyPatterns(catalog, env.manifestMatches);
  const granted = (
    await Promise.all(candidates.map(async (p) => ((await env.permissions.contains({ origins: [p] })) ? p : null)))
  ).filter((p): p is string => p !== null);
  const [existing] = await env.scripting.getRegisteredContentScripts({ ids: [DYNAMIC_SCRIPT_ID] });
  if (granted.length === 0) {
    if (existing) await env.scripting.unregisterContentScripts({ ids: [DYNAMIC_SCRIPT_ID] });
    return granted;
  }
  const script: RegisteredScript = {
    id: DYNAMIC_SCRIPT_ID,
    matches: granted,
    js: [PLATFORM_SCRIPT],
    css: [PLATFORM_CSS],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
  if (!existing) await env.scripting.registerContentScripts([script]);
  else if (JSON.stringify([...(existing.matches ?? [])].sort()) !== JSON.stringify(granted)) {
    await env.scripting.updateContentScripts([{ id: DYNAMIC_SCRIPT_ID, matches: granted }]);
  }
  return granted;
}
