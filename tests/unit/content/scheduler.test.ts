import { describe, expect, it, vi } from 'vitest';
import { browserScheduler } from '../../../utils/content/scheduler';

function globals(withYield: boolean) {
  const g = {
    scheduler: withYield ? { yield: vi.fn(async () => undefined) } : undefined,
    requestIdleCallback: vi.fn((_fn: () => void, _o: { timeout: number }) => 7),
    cancelIdleCallback: vi.fn(),
    setTimeout: vi.fn((fn: () => void, _ms: number) => {
      fn();
      return 3;
    }),
    clearTimeout: vi.fn(),
  };
  return g;
}

describe('browserScheduler', () => {
  it('yields with scheduler.yield where there is one, else with a zero timeout', async () => {
    const withYield = globals(true);
    await browserScheduler(withYield).yield();
    expect(withYield.scheduler?.yield).toHaveBeenCalledOnce();
    expect(withYield.setTimeout).not.toHaveBeenCalled();
    const without = globals(false);
    await browserScheduler(without).yield();
    expect(without.setTimeout).toHaveBeenCalledWith(expect.any(Function), 0);
  });

  it('runs idle work with a deadline, and each cancel function cancels its own handle', () => {
    const g = globals(false);
    const s = browserScheduler(g);
    const fn = () => undefined;
    s.idle(fn, 2000)();
    expect(g.requestIdleCallback).toHaveBeenCalledWith(fn, { timeout: 2000 });
    expect(g.cancelIdleCallback).toHaveBeenCalledWith(7);
    s.later(fn, 250)();
    expect(g.clearTimeout).toHaveBeenCalledWith(3);
  });
});
