/**
 * Our content scripts' lifetime, with nothing a page can see or send.
 *
 * WXT's ContentScriptContext finds an older copy of the same script by dispatching
 * `<extension id>:<entry>:wxt:content-script-started` on `document`, and stops itself when it
 * receives that event with another `messageId`. The DOM is shared with the page: any page on a
 * tracked host sees the event (and our extension id in its name), and by dispatching it itself it
 * switches our script off. We do not use it: our scripts are WXT unlisted scripts (no context is
 * created), and each keeps its instance in a property of its isolated world's global object,
 * which page scripts cannot reach. A copy injected again into the same document finds the running
 * one there and hands over to it (or replaces it when that one belongs to an extension instance
 * that was reloaded or updated: its runtime id is gone).
 */

export interface Lifetime {
  readonly signal: AbortSignal;
  /** False once stopped, or once the extension behind this script is gone (updated, reloaded, removed). */
  valid(): boolean;
  /** `ContentScriptContext`'s name for it, so that utils/shadow-host.ts takes either. */
  onInvalidated(listener: () => void): void;
  stop(): void;
}

export interface Instance {
  lifetime: Lifetime;
  /** Another copy of the script was injected into this document while this one runs. */
  injectedAgain(): void;
}

/** How often a running script checks that its extension is still there (ms; a property read). */
const ORPHAN_CHECK_MS = 2_000;

/**
 * The running instance of script `name` in this document (this isolated world), or a new one.
 * `runtime` is the extension runtime as this copy sees it. `start` runs for a new instance only.
 */
export function claimInstance(
  world: Record<string, unknown>,
  name: string,
  runtime: { readonly id?: string },
  start: (lifetime: Lifetime) => Omit<Instance, 'lifetime'>,
): { instance: Instance; fresh: boolean } {
  const key = `policyLens:${name}`;
  const existing = world[key] as Instance | undefined;
  if (existing?.lifetime.valid()) {
    existing.injectedAgain();
    return { instance: existing, fresh: false };
  }
  existing?.lifetime.stop();
  const controller = new AbortController();
  const { signal } = controller;
  const lifetime: Lifetime = {
    signal,
    valid: () => {
      // An orphaned script (its extension reloaded or updated) sees no runtime id any more
      // (Firefox: reading it throws, the object being dead).
      try {
        if (!runtime.id) controller.abort();
      } catch {
        controller.abort();
      }
      return !signal.aborted;
    },
    onInvalidated: (listener) => signal.addEventListener('abort', listener, { once: true }),
    stop: () => controller.abort(),
  };
  const timer = setInterval(lifetime.valid, ORPHAN_CHECK_MS);
  const instance: Instance = { lifetime, injectedAgain: () => undefined };
  signal.addEventListener('abort', () => {
    clearInterval(timer);
    if (world[key] === instance) delete world[key];
  });
  world[key] = instance;
  Object.assign(instance, start(lifetime));
  return { instance, fresh: true };
}
