/** The browser's scheduling primitives as a `Scheduler` (utils/content/env.ts). */
import type { Scheduler } from './env';

interface SchedulingGlobals {
  scheduler?: { yield?: () => Promise<void> };
  requestIdleCallback(fn: () => void, options: { timeout: number }): number;
  cancelIdleCallback(handle: number): void;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export function browserScheduler(g: SchedulingGlobals = globalThis as unknown as SchedulingGlobals): Scheduler {
  const later = (fn: () => void, ms: number) => {
    const handle = g.setTimeout(fn, ms);
    return () => g.clearTimeout(handle);
  };
  return {
    // scheduler.yield (Chromium 129+) resumes ahead of other queued tasks; a timeout is the fallback.
    yield: () => (g.scheduler?.yield ? g.scheduler.yield() : new Promise<void>((resolve) => later(resolve, 0))),
    // (Chromium and Firefox both have requestIdleCallback.)
    idle(fn, timeoutMs) {
      const handle = g.requestIdleCallback(fn, { timeout: timeoutMs });
      return () => g.cancelIdleCallback(handle);
    },
    later,
  };
}
