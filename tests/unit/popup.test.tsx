// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchPlatforms } from '../../components/PlatformSearch';
import { PopupApp } from '../../components/PopupApp';
import { ProvisionCard } from '../../components/ProvisionCard';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { apaCitation, bibtexCitation, plainCitation } from '../../utils/citation';
import type { PlatformRecord, ProvisionRecord } from '../../utils/db';
import type { PopupData } from '../../utils/messages';
import { appliesTo, guessRegion } from '../../utils/region';
import { sortProvisions } from '../../utils/service';
import { SEVERITY_LABEL } from '../../utils/severity';
import { textFragment, urlWithTextFragment } from '../../utils/text-fragment';
import { evidenceOf } from '../support/data';

const feed = loadBundledFeed();
const linkedinFull = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedinFull) throw new Error('LinkedIn missing');
const { provisions: linkedinProvisions, ...linkedin } = linkedinFull;
const records: ProvisionRecord[] = linkedinProvisions.map((p) => ({ ...p, platformId: 'linkedin' }));
const ai = records.find((p) => p.id === 'linkedin.ai-training');
if (!ai) throw new Error('ai-training missing');
const platform: PlatformRecord = linkedin;
const aiEvidence = evidenceOf(linkedinFull, ai, 'global');
// The card shows a user the version of the policy for their region (these tests use the US one).
const usEvidence = evidenceOf(linkedinFull, ai, 'us');
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

describe('citations', () => {
  const document = linkedin.documents.find((d) => d.id === ai.documentId);
  if (!document) throw new Error('document missing');
  const input = { platformName: 'LinkedIn', provision: ai, document, evidence: aiEvidence };
  const c = aiEvidence.capture;

  it('plain text carries the quote, source, archive, hash, dates and record id', () => {
    const text = plainCitation(input);
    for (const part of [aiEvidence.quote, c.sourceUrl, c.archiveUrl, c.sha256, aiEvidence.recordId]) {
      expect(text).toContain(part);
    }
    expect(text.split('\n')[0]).toBe(`LinkedIn — "${ai.title}" (severity: ${SEVERITY_LABEL[ai.severity]}).`);
  });

  it('APA names the group author, the date, the title and where it was retrieved', () => {
    expect(apaCitation(input)).toBe(
      `LinkedIn. (2025, November 3). LinkedIn Privacy Policy (global version). Retrieved February 20, 2026, from ${c.sourceUrl} (archived at ${c.archiveUrl})`,
    );
  });

  it('BibTeX is a @misc entry with escaped fields', () => {
    const bib = bibtexCitation({ ...input, document: { title: 'Terms & Conditions_100%' } });
    expect(bib.startsWith('@misc{policylens_linkedin_ai_training_global_2026,')).toBe(true);
    expect(bib).toContain(`title = {Terms \\& Conditions\\_100\\% (global version): ${ai.title}}`);
    expect(bib).toContain('author = {{LinkedIn}}');
    expect(bib.trim().endsWith('}')).toBe(true);
  });
});

describe('text fragments', () => {
  it('uses start,end for long quotes and encodes punctuation that text directives reserve', () => {
    expect(textFragment(aiEvidence.quote)).toBe(
      ':~:text=We%20may%20use%20your%20personal,useful%20to%20you%20and%20others.',
    );
    expect(textFragment('Opt-out, fast & easy')).toBe(':~:text=Opt%2Dout%2C%20fast%20%26%20easy');
  });

  it('keeps non-ASCII and curly quotes, percent-encoded as UTF-8', () => {
    expect(textFragment('LinkedIn’s “Data” für Sie')).toBe(
      ':~:text=LinkedIn%E2%80%99s%20%E2%80%9CData%E2%80%9D%20f%C3%BCr%20Sie',
    );
  });

  it('replaces an existing fragment and keeps the query', () => {
    expect(urlWithTextFragment('https://example.com/p?hl=en#top', 'Short quote')).toBe(
      'https://example.com/p?hl=en#:~:text=Short%20quote',
    );
  });
});

describe('regions and search', () => {
  it('guesses a region from the language tag and matches jurisdictions', () => {
    expect(guessRegion('en-US')).toBe('US');
    expect(guessRegion('en-GB')).toBe('UK');
    expect(guessRegion('de-DE')).toBe('EU');
    expect(guessRegion('ja')).toBe('OTHER');
    expect(appliesTo(['US'], 'US-CA')).toBe(true);
    expect(appliesTo(['US-CA'], 'US')).toBe(false);
    expect(appliesTo(['EEA'], 'EU')).toBe(true);
    expect(appliesTo(['*'], 'OTHER')).toBe(true);
  });

  it('finds platforms by name or domain, ignoring scheme and www', () => {
    const summaries = feed.platforms.map((p) => ({
      id: p.id,
      name: p.name,
      domains: p.domains,
      counts: { high: 0, medium: 0, low: 0 },
    }));
    expect(searchPlatforms(summaries, 'linked').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'https://www.linkedin.com/feed').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'de.linkedin.com').map((p) => p.id)).toEqual(['linkedin']);
    expect(searchPlatforms(summaries, 'nothing-like-this')).toEqual([]);
  });
});

describe('sortProvisions (the order the background sends)', () => {
  it('puts the most severe first, then sorts by title', () => {
    const sorted = sortProvisions([...records].reverse());
    const rank = { high: 0, medium: 1, low: 2 };
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as ProvisionRecord;
      const b = sorted[i] as ProvisionRecord;
      expect(
        rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.title.localeCompare(b.title) <= 0),
      ).toBe(true);
    }
  });
});

describe('PopupApp', () => {
  const summaries = [
    { id: 'linkedin', name: 'LinkedIn', domains: linkedin.domains, counts: { high: 3, medium: 1, low: 0 } },
  ];
  const base: PopupData = {
    settings: { region: null },
    match: null,
    view: null,
    platforms: summaries,
    agencies: feed.agencies,
    progress: [],
    checkup: [],
    dataStatus: null,
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

  it('on an untracked site says so and opens a platform from search', async () => {
    act(() => render(<PopupApp data={base} {...props} />, root));
    expect(root.querySelector('[data-state="not-tracked"]')?.textContent).toContain(
      'This site has no tracked provisions',
    );
    await act(async () => (root.querySelector('[data-platform="linkedin"] button') as HTMLButtonElement).click());
    expect(props.loadPlatform).toHaveBeenCalledWith('linkedin');
    expect(root.querySelector('[data-provision="linkedin.ai-training"]')).not.toBeNull();
  });
});
