import type { ProvisionRecord } from '@/utils/db';
import { languagesDiffer } from '@/utils/page';
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

/** Why a quote was not found, without claiming more than we know. */
function notFoundText(state: ProvisionInVersion, pageLanguage: string | undefined): string {
  if (state.kind !== 'quoted') {
    return 'Not found on this page, and we have not checked this version of the policy, so it may simply be worded differently here.';
  }
  // A version that names no language is one of the English texts of our corpus.
  const checked = state.evidence.version.language ?? 'en';
  if (pageLanguage && languagesDiffer(pageLanguage, checked)) {
    return `Not found on this page, which is in another language (${pageLanguage}) than the text we checked (${checked}).`;
  }
  return `Not found on this page. It was in the text captured on ${state.evidence.capture.capturedAt}: the policy may have changed since.`;
}

export interface PolicyBannerProps {
  platformName: string;
  documentTitle: string;
  items: readonly BannerItem[];
  allowedHosts: readonly string[];
  expanded: boolean;
  /** The page's `<html lang>`, if it declares one. */
  pageLanguage?: string;
  onToggle: (expanded: boolean) => void;
  onShowInPage: (provisionId: string) => void;
  onDismiss: () => void;
}

/** Focus the list when it opens (a stable function: Preact calls it on mount and unmount only). */
const focusOnMount = (list: HTMLUListElement | null) => list?.focus();

/** The banner on a policy page: a one-line summary that expands to the flagged provisions. */
export function PolicyBanner(props: PolicyBannerProps) {
  const { expanded, items } = props;
  const high = items.filter((i) => i.provision.severity === 'high').length;
  const n = items.length;
  const found = items.every((i) => i.found !== undefined) ? items.filter((i) => i.found).length : null;
  return (
    <section
      class="banner"
      aria-label="Policy Lens"
      data-expanded={expanded}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && expanded) {
          e.stopPropagation();
          props.onToggle(false);
        }
      }}
    >
      <div class="bar">
        <span class="summary">
          <strong>Policy Lens:</strong> {n} provision{n === 1 ? '' : 's'} flagged in this policy ({high} high)
          {found !== null && ` · ${found} of ${n} found on this page`}
        </span>
        <button type="button" class="toggle" aria-expanded={expanded} onClick={() => props.onToggle(!expanded)}>
          {expanded ? 'Hide' : 'Show'}
        </button>
        <button type="button" class="dismiss" onClick={trusted(props.onDismiss)} title="Hide until this policy changes">
          Dismiss for this version
        </button>
      </div>
      {expanded && (
        <ul class="items" ref={focusOnMount} tabIndex={-1} aria-label={`${props.documentTitle}: flagged provisions`}>
          {items.map(({ provision, state, found, note }) => (
            <li key={provision.id} class="item" data-provision={provision.id} data-found={found}>
              <div class="item-head">
                <SeverityBadge severity={provision.severity} />
                <span class="item-title">{provision.title}</span>
              </div>
              {found === false ? (
                <span class="not-found">{notFoundText(state, props.pageLanguage)}</span>
              ) : (
                <button type="button" class="show-in-page" onClick={trusted(() => props.onShowInPage(provision.id))}>
                  Show in page
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
    </section>
  );
}
