/**
 * The injected UI and the content script meet in the isolated world: the background's answer and
 * its injected script arrive in either order (a scope object stands for that world here; the real
 * one is seen in tests/e2e/marks.e2e.ts and content.e2e.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { PageUi, PageUiFactory } from '../../../utils/content/ui-hook';
import { injectedPageUi, offerPageUi, PAGE_UI_WAITER, pageUiWhenInjected } from '../../../utils/content/ui-hook';

const factory: PageUiFactory = () => ({ banner: () => null, chip: () => null }) satisfies PageUi;

/** Timers by hand: `fire()` runs the ones set so far. */
function manualLater() {
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const later = (fn: () => void, ms: number) => {
    const timer = { fn, ms, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const fire = () => {
    for (const t of timers) if (!t.cancelled) t.fn();
  };
  return { later, fire, timers };
}

describe('the injected UI and the content script', () => {
  it('the script ran before the answer came: the factory is there at once', async () => {
    const scope = {};
    offerPageUi(factory, scope);
    const { later, timers } = manualLater();
    expect(await pageUiWhenInjected(later, 10_000, scope)).toBe(factory);
    expect(timers).toEqual([]);
    expect(injectedPageUi(scope)).toBe(factory);
  });

  it('the answer came first: the content script waits, and the script hands the factory over when it runs', async () => {
    const scope: Record<string, unknown> = {};
    const { later, timers } = manualLater();
    const waiting = pageUiWhenInjected(later, 10_000, scope);
    expect(typeof scope[PAGE_UI_WAITER]).toBe('function');
    offerPageUi(factory, scope);
    expect(await waiting).toBe(factory);
    // Done with: no waiter left behind, the timeout cancelled.
    expect(scope[PAGE_UI_WAITER]).toBeUndefined();
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([[10_000, true]]);
  });

  it('gives up when the script never runs (a failed injection), and a late script still leaves its factory', async () => {
    const scope: Record<string, unknown> = {};
    const { later, fire } = manualLater();
    const waiting = pageUiWhenInjected(later, 10_000, scope);
    fire();
    expect(await waiting).toBeUndefined();
    expect(scope[PAGE_UI_WAITER]).toBeUndefined();
    offerPageUi(factory, scope);
    expect(injectedPageUi(scope)).toBe(factory);
  });

  it('a newer wait (the page moved on) takes over: the older one gives up, the newer gets the factory', async () => {
    const scope = {};
    const { later } = manualLater();
    const older = pageUiWhenInjected(later, 10_000, scope);
    const newer = pageUiWhenInjected(later, 10_000, scope);
    expect(await older).toBeUndefined();
    const taken = vi.fn();
    void newer.then(taken);
    offerPageUi(factory, scope);
    await vi.waitFor(() => expect(taken).toHaveBeenCalledWith(factory));
  });
});
