// @vitest-environment happy-dom

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '../../../components/OptionsApp';
import { PopupApp } from '../../../components/PopupApp';
import { SiteAccessNotice } from '../../../components/SiteAccessNotice';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import type { PlatformSummary, PopupData } from '../../../utils/messages';
import { requestAccess } from '../../../utils/site-access';
import { DEFAULT_SETTINGS } from '../../../utils/storage';
import { FakePermissions } from '../../support/fake-permissions';

const feed = loadBundledFeed();
const summaries: PlatformSummary[] = feed.platforms.map(({ id, name, domains }) => ({
  id,
  name,
  domains,
  counts: { high: 0, medium: 0, low: 0 },
}));
const summary = (id: string) => summaries.find((p) => p.id === id) as PlatformSummary;
const linkedin = summary('linkedin');
const reddit = summary('reddit');

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const allowButton = (id: string) =>
  root.querySelector<HTMLButtonElement>(`[data-site-access-platform="${id}"] button.site-access-allow`);

describe('SiteAccessNotice', () => {
  it('renders nothing when every platform is readable', () => {
    act(() => render(<SiteAccessNotice mode="tab" platforms={[]} onAllow={vi.fn()} />, root));
    expect(root.innerHTML).toBe('');
  });

  it("names the platform's domains on the button and asks inside the click, then says it is allowed", async () => {
    const fake = new FakePermissions();
    act(() =>
      render(<SiteAccessNotice mode="tab" platforms={[linkedin]} onAllow={(p) => requestAccess(fake, p)} />, root),
    );
    expect(root.textContent).toContain("Policy Lens can't read this site yet");
    expect(allowButton('linkedin')?.textContent).toBe('Allow on linkedin.com and lnkd.in');
    allowButton('linkedin')?.click();
    // Still inside the click (no microtask has run): the browser has been asked.
    expect(fake.requests).toHaveLength(1);
    await act(async () => undefined);
    expect(fake.requests).toEqual([['https://*.linkedin.com/*', 'https://*.lnkd.in/*']]);
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Allowed.');
    expect(allowButton('linkedin')).toBeNull();
  });

  it('says so when the user refuses, and keeps the button to ask again', async () => {
    act(() => render(<SiteAccessNotice mode="list" platforms={[reddit]} onAllow={async () => false} />, root));
    expect(allowButton('reddit')?.textContent).toBe('Allow on reddit.com, redditinc.com and reddithelp.com');
    await act(async () => allowButton('reddit')?.click());
    expect(root.textContent).toContain('Not allowed.');
    expect(allowButton('reddit')?.disabled).toBe(false);
  });

  it('shows the error when the browser rejects the request', async () => {
    const onAllow = async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    };
    act(() => render(<SiteAccessNotice mode="list" platforms={[reddit]} onAllow={onAllow} />, root));
    await act(async () => allowButton('reddit')?.click());
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('may only be called from a user input handler');
  });
});

describe('the settings page lists what the extension holds', () => {
  const props = {
    region: 'US' as const,
    dataStatus: null,
    platforms: summaries,
    progress: [],
    views: [],
    settings: DEFAULT_SETTINGS,
    onSettings: vi.fn(async () => DEFAULT_SETTINGS),
    undo: vi.fn(async () => []),
    onExportProgress: vi.fn(),
    onImportProgress: vi.fn(),
    onResetProgress: vi.fn(async () => []),
    checkupHref: 'checkup.html',
    onDownloadCheckup: vi.fn(async () => {}),
    updates: { configured: false, reason: 'This build has no update feed.', status: null },
    storage: { problem: null, progressKept: true, detail: null },
    onUpdateNow: vi.fn(),
    onAlerts: vi.fn(),
  };

  it('by platform, in plain words, with Allow for the ones it cannot read', async () => {
    const onAllowSite = vi.fn(async () => true);
    const origins = ['*://*.linkedin.com/*', '*://*.lnkd.in/*', '*://*.reddit.com/*'];
    act(() =>
      render(
        <OptionsApp
          {...props}
          permissions={{ permissions: ['storage', 'activeTab'], origins, missing: [reddit] }}
          onAllowSite={onAllowSite}
        />,
        root,
      ),
    );
    const held = root.querySelector('[data-site-access="held"]')?.textContent ?? '';
    expect(held).toContain('LinkedIn: linkedin.com and lnkd.in');
    expect(held).toContain('Reddit: reddit.com (not redditinc.com and reddithelp.com)');
    expect(held).not.toContain('YouTube');
    expect(root.querySelector('[data-section="permissions"]')?.textContent).not.toContain('scripting');
    await act(async () => allowButton('reddit')?.click());
    expect(onAllowSite).toHaveBeenCalledWith(reddit);
  });

  it('says when it can read no site at all', () => {
    act(() =>
      render(
        <OptionsApp
          {...props}
          permissions={{ permissions: ['storage'], origins: [], missing: summaries }}
          onAllowSite={vi.fn()}
        />,
        root,
      ),
    );
    expect(root.querySelector('[data-site-access="held"]')?.textContent).toBe("It can read no site's pages right now.");
    expect(root.querySelectorAll('button.site-access-allow')).toHaveLength(summaries.length);
  });
});

describe('the popup on a platform it cannot read', () => {
  const data: PopupData = {
    settings: DEFAULT_SETTINGS,
    match: { platformId: 'linkedin', pageKind: 'other' as const },
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
    data,
    region: 'US' as const,
    now: new Date('2026-11-29T12:00:00Z'),
    loadPlatform: vi.fn(async () => null),
    setDone: vi.fn(async () => []),
    setRegion: vi.fn(),
    copy: vi.fn(async () => undefined),
  };

  it('offers Allow at the top', () => {
    act(() => render(<PopupApp {...props} siteAccess={{ platforms: [linkedin], onAllow: vi.fn() }} />, root));
    expect(root.querySelector('[data-site-access="tab"]')?.textContent).toContain('Allow on linkedin.com and lnkd.in');
  });

  it('shows no notice where it has access', () => {
    act(() => render(<PopupApp {...props} siteAccess={{ platforms: [], onAllow: vi.fn() }} />, root));
    expect(root.querySelector('.popup-header')).not.toBeNull();
    expect(root.querySelector('[data-site-access]')).toBeNull();
  });
});
