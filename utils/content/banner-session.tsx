/**
 * The banner on a policy page, from the background's page info to "Show in page" and dismissal:
 * which provisions the page's version of the document has, the banner at once, the quotes'
 * places read in time slices right after (the headline then says how many are on this page), and
 * on "Show in page" the passage opened if its section is collapsed, scrolled to and painted.
 * Everything it touches comes in through `ContentEnv`.
 */
import { render } from 'preact';
import { type BannerItem, PolicyBanner } from '@/components/PolicyBanner';
import { clearHighlights, highlightRanges, scrollRangeIntoView } from '../highlight';
import { linkHosts } from '../links';
import type { PageInfo } from '../messages';
import { provisionsOnPage, quoteToLookFor } from '../page';
import { findVersion } from '../versions';
import type { ContentEnv, Mounted } from './env';
import { trackQuotes } from './quote-tracker';
import { collapseOf, whereText } from './reveal';

export interface BannerSession {
  readonly mounted: Mounted;
  /** Settles once the page's text has been read and the banner says what is on the page. */
  readonly located: Promise<void>;
  /**
   * Show a provision's passage: open its collapsed section if need be, scroll to it and paint it.
   * False when it is not on the page or stays hidden (the banner then says where it is).
   */
  showInPage(provisionId: string): Promise<boolean>;
  /** "Dismiss for this version": take the banner out and tell the background. */
  dismiss(): Promise<void>;
  /** Take the banner and any highlight out (navigation away, a new page). */
  stop(): void;
}

/** How often and how long to look for a passage to appear after opening its section (transitions). */
const REVEAL_POLL_MS = 50;
const REVEAL_POLLS = 12;

/** Record timings on our host element (read by the end-to-end tests' timing log and the bench). */
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
  const { doc, win, visibility } = env;
  const allowed = linkHosts(view.platform);
  const pageLanguage = doc.documentElement.lang || undefined;
  const notes = new Map<string, string>();
  let expanded = false;
  let stopped = false;
  /** The provision whose passage is painted, to paint it again after a re-render. */
  let shown: string | null = null;

  const mounted = env.mount('policy-lens-banner');
  const draw = () => {
    if (stopped) return;
    const items: BannerItem[] = onPage.map(({ provision, state }) => ({
      provision,
      state,
      found: tracker.ready ? tracker.count(provision.id) > 0 : undefined,
      note: notes.get(provision.id),
    }));
    render(
      <PolicyBanner
        platformName={view.platform.name}
        documentTitle={document_.title}
        items={items}
        allowedHosts={allowed}
        expanded={expanded}
        pageLanguage={pageLanguage}
        onToggle={(open) => {
          expanded = open;
          draw();
        }}
        onShowInPage={(id) => {
          showInPage(id).catch(env.report);
        }}
        onDismiss={() => {
          dismiss().catch(env.report);
        }}
      />,
      mounted.container,
    );
  };

  let locateStarted = 0;
  const tracker = trackQuotes(env, quotes, () => {
    if (locateStarted) note(mounted.host, { locateMs: env.now() - locateStarted });
    locateStarted = 0;
    draw();
    // After a re-render the painted Range went with its nodes: paint the passage's new place.
    if (shown) void paint(shown, false);
  });

  /** Paint the first visible place of the quote; with `reveal`, open a collapsed section for it first. */
  const paint = async (id: string, reveal: boolean): Promise<boolean> => {
    let places = await tracker.places(id);
    let visible = places.find((r) => visibility.range(r));
    const collapse = !visible && places[0] ? collapseOf(places[0], visibility) : null;
    if (!visible && reveal && collapse?.open) {
      collapse.open();
      // The page may animate the section open, or re-render it (then the place is read again).
      for (let i = 0; i < REVEAL_POLLS && !visible && !stopped; i++) {
        await new Promise<void>((resolve) => env.scheduler.later(resolve, REVEAL_POLL_MS));
        places = await tracker.places(id);
        visible = places.find((r) => visibility.range(r));
      }
    }
    if (stopped) return false;
    if (!visible) {
      if (reveal && collapse) notes.set(id, whereText(collapse));
      return false;
    }
    notes.delete(id);
    // With marks off the passage is scrolled to, not painted.
    if (info.display.marks) highlightRanges(win, [visible]);
    shown = id;
    if (reveal) scrollRangeIntoView(visible);
    return true;
  };

  const showInPage = async (id: string): Promise<boolean> => {
    const t0 = env.now();
    const ok = await paint(id, true);
    if (ok) {
      // Step aside so the passage is visible; the summary bar stays.
      expanded = false;
      note(mounted.host, { highlightMs: env.now() - t0 });
    }
    draw();
    return ok;
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    tracker.stop();
    cancelLocate();
    // (Nothing to unrender: the banner holds no effects; taking the host out is enough.)
    mounted.remove();
    clearHighlights(win);
  };

  const dismiss = async () => {
    stop();
    await env.send('dismissBanner', {
      platformId: view.platform.id,
      documentId: document_.id,
      versionId: version.id,
    });
  };

  draw();
  note(mounted.host, { sinceStartMs: env.now() - started, shownAtMs: env.now() });
  // Read the page once the browser has a moment (in slices, see quote-tracker.ts).
  let cancelLocate = () => {};
  const located = new Promise<void>((resolve) => {
    cancelLocate = env.scheduler.idle(() => {
      if (stopped || !env.alive()) return;
      locateStarted = env.now();
      tracker.locate().then(resolve, env.report);
    }, 1000);
  });

  return { mounted, located, showInPage, dismiss, stop };
}
