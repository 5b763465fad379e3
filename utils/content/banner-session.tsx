/**
 * The banner on a policy page, from the background's page info to "Show in page" and dismissal:
 * which provisions the page's version of the document has, a quick check of which quotes are on
 * the page (before the banner shows), the exact ranges when the page is idle, and painting one.
 * Everything it touches comes in through `ContentEnv`.
 */
import { render } from 'preact';
import { PolicyBanner } from '@/components/PolicyBanner';
import {
  clearHighlights,
  HIGHLIGHT_CSS,
  highlightRanges,
  locateQuotes,
  quotesPresent,
  scrollRangeIntoView,
} from '../highlight';
import { linkHosts } from '../links';
import type { PageInfo } from '../messages';
import { provisionsOnPage, quoteToLookFor } from '../page';
import { findVersion } from '../versions';
import type { ContentEnv, Mounted } from './env';

export interface BannerSession {
  readonly mounted: Mounted;
  /** Settles once the exact locate of every quote has run (and the banner shows its answer). */
  readonly located: Promise<void>;
  /** Paint and scroll to a provision's quote; false when it is not on the page. */
  showInPage(provisionId: string): boolean;
  /** "Dismiss for this version": take the banner out and tell the background. */
  dismiss(): Promise<void>;
  /** Take the banner and any highlight out (navigation away, a new page). */
  stop(): void;
}

/** Record timings on our host element (read by the end-to-end tests' timing log). */
function note(host: HTMLElement, timings: Record<string, number>): void {
  for (const [k, v] of Object.entries(timings)) host.dataset[k] = v.toFixed(1);
}

/** Start the banner for a policy page; null when there is nothing to show (dismissed, no provisions). */
export function startBannerSession(env: ContentEnv, info: PageInfo, started: number): BannerSession | null {
  const { match, view } = info;
  const document_ = view?.platform.documents.find((d) => d.id === match?.documentId);
  const version = document_ && findVersion(document_, match?.versionId);
  if (!match || !view || !document_ || !version || info.dismissed) return null;
  const onPage = provisionsOnPage(view, document_, version);
  if (onPage.length === 0) return null;
  const quotes = onPage.flatMap(({ provision, state }) => {
    const quote = quoteToLookFor(state);
    return quote ? [{ id: provision.id, quote }] : [];
  });
  const { doc, win } = env;

  // Phase 1, before the banner shows: a quick whole-text check of which quotes are here.
  const t0 = env.now();
  const present = quotesPresent(doc.body, quotes);
  const checkMs = env.now() - t0;
  // Phase 2, when the browser is idle (or on the first "Show in page"): the exact ranges.
  let ranges: Map<string, Range | null> | null = null;
  const locate = () => {
    if (!ranges) {
      const t1 = env.now();
      ranges = new Map(locateQuotes(doc.body, quotes).map((l) => [l.id, l.range]));
      note(mounted.host, { locateMs: env.now() - t1 });
    }
    return ranges;
  };

  let styleAdopted = false;
  const adoptHighlightStyle = () => {
    if (styleAdopted) return;
    styleAdopted = true;
    const sheet = new (doc.defaultView ?? globalThis).CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  };

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cancelIdle();
    render(null, mounted.container);
    mounted.remove();
    clearHighlights(win);
  };

  const showInPage = (id: string) => {
    const t2 = env.now();
    const range = locate().get(id);
    if (!range) {
      drawExact();
      return false;
    }
    adoptHighlightStyle();
    highlightRanges(win, [range]);
    scrollRangeIntoView(range);
    note(mounted.host, { highlightMs: env.now() - t2 });
    return true;
  };

  const dismiss = async () => {
    stop();
    await env.send('dismissBanner', {
      platformId: view.platform.id,
      documentId: document_.id,
      versionId: version.id,
    });
  };

  const allowed = linkHosts(view.platform);
  const mounted = env.mount('policy-lens-banner');
  const draw = (found: (id: string) => boolean) =>
    render(
      <PolicyBanner
        platformName={view.platform.name}
        documentTitle={document_.title}
        items={onPage.map(({ provision, state }) => ({ provision, state, found: found(provision.id) }))}
        allowedHosts={allowed}
        onShowInPage={showInPage}
        onDismiss={() => {
          dismiss().catch(env.report);
        }}
      />,
      mounted.container,
    );
  // The exact answer replaces the quick one (a quote found only in hidden text becomes "not found").
  const drawExact = () => {
    const exact = locate();
    draw((id) => Boolean(exact.get(id)));
  };
  draw((id) => present.get(id) === true);
  note(mounted.host, { checkMs, sinceStartMs: env.now() - started, shownAtMs: env.now() });

  let resolveLocated = () => {};
  const located = new Promise<void>((resolve) => {
    resolveLocated = resolve;
  });
  const cancelIdle = env.scheduler.idle(() => {
    if (stopped || !env.alive()) return;
    // Adopting the highlight style restyles the page: do it now, not on the user's click.
    adoptHighlightStyle();
    drawExact();
    resolveLocated();
  }, 2000);

  return { mounted, located, showInPage, dismiss, stop };
}
