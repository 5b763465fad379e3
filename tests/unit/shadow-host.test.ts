// @vitest-environment happy-dom
/**
 * Mounting our UI: what the mount does on its own before anyone clicks. (Closed roots and putting
 * the host back after a page removed it are seen in real Chromium: tests/e2e/content.e2e.ts and
 * tests/e2e/hostile.e2e.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountShadow } from '../../utils/shadow-host';

/** An IntersectionObserver v2 double that records what it was asked to watch. */
function stubObserverV2(): Element[] {
  const observed: Element[] = [];
  class Observer {
    observe(target: Element) {
      observed.push(target);
    }
    disconnect() {}
  }
  class Entry {}
  Object.defineProperty(Entry.prototype, 'isVisible', { get: () => true });
  vi.stubGlobal('IntersectionObserver', Observer);
  vi.stubGlobal('IntersectionObserverEntry', Entry);
  return observed;
}

/** MutationObserver callbacks have run once a task has passed. */
const aTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  for (const e of document.querySelectorAll('policy-lens-test')) e.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('mountShadow', () => {
  it('starts watching what is drawn without reading the page’s layout or styles; a click’s check reads them', async () => {
    const observed = stubObserverV2();
    const mounted = mountShadow({ onInvalidated: () => undefined }, 'policy-lens-test', '', 'en');
    const styles = vi.spyOn(window, 'getComputedStyle');
    const boxes = vi.spyOn(Element.prototype, 'getBoundingClientRect');
    const banner = document.createElement('section');
    mounted.container.append(banner);
    await aTask();
    // Our code ran and decided: what was drawn is being watched by the browser's visibility samples.
    expect(observed).toEqual([banner]);
    // …and nothing forced a style recalculation or a layout in the task that drew it.
    expect(styles).not.toHaveBeenCalled();
    expect(boxes).not.toHaveBeenCalled();
    // The check an effectful click makes does read them (happy-dom gives no box: not visible).
    expect(mounted.visible()).toBe(false);
    expect(boxes).toHaveBeenCalled();
    mounted.remove();
  });

  it('watches the new element when what is drawn is replaced', async () => {
    const observed = stubObserverV2();
    const mounted = mountShadow({ onInvalidated: () => undefined }, 'policy-lens-test', '', 'en');
    const first = document.createElement('section');
    mounted.container.append(first);
    await aTask();
    const second = document.createElement('section');
    first.replaceWith(second);
    await aTask();
    expect(observed).toEqual([first, second]);
    mounted.remove();
  });
});
