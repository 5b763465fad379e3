import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProvisionRecord } from '@/utils/db';
import { trusted } from '@/utils/trusted';
import type { ProvisionInVersion } from '@/utils/versions';
import { ExternalLink } from './ExternalLink';
import { SeverityBadge } from './SeverityBadge';

export interface BannerItem {
  provision: ProvisionRecord;
  /** How the page's version of the document has it. */
  state: ProvisionInVersion;
  /** Whether the quote was found in this page's text. */
  found: boolean;
}

/** Why a quote was not found, without claiming more than we know. */
function notFoundText(state: ProvisionInVersion): string {
  if (state.kind === 'quoted') {
    return `Not found on this page. It was in the text captured on ${state.evidence.capture.capturedAt}: the policy may have changed since.`;
  }
  return 'Not found on this page, and we have not checked this version of the policy, so it may simply be worded differently here.';
}

export interface PolicyBannerProps {
  platformName: string;
  documentTitle: string;
  items: readonly BannerItem[];
  allowedHosts: readonly string[];
  onShowInPage: (provisionId: string) => void;
  onDismiss: () => void;
}

/** The banner on a policy page: a one-line summary that expands to the flagged provisions. */
export function PolicyBanner(props: PolicyBannerProps) {
  const [expanded, setExpanded] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const high = props.items.filter((i) => i.provision.severity === 'high').length;
  const n = props.items.length;
  useEffect(() => {
    if (expanded) listRef.current?.focus();
  }, [expanded]);
  return (
    <section
      class="banner"
      aria-label="Policy Lens"
      data-expanded={expanded}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && expanded) {
          e.stopPropagation();
          setExpanded(false);
        }
      }}
    >
      <div class="bar">
        <span class="summary">
          <strong>Policy Lens:</strong> {n} provision{n === 1 ? '' : 's'} flagged in this policy ({high} high)
        </span>
        <button type="button" class="toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Hide' : 'Show'}
        </button>
        <button type="button" class="dismiss" onClick={trusted(props.onDismiss)} title="Hide until this policy changes">
          Dismiss for this version
        </button>
      </div>
      {expanded && (
        <ul class="items" ref={listRef} tabIndex={-1} aria-label={`${props.documentTitle}: flagged provisions`}>
          {props.items.map(({ provision, state, found }) => (
            <li key={provision.id} class="item" data-provision={provision.id} data-found={found}>
              <div class="item-head">
                <SeverityBadge severity={provision.severity} />
                <span class="item-title">{provision.title}</span>
              </div>
              {found ? (
                <button
                  type="button"
                  class="show-in-page"
                  onClick={trusted(() => {
                    // Step aside so the passage is visible; the summary bar stays.
                    setExpanded(false);
                    props.onShowInPage(provision.id);
                  })}
                >
                  Show in page
                </button>
              ) : (
                <span class="not-found">{notFoundText(state)}</span>
              )}
              {provision.actions.length > 0 && (
                <ul class="actions">
                  {provision.actions.map((a) => (
                    <li key={a.id}>
                      <ExternalLink href={a.url} allowed={props.allowedHosts}>
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
