// @vitest-environment happy-dom

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/PopupApp';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import type { PopupData } from '../../../utils/messages';
import { DEFAULT_SETTINGS } from '../../../utils/storage';
import { linkedinView } from '../../support/data';

const feed = loadBundledFeed();
const { platform, records } = linkedinView(feed.platforms);
const linkedin = platform;
const NOW = new Date('2026-11-29T12:00:00Z');

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('PopupApp', () => {
  const summaries = [
    { id: 'linkedin', name: 'LinkedIn', domains: linkedin.domains, counts: { high: 3, medium: 1, low: 0 } },
  ];
  const base: PopupData = {
    settings: DEFAULT_SETTINGS,
    match: null,
    view: null,
    plainHttp: false,
    platforms: summaries,
    agencies: feed.agencies,
    progress: [],
    checkup: [],
    dataStatus: null,
    changes: null,
    updates: { configured: false, reason: 'This build has no update feed.', status: null },
    storage: { problem: null, progressKept: true, detail: null },
  };
  const props = {
    region: 'US' as const,
    now: NOW,
    loadPlatform: vi.fn(async () => ({ platform, provisions: records })),
    setDone: vi.fn(async () => []),
    setRegion: vi.fn(),
    copy: vi.fn(async () => undefined),
  };

  it("on a tracked site names the document being read and keeps the background's order", () => {
    const data = {
      ...base,
      match: { platformId: 'linkedin', pageKind: 'policy' as const, documentId: 'privacy-policy' },
      view: { platform, provisions: [...records].reverse() },
    };
    act(() => render(<PopupApp data={data} {...props} />, root));
    expect(root.querySelector('.platform-header')?.textContent).toContain('You are reading: LinkedIn Privacy Policy');
    // The view arrives sorted from the background; the popup keeps its order.
    const ids = [...root.querySelectorAll('[data-provision]')].map((e) => e.getAttribute('data-provision'));
    expect(ids).toEqual([...records].reverse().map((r) => r.id));
  });

  it('on a plain-http page of a tracked platform says why it shows nothing there and names no document', () => {
    const data = { ...base, plainHttp: true, view: { platform, provisions: records } };
    act(() => render(<PopupApp data={data} {...props} />, root));
    expect(root.querySelector('[data-state="plain-http"]')?.textContent).toContain('plain http');
    expect(root.querySelector('[data-state="plain-http"]')?.textContent).toContain('LinkedIn');
    expect(root.querySelector('.platform-header')?.textContent).not.toContain('You are reading');
    expect(root.querySelector('[data-state="not-tracked"]')).toBeNull();
    expect(root.querySelectorAll('[data-provision]')).toHaveLength(records.length);
  });

  it('on an untracked site says so and opens a platform from search', async () => {
    act(() => render(<PopupApp data={base} {...props} />, root));
    expect(root.querySelector('[data-state="not-tracked"]')?.textContent).toContain(
      'This site has no tracked provisions',
    );
    await act(async () => (root.querySelector('[data-platform="linkedin"] button') as HTMLButtonElement).click());
    expect(props.loadPlatform).toHaveBeenCalledWith('linkedin');
    expect(root.querySelector('[data-provision="linkedin.ai-training"]')).not.toBeNull();
  });

  it("on a tracked site draws the other platforms' list only once the user opens it", async () => {
    const data = {
      ...base,
      match: { platformId: 'linkedin', pageKind: 'policy' as const, documentId: 'privacy-policy' },
      view: { platform, provisions: records },
    };
    act(() => render(<PopupApp data={data} {...props} />, root));
    const more = root.querySelector('details.more') as HTMLDetailsElement;
    expect(more.querySelector('summary')?.textContent).toBe('Other platforms');
    expect(more.querySelector('[data-platform]')).toBeNull();
    await act(async () => {
      more.open = true;
      more.dispatchEvent(new Event('toggle'));
    });
    expect(more.querySelector('[data-platform="linkedin"]')).not.toBeNull();
  });
});
