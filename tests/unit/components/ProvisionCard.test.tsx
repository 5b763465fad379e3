// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProvisionCard } from '../../../components/ProvisionCard';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import type { ProvisionRecord } from '../../../utils/db';
import { SEVERITY_LABEL } from '../../../utils/severity';
import { evidenceOf, linkedinView } from '../../support/data';

const feed = loadBundledFeed();
const { full, platform, ai } = linkedinView(feed.platforms);
// The card shows a user the version of the policy for their region (these tests use the US one).
const usEvidence = evidenceOf(full, ai, 'us');
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

function card(overrides: Partial<Parameters<typeof ProvisionCard>[0]> = {}) {
  const props = {
    platform,
    provision: ai as ProvisionRecord,
    agencies: feed.agencies,
    progress: [],
    region: 'US' as const,
    now: NOW,
    expanded: true,
    onToggle: vi.fn(),
    onSetDone: vi.fn(),
    onCopy: vi.fn(async () => undefined),
    ...overrides,
  };
  act(() => render(<ProvisionCard {...props} />, root));
  return props;
}

describe('ProvisionCard', () => {
  it('is a disclosure: a button with aria-expanded controlling the body', () => {
    const props = card({ expanded: false });
    const button = root.querySelector('button.provision-toggle');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    const body = root.querySelector(`#${button?.getAttribute('aria-controls')}`);
    expect(body?.hasAttribute('hidden')).toBe(true);
    act(() => (button as HTMLButtonElement).click());
    expect(props.onToggle).toHaveBeenCalledOnce();
  });

  it('collapsed, shows the direct links to the setting and Guide me, without the rest of the record', () => {
    const onGuide = vi.fn();
    card({ expanded: false, onGuide });
    const quick = [...root.querySelectorAll('.quick-actions [data-action]')];
    const ids = quick.map((e) => e.getAttribute('data-action'));
    expect(ids).toEqual(
      ai.actions
        .filter((a) => a.kind !== 'learn')
        .map((a) => a.id)
        .slice(0, 2),
    );
    const link = root.querySelector<HTMLAnchorElement>('.quick-actions a.action-link');
    expect(link?.href).toBe('https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement');
    expect(link?.target).toBe('_blank');
    expect(root.querySelector('.quick-actions .guide-button')?.textContent).toBe('Guide me');
    // The body (quote, evidence, citations) is only there once expanded.
    expect(root.querySelector('.quote')).toBeNull();
    expect(root.querySelector('.sha')).toBeNull();
  });

  it('collapsed, marks an unverified link and an action done, and leaves out actions for other regions', () => {
    const [first, second] = ai.actions;
    if (!first || !second) throw new Error('two actions expected');
    const provision = {
      ...ai,
      actions: [
        { ...first, verified: false },
        { ...second, jurisdictions: ['US'] },
      ],
    } as ProvisionRecord;
    const progress = [
      {
        provisionId: ai.id,
        actionId: first.id,
        doneAt: '2026-11-20T09:00:00.000Z',
        feedVersion: 1,
        documentLastUpdated: '',
      },
    ];
    card({ expanded: false, provision, progress, region: 'EU' });
    const quick = [...root.querySelectorAll('.quick-actions [data-action]')];
    expect(quick.map((e) => e.getAttribute('data-action'))).toEqual([first.id]);
    expect(quick[0]?.querySelector('.unverified')?.textContent).toBe('unverified link');
    expect(quick[0]?.querySelector('.quick-done')?.textContent).toBe('✓ done');
    expect(root.querySelector('.done-pill')?.textContent).toBe('done');
  });

  it("a heading per provision below the popup's h1, and one per section below it (no level skipped)", () => {
    card();
    expect(root.querySelector('.provision > h2.provision-heading')).not.toBeNull();
    const levels = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(new Set(levels)).toEqual(new Set([2, 3]));
  });

  it('renders every section of the provision, as text', () => {
    card();
    const text = root.textContent ?? '';
    for (const heading of [
      'What it is',
      'Why it matters',
      'Consumer impact',
      'What you can do',
      'Applicable agencies',
      'Evidence',
      'Cite',
    ]) {
      expect(text).toContain(heading);
    }
    expect(root.querySelector('.quote')?.textContent).toBe(usEvidence.quote);
    expect(root.querySelector('.severity-badge')?.textContent).toContain(SEVERITY_LABEL[ai.severity]);
  });

  it('opens every link in a new tab without opener or referrer, and only to allowed hosts', () => {
    card();
    const links = [...root.querySelectorAll('a')];
    expect(links.length).toBeGreaterThan(4);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
    expect(
      links.some((a) => a.href === 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement'),
    ).toBe(true);
  });

  it('withholds a link whose host is not allowed', () => {
    const evil = { ...ai, actions: [{ ...ai.actions[0], url: 'https://evil.example/settings' }] } as ProvisionRecord;
    card({ provision: evil });
    expect(root.querySelector('a[href="https://evil.example/settings"]')).toBeNull();
    expect(root.textContent).toContain(ai.actions[0]?.label);
  });

  it('shows agencies for the chosen region', () => {
    card({ region: 'UK' });
    const agencies = [...root.querySelectorAll('[data-agency]')].map((e) => e.getAttribute('data-agency'));
    expect(agencies).toEqual(['uk-ico']);
    render(null, root);
    card({ region: 'US' });
    expect([...root.querySelectorAll('[data-agency]')].map((e) => e.getAttribute('data-agency'))).toContain('us-ftc');
  });

  it("shows the platform's agencies, or the provision's own list where it has one", () => {
    expect(ai.agencies).toBeUndefined();
    card({ region: 'US-CA' });
    const listed = () => [...root.querySelectorAll('[data-agency]')].map((e) => e.getAttribute('data-agency'));
    const californian = (platform.agencies ?? [])
      .map((a) => a.agencyId)
      .filter((id) => ['US', 'US-CA'].includes(feed.agencies.find((a) => a.id === id)?.jurisdiction ?? ''));
    expect(californian.length).toBeGreaterThan(1);
    expect(listed()).toEqual(californian);
    render(null, root);
    card({ region: 'UK', provision: { ...ai, agencies: [{ agencyId: 'us-ftc' }] } as ProvisionRecord });
    expect(listed()).toEqual(['us-ftc']);
    expect(root.textContent).toContain('None listed for your region');
  });

  it('says where a walkthrough saw the setting set, and when (what was seen, not more)', () => {
    card({
      progress: [
        {
          provisionId: ai.id,
          actionId: 'ai-improvement-setting',
          doneAt: '2026-11-20T09:00:00.000Z',
          feedVersion: 1,
          documentLastUpdated: '2025-11-03',
          seenOn: 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement',
        },
      ],
    });
    expect(root.querySelector('[data-action="ai-improvement-setting"]')?.textContent).toContain(
      'Seen set on www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement, 2026-11-20',
    );
  });

  it('shows "done on <date>" from progress and reports toggles', () => {
    const props = card({
      progress: [
        {
          provisionId: ai.id,
          actionId: 'ai-improvement-setting',
          doneAt: '2026-11-20T09:00:00.000Z',
          feedVersion: 1,
          documentLastUpdated: '2025-11-03',
        },
      ],
    });
    expect(root.querySelector('[data-action="ai-improvement-setting"]')?.textContent).toContain('Done on 2026-11-20');
    const other = root.querySelector('[data-action="privacy-settings"] input') as HTMLInputElement;
    act(() => other.click());
    expect(props.onSetDone).toHaveBeenCalledWith('privacy-settings', true);
  });

  it('warns when the captured text is stale (over 180 days old), whatever the date we checked it', () => {
    const captured = Date.parse(`${usEvidence.capture.capturedAt}T00:00:00Z`);
    card({ now: new Date(captured + 181 * 86_400_000) });
    expect(root.querySelector('.stale')?.textContent).toBe(
      'Stale: this text was captured 181 days ago. The policy may have changed since.',
    );
    render(null, root);
    card({ now: new Date(captured + 30 * 86_400_000) });
    expect(root.querySelector('.stale')).toBeNull();
    expect(root.querySelector('.evidence')?.textContent).toContain(
      `Policy text as captured on ${usEvidence.capture.capturedAt} (Open Terms Archive)`,
    );
  });

  it('shows the hash short with a copy of the full one', async () => {
    const props = card();
    expect(root.querySelector('.sha')?.textContent).toBe(`${usEvidence.capture.sha256.slice(0, 12)}…`);
    const copy = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Copy full hash');
    await act(async () => copy?.click());
    expect(props.onCopy).toHaveBeenCalledWith(usEvidence.capture.sha256);
    expect(root.querySelector('.evidence [role="status"]')?.textContent).toBe('Copied ✓');
  });
});
