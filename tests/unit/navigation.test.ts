// @vitest-environment happy-dom
/**
 * Following in-app navigation: pushState and replaceState (seen through the Navigation API, or by
 * reading the URL where there is none), back and forward, fragment changes; fake events the page
 * dispatches make us read the URL again and report nothing when it did not change.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNavigation } from '../../utils/navigation';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  history.replaceState({}, '', '/');
});

function watch(view: Parameters<typeof watchNavigation>[0] = window) {
  const seen: string[] = [];
  const controller = new AbortController();
  controllers.push(controller);
  watchNavigation(view, (url) => seen.push(url), controller.signal);
  return { seen, controller };
}

describe('watchNavigation', () => {
  it('without a Navigation API, reads the URL now and then: pushState and replaceState are seen', async () => {
    const { seen } = watch();
    history.pushState({}, '', '/mypreferences/d/settings/data-for-ai-improvement');
    await vi.waitFor(
      () => expect(seen).toEqual([`${location.origin}/mypreferences/d/settings/data-for-ai-improvement`]),
      {
        timeout: 2_000,
      },
    );
    history.replaceState({}, '', '/psettings/privacy');
    await vi.waitFor(() => expect(seen.at(-1)).toBe(`${location.origin}/psettings/privacy`), { timeout: 2_000 });
  });

  it('with a Navigation API, follows its currententrychange; a fake event with no change reports nothing', async () => {
    const navigation = new EventTarget();
    const view = {
      location: window.location,
      addEventListener: window.addEventListener.bind(window),
      setInterval: window.setInterval.bind(window),
      clearInterval: window.clearInterval.bind(window),
      setTimeout: window.setTimeout.bind(window),
      navigation,
    } as unknown as Parameters<typeof watchNavigation>[0];
    const { seen } = watch(view);
    navigation.dispatchEvent(new Event('currententrychange'));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    history.pushState({}, '', '/next');
    navigation.dispatchEvent(new Event('currententrychange'));
    await vi.waitFor(() => expect(seen).toEqual([`${location.origin}/next`]));
  });

  it('follows fragment changes and back/forward (hashchange, popstate); stops on abort', async () => {
    const { seen, controller } = watch();
    location.hash = '#settings/DataControls';
    await vi.waitFor(() => expect(seen.at(-1)).toMatch(/#settings\/DataControls$/));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
    controller.abort();
    location.hash = '#other';
    await new Promise((r) => setTimeout(r, 700));
    expect(seen).toHaveLength(1);
  });
});
