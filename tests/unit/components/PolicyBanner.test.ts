// @vitest-environment happy-dom
/**
 * The banner as drawn into its container (components/PolicyBanner.tsx): the document's name, and
 * the collapsed banner built once and updated in place (the same elements, so focus stays), the
 * expanded list drawn by Preact only when opened, the margin markers and the emphasis.
 */
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BannerItem,
  documentHeading,
  GLANCE_ITEMS,
  mountPolicyBanner,
  type PolicyBannerProps,
} from '../../../components/PolicyBanner';
import { SeverityBadge, severityBadgeElement } from '../../../components/SeverityBadge';
import { loadBundledFeed } from '../../../scripts/dataset-files';
import { t } from '../../../utils/i18n';
import { provisionsOnPage } from '../../../utils/page';
import { SEVERITY_COLORS } from '../../../utils/severity';

describe('documentHeading', () => {
  it('keeps a title that names the platform as a word of its own, in any case', () => {
    expect(documentHeading('LinkedIn', 'LinkedIn Privacy Policy')).toBe('LinkedIn Privacy Policy');
    expect(documentHeading('Microsoft', 'Microsoft Privacy Statement')).toBe('Microsoft Privacy Statement');
    expect(documentHeading('X (Twitter)', 'X Privacy Policy')).toBe('X Privacy Policy');
    expect(documentHeading('Reddit', 'User Agreement (reddit)')).toBe('User Agreement (reddit)');
    expect(documentHeading('Google', 'Privacy Policy – Google')).toBe('Privacy Policy – Google');
  });

  it('names the platform first when the title does not, or has its name only inside a longer word', () => {
    expect(documentHeading('LinkedIn', 'Privacy Policy')).toBe(t('banner_documentOf', 'LinkedIn', 'Privacy Policy'));
    expect(documentHeading('X (Twitter)', 'Xbox Privacy')).toBe(t('banner_documentOf', 'X (Twitter)', 'Xbox Privacy'));
    expect(documentHeading('Meta', 'Metadata Policy')).toBe(t('banner_documentOf', 'Meta', 'Metadata Policy'));
    // Letters of any script count as part of the word.
    expect(documentHeading('Meta', 'Metaé Policy')).toBe(t('banner_documentOf', 'Meta', 'Metaé Policy'));
    expect(t('banner_documentOf', 'LinkedIn', 'Privacy Policy')).not.toBe('Privacy Policy');
  });
});

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing');
const { provisions, ...platform } = linkedin;
const view = { platform, provisions: provisions.map((p) => ({ ...p, platformId: 'linkedin' })) };
const policy = platform.documents.find((d) => d.id === 'privacy-policy');
const version = policy?.versions[0];
if (!policy || !version) throw new Error('LinkedIn privacy policy missing');
const onPage = provisionsOnPage(view, policy, version);

function props(overrides: Partial<PolicyBannerProps> = {}, found?: (id: string) => boolean | undefined) {
  const items: BannerItem[] = onPage.map(({ provision, state }) => ({
    provision,
    state,
    found: found?.(provision.id),
  }));
  return {
    platformName: platform.name,
    documentTitle: policy?.title ?? '',
    items,
    allowedHosts: ['www.linkedin.com'],
    expanded: false,
    marksOn: true,
    marked: null,
    markers: [],
    current: null,
    status: '',
    onToggle: vi.fn(),
    onShowInPage: vi.fn(),
    onDismiss: vi.fn(),
    onMarks: vi.fn(),
    onStep: vi.fn(),
    onMarker: vi.fn(),
    ...overrides,
  } satisfies PolicyBannerProps;
}

function container(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

const all = (root: ParentNode, selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];

afterEach(() => document.body.replaceChildren());

describe('the banner as drawn', () => {
  it('names the document and each flagged provision with its severity, and what was found once the page is read', () => {
    expect(onPage.length).toBeGreaterThan(1);
    const root = container();
    const banner = mountPolicyBanner(root, props());
    expect(root.querySelector('.document')?.textContent).toBe('LinkedIn Privacy Policy');
    const rows = all(root, '.glance [data-provision]');
    expect(rows.map((r) => r.dataset.provision)).toEqual(onPage.slice(0, GLANCE_ITEMS).map((p) => p.provision.id));
    const first = onPage[0]?.provision;
    expect(rows[0]?.querySelector('.glance-title')?.textContent).toBe(first?.title);
    expect(rows[0]?.querySelector('.severity-badge')?.getAttribute('data-severity')).toBe(first?.severity);
    // Before the page is read: how many are flagged, nothing about what is on the page.
    expect(root.querySelector('.counts')?.textContent).toBe(t('banner_flagged', onPage.length));
    expect(rows[0]?.hasAttribute('data-found')).toBe(false);

    const firstId = first?.id;
    banner.update(props({ marked: 1 }, (id) => id === firstId));
    expect(root.querySelector('.counts')?.textContent).toBe(
      `${t('banner_flagged', onPage.length)} · ${t('banner_foundOnPage', 1, onPage.length)}`,
    );
    expect(rows[0]?.dataset.found).toBe('true');
    expect(rows[0]?.querySelector('.glance-missing')).toBeNull();
    expect(rows[1]?.dataset.found).toBe('false');
    const missing = rows[1]?.querySelector('.glance-missing');
    expect(missing?.textContent).toBe(t('banner_notOnPage'));
    expect(rows[1]?.querySelector('.glance-item')?.getAttribute('aria-describedby')).toBe(missing?.id);
    expect(all(root, '.step').every((b) => !(b as HTMLButtonElement).disabled)).toBe(true);

    // Found after a re-render: the note goes again.
    banner.update(props({ marked: 2 }, () => true));
    expect(rows[1]?.querySelector('.glance-missing')).toBeNull();
    expect(rows[1]?.querySelector('.glance-item')?.hasAttribute('aria-describedby')).toBe(false);
  });

  it('is updated in place: the same buttons after an update, and the one in focus keeps it', () => {
    const root = container();
    const banner = mountPolicyBanner(root, props());
    const toggle = root.querySelector<HTMLButtonElement>('.toggle');
    const item = root.querySelector<HTMLButtonElement>('.glance-item');
    item?.focus();
    expect(document.activeElement).toBe(item);
    banner.update(props({ marked: 3, status: 'Mark 1 of 3' }, () => true));
    expect(root.querySelector('.toggle')).toBe(toggle);
    expect(root.querySelector('.glance-item')).toBe(item);
    expect(document.activeElement).toBe(item);
    expect(root.querySelector('.status')?.textContent).toBe('Mark 1 of 3');
    expect(root.querySelectorAll('section.banner')).toHaveLength(1);
  });

  it('draws the expanded list only when opened, focuses it, and takes it out again when closed', () => {
    const root = container();
    const banner = mountPolicyBanner(root, props());
    expect(root.querySelector('.items')).toBeNull();
    banner.update(props({ expanded: true }, () => false));
    expect(root.querySelector('.glance')).toBeNull();
    expect(root.querySelector('.toggle')?.getAttribute('aria-expanded')).toBe('true');
    const list = root.querySelector('.items');
    expect(all(root, '.items > .item').map((i) => i.dataset.provision)).toEqual(onPage.map((p) => p.provision.id));
    expect(document.activeElement).toBe(list);
    expect(root.querySelector('.item .not-found')).not.toBeNull();

    banner.update(props({}, () => false));
    expect(root.querySelector('.items')).toBeNull();
    expect(root.querySelector('.glance')?.nextElementSibling?.className).toBe('details');
    expect(root.querySelector('.toggle')?.getAttribute('aria-expanded')).toBe('false');
  });

  it('Escape closes the expanded banner (and goes no further), and does nothing when it is collapsed', () => {
    const root = container();
    const onToggle = vi.fn();
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    const banner = mountPolicyBanner(root, props({ onToggle }));
    const pressEscape = () =>
      root.querySelector('.toggle')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    pressEscape();
    expect(onToggle).not.toHaveBeenCalled();
    expect(outside).toHaveBeenCalledTimes(1);
    banner.update(props({ onToggle, expanded: true }));
    pressEscape();
    expect(onToggle).toHaveBeenCalledWith(false);
    expect(outside).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', outside);
  });

  it('ignores clicks a page script makes on its actions', () => {
    const root = container();
    const p = props();
    mountPolicyBanner(root, p);
    for (const selector of ['.dismiss', '.marks-toggle', '.glance-item', '.step.next'])
      root.querySelector<HTMLElement>(selector)?.click();
    expect(p.onDismiss).not.toHaveBeenCalled();
    expect(p.onMarks).not.toHaveBeenCalled();
    expect(p.onShowInPage).not.toHaveBeenCalled();
    expect(p.onStep).not.toHaveBeenCalled();
  });

  it('puts a margin marker beside each marked passage, moves it with its passage, and takes it out when it goes', () => {
    const root = container();
    const [a, b] = onPage.map((p) => p.provision);
    if (!a || !b) throw new Error('two provisions needed');
    const banner = mountPolicyBanner(
      root,
      props({
        markers: [
          { provisionId: a.id, top: 10, left: 5 },
          { provisionId: b.id, top: 200, left: 5 },
          { provisionId: 'linkedin.no-such-provision', top: 300, left: 5 },
        ],
      }),
    );
    const markers = all(root, '.marks-layer .marker');
    expect(markers.map((m) => m.dataset.provision)).toEqual([a.id, b.id]);
    expect(markers[0]?.style.top).toBe('10px');
    expect(markers[0]?.getAttribute('aria-label')).toContain(a.title);
    expect(markers[0]?.tabIndex).toBe(-1);

    banner.update(props({ markers: [{ provisionId: a.id, top: 40, left: 8 }] }));
    const after = all(root, '.marks-layer .marker');
    expect(after).toEqual([markers[0]]);
    expect(after[0]?.style.top).toBe('40px');
    expect(after[0]?.style.left).toBe('8px');
    banner.update(props());
    expect(all(root, '.marks-layer .marker')).toEqual([]);
  });

  it('draws the shown passage’s emphasis boxes, and none when nothing is shown', () => {
    const root = container();
    const id = onPage[0]?.provision.id ?? '';
    const boxes = [
      { top: 10, left: 20, width: 300, height: 18 },
      { top: 28, left: 20, width: 120, height: 18 },
    ];
    const banner = mountPolicyBanner(root, props({ emphasis: { provisionId: id, boxes } }));
    const layer = root.querySelector<HTMLElement>('.emphasis-layer');
    expect(layer?.dataset.provision).toBe(id);
    expect(all(root, '.emphasis').map((e) => [e.style.top, e.style.width])).toEqual([
      ['10px', '300px'],
      ['28px', '120px'],
    ]);
    banner.update(props({ emphasis: null }));
    expect(layer?.hasAttribute('data-provision')).toBe(false);
    expect(all(root, '.emphasis')).toEqual([]);
  });
});

describe('the severity badge built with DOM calls', () => {
  it('is the markup of the Preact badge, for every severity', () => {
    const severities = Object.keys(SEVERITY_COLORS) as (keyof typeof SEVERITY_COLORS)[];
    expect(severities.length).toBeGreaterThan(2);
    for (const severity of severities) {
      const drawn = document.createElement('div');
      render(h(SeverityBadge, { severity }), drawn);
      expect(severityBadgeElement(document, severity).outerHTML, severity).toBe(drawn.innerHTML);
    }
  });
});
