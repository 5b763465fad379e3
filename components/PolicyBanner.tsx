import { render } from 'preact';
import type { EmphasisBox } from '@/utils/content/emphasis';
import type { ProvisionRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import { languagesDiffer } from '@/utils/page';
import { SEVERITY_COLORS, severityLabel } from '@/utils/severity';
import { trusted } from '@/utils/trusted';
import type { ProvisionInVersion } from '@/utils/versions';
import { ExternalLink } from './ExternalLink';
import { SeverityBadge, severityBadgeElement } from './SeverityBadge';

export interface BannerItem {
  provision: ProvisionRecord;
  /** How the page's version of the document has it. */
  state: ProvisionInVersion;
  /** Whether the quote was found in this page's text; undefined while the page is being read. */
  found?: boolean;
  /** Where a collapsed passage is and how to open it, when it could not be opened for the user. */
  note?: string;
}

/** A margin marker beside a marked passage, in the coordinates of the marks layer. */
export interface BannerMarker {
  provisionId: string;
  top: number;
  left: number;
}

/** Why a quote was not found, without claiming more than we know. */
function notFoundText(state: ProvisionInVersion, pageLanguage: string | undefined): string {
  if (state.kind !== 'quoted') return t('banner_notFoundUnchecked');
  // A version that names no language is one of the English texts of our corpus.
  const checked = state.evidence.version.language ?? 'en';
  if (pageLanguage && languagesDiffer(pageLanguage, checked)) {
    return t('banner_notFoundLanguage', pageLanguage, checked);
  }
  return t('banner_notFoundChanged', state.evidence.capture.capturedAt);
}

/** A letter of any script: a brand name next to one is part of a longer word. */
const LETTER = /\p{L}/u;

/** Whether `title` has `brand` as a word of its own (any case). */
function namesBrand(title: string, brand: string): boolean {
  // indexOf and a one-letter test, not a case-insensitive \p{L} pattern built per call: compiling
  // that took ~1 ms on the banner's first render (Node 20 here: 0.9 ms for the first, 0.5 the next).
  const hay = title.toLowerCase();
  const needle = brand.toLowerCase();
  if (!needle) return true;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if ((before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after))) return true;
  }
  return false;
}

/** The document as the banner names it: its title, with the platform's name first unless the title has it. */
export function documentHeading(platformName: string, documentTitle: string): string {
  const brand = platformName.split(/[\s(]/)[0] ?? platformName;
  return namesBrand(documentTitle, brand) ? documentTitle : t('banner_documentOf', platformName, documentTitle);
}

/** How many provisions the collapsed banner names; the rest are a "more" line (policies have 1–9). */
export const GLANCE_ITEMS = 6;

export interface PolicyBannerProps {
  platformName: string;
  documentTitle: string;
  /** Most severe first. */
  items: readonly BannerItem[];
  allowedHosts: readonly string[];
  expanded: boolean;
  /** The page's `<html lang>`, if it declares one. */
  pageLanguage?: string;
  /** Whether flagged passages are marked in the page. */
  marksOn: boolean;
  /** How many passages are marked (null before the page was read). */
  marked: number | null;
  markers: readonly BannerMarker[];
  /** The passage shown in the page (utils/content/emphasis.ts): which provision, and its boxes in the layer. */
  emphasis?: { provisionId: string; boxes: readonly EmphasisBox[] } | null;
  /** The provision to bring into view (and focus) in the expanded list. */
  current: string | null;
  /** A short status for screen readers (which mark was moved to). */
  status: string;
  onToggle: (expanded: boolean) => void;
  onShowInPage: (provisionId: string) => void;
  onDismiss: () => void;
  onMarks: (on: boolean) => void;
  /** Move to the next (1) or previous (-1) marked passage. */
  onStep: (direction: 1 | -1) => void;
  /** A margin marker was pressed: open that provision in the banner. */
  onMarker: (provisionId: string) => void;
}

/** The two buttons that move from mark to mark. */
const STEPS = [
  { direction: -1, name: 'prev', symbol: '‹', label: () => t('banner_previousMark') },
  { direction: 1, name: 'next', symbol: '›', label: () => t('banner_nextMark') },
] as const;

/** Focus an element when it mounts (a stable function: Preact calls it on mount and unmount only). */
const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** The banner as drawn into its container: `update` draws it again for new props. */
export interface BannerView {
  update(props: PolicyBannerProps): void;
}

/** Set an attribute, or take it out for undefined (as Preact does for a prop it is given). */
function attr(element: Element, name: string, value: string | boolean | undefined): void {
  if (value === undefined) element.removeAttribute(name);
  else if (element.getAttribute(name) !== String(value)) element.setAttribute(name, String(value));
}

function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * The banner on a policy page. Collapsed, it names the document and its flagged provisions by
 * severity and title (each shows its passage), how many are on this page, and moves from mark to
 * mark; expanded, each provision with its actions (`BannerDetails`). Beside it, the margin markers
 * of the marks and the emphasis of a shown passage.
 *
 * Everything but the expanded list is built once with DOM calls and updated in place: the first
 * render of the same banner as Preact components cost 5.5–6.5 ms on every policy page (medians of
 * 7 loads of the 30 KB bench page, three runs, Chromium 156; an identical re-render 0.3 ms: it is
 * Preact's and our components' code running for the first time), built this way 3.9–4.3 ms. Preact
 * draws only the expanded list, when the user opens it.
 */
export function mountPolicyBanner(container: HTMLElement, first: PolicyBannerProps): BannerView {
  const doc = container.ownerDocument;
  let props = first;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const element = doc.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  /** A symbol that says nothing to assistive technology (the control's label says it). */
  const hiddenSymbol = (symbol: string) => {
    const element = make('span', undefined, symbol);
    element.setAttribute('aria-hidden', 'true');
    return element;
  };
  const button = (className: string, text?: string) => {
    const element = make('button', className, text);
    element.type = 'button';
    return element;
  };

  const section = make('section', 'banner');
  section.setAttribute('aria-label', t('extName'));
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && props.expanded) {
      e.stopPropagation();
      props.onToggle(false);
    }
  });
  const counts = make('span', 'counts');
  const summary = make('span', 'summary');
  summary.append(
    make('span', 'brand', t('extName')),
    make('strong', 'document', documentHeading(first.platformName, first.documentTitle)),
    counts,
  );
  const toggle = button('toggle');
  toggle.addEventListener('click', () => props.onToggle(!props.expanded));
  const bar = make('div', 'bar');
  bar.append(summary, toggle);

  // The collapsed list: the same provisions for the whole session, their found state updated.
  const glance = make('ul', 'glance');
  glance.setAttribute('aria-label', t('banner_listLabel', first.documentTitle));
  const glanceRows = first.items.slice(0, GLANCE_ITEMS).map(({ provision }) => {
    const row = make('li');
    row.dataset.provision = provision.id;
    const show = button('glance-item');
    show.addEventListener(
      'click',
      trusted(() => props.onShowInPage(provision.id)),
    );
    show.append(severityBadgeElement(doc, provision.severity), make('span', 'glance-title', provision.title));
    const missing = make('span', 'glance-missing', t('banner_notOnPage'));
    missing.id = `pl-glance-${provision.id}`;
    row.append(show);
    glance.append(row);
    return { id: provision.id, row, show, missing };
  });
  if (first.items.length > glanceRows.length) {
    glance.append(make('li', 'glance-more', t('banner_moreInDetails', first.items.length - glanceRows.length)));
  }
  // Where Preact draws the expanded list (display: contents: the list lays out as the section's own child).
  const details = make('div', 'details');

  const steps = STEPS.map(({ direction, name, symbol, label }) => {
    const step = button(`step ${name}`);
    step.setAttribute('aria-label', label());
    step.title = label();
    step.append(hiddenSymbol(symbol));
    step.addEventListener(
      'click',
      trusted(() => props.onStep(direction)),
    );
    return step;
  });
  const marksToggle = button('marks-toggle', t('banner_markPassages'));
  marksToggle.addEventListener(
    'click',
    trusted(() => props.onMarks(!props.marksOn)),
  );
  const dismiss = button('dismiss', t('banner_dismiss'));
  dismiss.title = t('banner_dismissTitle');
  dismiss.addEventListener(
    'click',
    trusted(() => props.onDismiss()),
  );
  const status = make('span', 'status');
  status.setAttribute('role', 'status');
  const tools = make('div', 'tools');
  tools.append(...steps, marksToggle, dismiss, status);
  section.append(bar, glance, details, tools);

  const emphasisLayer = make('div', 'emphasis-layer');
  emphasisLayer.setAttribute('aria-hidden', 'true');
  let emphasisDrawn = '';
  const marksLayer = make('div', 'marks-layer');
  const markerButtons = new Map<string, HTMLButtonElement>();
  const marker = (provision: ProvisionRecord) => {
    const c = SEVERITY_COLORS[provision.severity];
    const label = t('banner_markerLabel', severityLabel(provision.severity), provision.title);
    const element = button('marker');
    element.dataset.provision = provision.id;
    element.tabIndex = -1;
    element.setAttribute('aria-label', label);
    element.title = label;
    element.style.backgroundColor = c.background;
    element.style.color = c.text;
    element.append(hiddenSymbol(c.symbol));
    element.addEventListener(
      'click',
      trusted(() => props.onMarker(provision.id)),
    );
    return element;
  };
  container.append(section, emphasisLayer, marksLayer);

  let detailsDrawn = false;
  const update = (next: PolicyBannerProps) => {
    props = next;
    const { expanded, items } = next;
    const located = items.every((i) => i.found !== undefined);
    const found = items.filter((i) => i.found).length;
    const byId = new Map(items.map((i) => [i.provision.id, i]));
    attr(section, 'data-expanded', expanded);
    attr(section, 'data-marks', next.marksOn ? 'on' : 'off');
    setText(
      counts,
      t('banner_flagged', items.length) + (located ? ` · ${t('banner_foundOnPage', found, items.length)}` : ''),
    );
    attr(toggle, 'aria-expanded', expanded);
    setText(toggle, expanded ? t('banner_hideDetails') : t('banner_details'));

    if (expanded) glance.remove();
    else {
      if (!glance.isConnected) section.insertBefore(glance, details);
      for (const { id, row, show, missing } of glanceRows) {
        const state = byId.get(id)?.found;
        attr(row, 'data-found', state);
        attr(show, 'aria-describedby', state === false ? missing.id : undefined);
        if (state === false) {
          if (!missing.isConnected) row.append(missing);
        } else missing.remove();
      }
    }
    if (expanded || detailsDrawn) {
      render(
        expanded ? (
          <BannerDetails
            items={items}
            current={next.current}
            documentTitle={next.documentTitle}
            pageLanguage={next.pageLanguage}
            allowedHosts={next.allowedHosts}
            onShowInPage={(id) => props.onShowInPage(id)}
          />
        ) : null,
        details,
      );
      detailsDrawn = expanded;
    }

    const canStep = next.marksOn && (next.marked ?? 0) > 0;
    for (const step of steps) step.disabled = !canStep;
    attr(marksToggle, 'aria-pressed', next.marksOn);
    setText(status, next.status);

    attr(emphasisLayer, 'data-provision', next.emphasis?.provisionId);
    const boxes = next.emphasis?.boxes ?? [];
    const drawn = boxes.map((b) => `${b.top},${b.left},${b.width},${b.height}`).join(';');
    if (drawn !== emphasisDrawn) {
      emphasisDrawn = drawn;
      emphasisLayer.replaceChildren(
        ...boxes.map((b) => {
          const box = make('div', 'emphasis');
          Object.assign(box.style, {
            top: `${b.top}px`,
            left: `${b.left}px`,
            width: `${b.width}px`,
            height: `${b.height}px`,
          });
          return box;
        }),
      );
    }

    const shown: HTMLButtonElement[] = [];
    for (const m of next.markers) {
      const provision = byId.get(m.provisionId)?.provision;
      if (!provision) continue;
      let element = markerButtons.get(m.provisionId);
      if (!element) {
        element = marker(provision);
        markerButtons.set(m.provisionId, element);
      }
      element.style.top = `${m.top}px`;
      element.style.left = `${m.left}px`;
      shown.push(element);
    }
    const children = marksLayer.children;
    if (children.length !== shown.length || shown.some((e, i) => children[i] !== e))
      marksLayer.replaceChildren(...shown);
  };
  update(first);
  return { update };
}

interface BannerDetailsProps {
  items: readonly BannerItem[];
  current: string | null;
  documentTitle: string;
  pageLanguage?: string;
  allowedHosts: readonly string[];
  onShowInPage: (provisionId: string) => void;
}

/** The expanded banner: each provision with its state on this page and its actions. */
function BannerDetails(props: BannerDetailsProps) {
  const { items, current } = props;
  return (
    <ul
      class="items"
      ref={current ? undefined : focusOnMount}
      tabIndex={-1}
      aria-label={t('banner_listLabel', props.documentTitle)}
    >
      {items.map(({ provision, state, found, note }) => (
        <li
          key={provision.id}
          class="item"
          data-provision={provision.id}
          data-found={found}
          data-current={provision.id === current}
          tabIndex={-1}
          ref={provision.id === current ? focusOnMount : undefined}
        >
          <div class="item-head">
            <SeverityBadge severity={provision.severity} />
            <span class="item-title">{provision.title}</span>
          </div>
          {found === false ? (
            <span class="not-found">{notFoundText(state, props.pageLanguage)}</span>
          ) : (
            <button type="button" class="show-in-page" onClick={trusted(() => props.onShowInPage(provision.id))}>
              {t('banner_showInPage')}
            </button>
          )}
          {note && <span class="note">{note}</span>}
          {provision.actions.length > 0 && (
            <ul class="actions">
              {provision.actions.map((a) => (
                <li key={a.id}>
                  <ExternalLink href={a.url} allowed={props.allowedHosts} showHost>
                    {a.label}
                  </ExternalLink>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
