/**
 * The welcome page, once: on a fresh install only. Not on an update of the extension, not on a
 * browser update, not when Firefox reinstalls a temporary add-on that keeps its data ("update").
 */
export const WELCOME_PATH = '/welcome.html';

export interface FirstRunEnv {
  getURL(path: string): string;
  /** Open a tab (tabs.create needs no permission). */
  openTab(url: string): Promise<unknown>;
}

/** runtime.onInstalled: opens the welcome page when `reason` is "install"; says whether it did. */
export async function welcomeOnInstall(env: FirstRunEnv, details: { reason: string }): Promise<boolean> {
  if (details.reason !== 'install') return false;
  await env.openTab(env.getURL(WELCOME_PATH));
  return true;
}
