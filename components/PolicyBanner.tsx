import type { EmphasisBox } from '@/utils/content/emphasis';
import type { ProvisionRecord } from '@/utils/db';
import { t } from '@/utils/i18n';
import { languagesDiffer } from '@/utils/page';
import { SEVERITY_COLORS, severityLabel } from '@/utils/severity';
import { trusted } from '@/utils/trusted';
import type { ProvisionInVersion } from '@/utils/versions';
import { ExternalLink } from './ExternalLink';
import { SeverityBadge } from './SeverityBadge';

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

/**
 * The banner on a policy page. Collapsed, it names the document and its flagged provisions by
 * severity and title (each shows its passage), how many are on this page, and moves from mark to
 * mark; expanded, each provision with its actions. Beside it, the margin markers of the marks.
 */
export function PolicyBanner(props: PolicyBannerProps) {
  const { expanded, items, current } = props;
  const located = items.every((i) => i.found !== undefined);
  const found = items.filter((i) => i.found).length;
  const glance = items.slice(0, GLANCE_ITEMS);
  const byId = new Map(items.map((i) => [i.provision.id, i.provision]));
  const canStep = props.marksOn && (props.marked ?? 0) > 0;
  return (
    <>
      <section
        class="banner"
        aria-label={t('extName')}
        data-expanded={expanded}
        data-marks={props.marksOn ? 'on' : 'off'}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && expanded) {
            e.stopPropagation();
            props.onToggle(false);
          }
        }}
      >
        <div class="bar">
          <span class="summary">
            <span class="brand">{t('extName')}</span>
            <strong class="document">{documentHeading(props.platformName, props.documentTitle)}</strong>
            <span class="counts">
              {t('banner_flagged', items.length)}
              {located && ` · ${t('banner_foundOnPage', found, items.length)}`}
            </span>
          </span>
          <button type="button" class="toggle" aria-expanded={expanded} onClick={() => props.onToggle(!expanded)}>
            {expanded ? t('banner_hideDetails') : t('banner_details')}
          </button>
        </div>
        {!expanded && (
          <ul class="glance" aria-label={t('banner_listLabel', props.documentTitle)}>
            {glance.map(({ provision, found }) => (
              <li key={provision.id} data-provision={provision.id} data-found={found}>
                <button
                  type="button"
                  class="glance-item"
                  onClick={trusted(() => props.onShowInPage(provision.id))}
                  aria-describedby={found === false ? `pl-glance-${provision.id}` : undefined}
                >
                  <SeverityBadge severity={provision.severity} />
                  <span class="glance-title">{provision.title}</span>
                </button>
                {found === false && (
                  <span class="glance-missing" id={`pl-glance-${provision.id}`}>
                    {t('banner_notOnPage')}
                  </span>
                )}
              </li>
            ))}
            {items.length > glance.length && (
              <li class="glance-more">{t('banner_moreInDetails', items.length - glance.length)}</li>
            )}
          </ul>
        )}
        {expanded && (
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
        )}
        <div class="tools">
          {STEPS.map(({ direction, name, symbol, label }) => (
            <button
              key={name}
              type="button"
              class={`step ${name}`}
              aria-label={label()}
              title={label()}
              disabled={!canStep}
              onClick={trusted(() => props.onStep(direction))}
            >
              <span aria-hidden="true">{symbol}</span>
            </button>
          ))}
          <button
            type="button"
            class="marks-toggle"
            aria-pressed={props.marksOn}
            onClick={trusted(() => props.onMarks(!props.marksOn))}
          >
            {t('banner_markPassages')}
          </button>
          <button type="button" class="dismiss" onClick={trusted(props.onDismiss)} title={t('banner_dismissTitle')}>
            {t('banner_dismiss')}
          </button>
          <span class="status" role="status">
            {props.status}
          </span>
        </div>
      </section>
      <div class="emphasis-layer" aria-hidden="true" data-provision={props.emphasis?.provisionId}>
        {props.emphasis?.boxes.map((b) => (
          <div
            key={`${b.top}:${b.left}`}
            class="emphasis"
            style={{ top: `${b.top}px`, left: `${b.left}px`, width: `${b.width}px`, height: `${b.height}px` }}
          />
        ))}
      </div>
      <div class="marks-layer">
        {props.markers.map((m) => {
          const provision = byId.get(m.provisionId);
          if (!provision) return null;
          const c = SEVERITY_COLORS[provision.severity];
          const label = t('banner_markerLabel', severityLabel(provision.severity), provision.title);
          return (
            <button
              key={m.provisionId}
              type="button"
              class="marker"
              data-provision={m.provisionId}
              tabIndex={-1}
              aria-label={label}
              title={label}
              style={{ top: `${m.top}px`, left: `${m.left}px`, backgroundColor: c.background, color: c.text }}
              onClick={trusted(() => props.onMarker(m.provisionId))}
            >
              <span aria-hidden="true">{c.symbol}</span>
            </button>
          );
        })}
      </div>
    </>
  );
}
