// @vitest-environment happy-dom
/**
 * The visibility check for effectful clicks in our page UI: the style checks up the host's
 * ancestors (what page CSS can do to fade, hide, clip or shrink us), and IntersectionObserver v2's
 * answer where the browser has it (a fake here; real Chromium in tests/e2e/walkthrough.e2e.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stylesAllowClick, watchVisibility } from '../../utils/visibility';

/** happy-dom does no layout: give our card a box. */
function sized(element: Element, width = 300, height = 120): Element {
  vi.spyOn(element, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ x: 10, y: 10, width, height }));
  return element;
}

/** Our UI as mounted: a host on the page with a shadow root holding the card. */
function mountCard(parent: Element = document.body): { host: HTMLElement; card: Element } {
  const host = document.createElement('policy-lens-walkthrough');
  parent.append(host);
  const root = host.attachShadow({ mode: 'closed' });
  const card = document.createElement('div');
  root.append(card);
  return { host, card: sized(card) };
}

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
  vi.restoreAllMocks();
});

describe('stylesAllowClick', () => {
  it('passes our card as drawn', () => {
    const { card } = mountCard();
    expect(stylesAllowClick(card, window)).toBe(true);
  });

  it.each([
    ['opacity: 0.05', 'nearly transparent'],
    ['opacity: 0.5', 'half transparent'],
    ['visibility: hidden', 'hidden'],
    ['display: none', 'not displayed'],
    ['filter: opacity(0.1)', 'filtered'],
    ['clip-path: inset(50%)', 'clipped'],
    ['transform: scale(0.01)', 'shrunk'],
    ['mix-blend-mode: multiply', 'blended'],
  ])('refuses when page CSS on an ancestor makes it %s (%s)', (css) => {
    const wrapper = document.createElement('div');
    wrapper.setAttribute('style', css);
    document.body.append(wrapper);
    const { card } = mountCard(wrapper);
    expect(stylesAllowClick(card, window)).toBe(false);
  });

  it('accepts a transform that only moves it', () => {
    const wrapper = document.createElement('div');
    wrapper.setAttribute('style', 'transform: translate(10px, 20px)');
    document.body.append(wrapper);
    const { card } = mountCard(wrapper);
    expect(stylesAllowClick(card, window)).toBe(true);
  });

  it('refuses a card too small to read, or not in the page', () => {
    const { card } = mountCard();
    sized(card, 4, 4);
    expect(stylesAllowClick(card, window)).toBe(false);
    const detached = sized(document.createElement('div'));
    expect(stylesAllowClick(detached, window)).toBe(false);
  });
});

describe('watchVisibility', () => {
  type Callback = (entries: Array<{ isVisible: boolean }>) => void;
  function fakeObserverV2() {
    const instances: Array<{ callback: Callback; options: unknown; observed: Element[] }> = [];
    class Observer {
      observed: Element[] = [];
      constructor(
        public callback: Callback,
        public options: unknown,
      ) {
        instances.push(this);
      }
      observe(target: Element) {
        this.observed.push(target);
      }
      disconnect() {}
    }
    class Entry {}
    Object.defineProperty(Entry.prototype, 'isVisible', { get: () => true });
    return {
      instances,
      view: Object.assign(Object.create(window), { IntersectionObserver: Observer, IntersectionObserverEntry: Entry }),
    };
  }

  it('asks the browser to track visibility, and counts a click only once a sample said visible', () => {
    const { card } = mountCard();
    const { instances, view } = fakeObserverV2();
    const check = watchVisibility(card, view);
    expect(instances[0]?.options).toMatchObject({ trackVisibility: true, delay: 100 });
    expect(instances[0]?.observed).toEqual([card]);
    expect(check.visible()).toBe(false); // no sample yet
    instances[0]?.callback([{ isVisible: true }]);
    expect(check.visible()).toBe(true);
    // Covered by the page's decoy: the browser says so.
    instances[0]?.callback([{ isVisible: false }]);
    expect(check.visible()).toBe(false);
  });

  it('without IntersectionObserver v2 (Firefox), the style checks decide alone', () => {
    const { card } = mountCard();
    const view = Object.assign(Object.create(window), { IntersectionObserverEntry: class {} });
    expect(watchVisibility(card, view).visible()).toBe(true);
    document.documentElement.setAttribute('style', 'opacity: 0.2');
    expect(watchVisibility(card, view).visible()).toBe(false);
  });
});
