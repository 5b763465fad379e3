/**
 * Our content scripts' lifetime: one instance per document (isolated world), a copy injected again
 * hands over to it, an orphaned one (its extension reloaded) is replaced and stops, and nothing is
 * dispatched on the document for the page to see or forge.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimInstance } from '../../utils/lifecycle';

afterEach(() => {
  vi.useRealTimers();
});

describe('claimInstance', () => {
  it('starts one instance per world; a copy injected again hands over to it', () => {
    const world: Record<string, unknown> = {};
    const runtime = { id: 'ext' };
    const start = vi.fn(() => ({ injectedAgain: vi.fn() }));
    const first = claimInstance(world, 'walkthrough', runtime, start);
    expect(first.fresh).toBe(true);
    const again = claimInstance(world, 'walkthrough', runtime, start);
    expect(again.fresh).toBe(false);
    expect(again.instance).toBe(first.instance);
    expect(start).toHaveBeenCalledTimes(1);
    expect(first.instance.injectedAgain).toHaveBeenCalledTimes(1);
    // Another script has its own slot.
    expect(claimInstance(world, 'platform', runtime, start).fresh).toBe(true);
  });

  it('replaces an instance whose extension is gone (runtime id undefined), which stops', () => {
    const world: Record<string, unknown> = {};
    const old = { id: 'ext' as string | undefined };
    const first = claimInstance(world, 'walkthrough', old, () => ({ injectedAgain: () => undefined }));
    const stopped = vi.fn();
    first.instance.lifetime.onInvalidated(stopped);
    old.id = undefined;
    const second = claimInstance(world, 'walkthrough', { id: 'ext' }, () => ({ injectedAgain: () => undefined }));
    expect(second.fresh).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(first.instance.lifetime.signal.aborted).toBe(true);
    expect(second.instance.lifetime.valid()).toBe(true);
  });

  it('notices by itself, within seconds, that its extension is gone', () => {
    vi.useFakeTimers();
    const runtime = { id: 'ext' as string | undefined };
    const { instance } = claimInstance({}, 'walkthrough', runtime, () => ({ injectedAgain: () => undefined }));
    const stopped = vi.fn();
    instance.lifetime.onInvalidated(stopped);
    vi.advanceTimersByTime(5_000);
    expect(stopped).not.toHaveBeenCalled();
    runtime.id = undefined;
    vi.advanceTimersByTime(5_000);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('frees its slot when stopped, so that the next copy starts afresh', () => {
    const world: Record<string, unknown> = {};
    const runtime = { id: 'ext' };
    const { instance } = claimInstance(world, 'walkthrough', runtime, () => ({ injectedAgain: () => undefined }));
    instance.lifetime.stop();
    expect(Object.keys(world)).toEqual([]);
    expect(claimInstance(world, 'walkthrough', runtime, () => ({ injectedAgain: () => undefined })).fresh).toBe(true);
  });
});
