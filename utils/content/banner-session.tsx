/**
 * The banner on a policy page, from the background's page info to the marks, "Show in page" and
 * dismissal: which provisions the page's version of the document has, the banner at once, the
 * quotes' places read in time slices right after (the banner then says how many are on this page,
 * and each passage found is marked: a quiet highlight and a margin marker that opens it in the
 * banner), and on "Show in page" or a step from mark to mark the passage opened if its section is
 * collapsed, scrolled to and painted. Everything it touches comes in through `ContentEnv`.
 */
import {
  type BannerItem,
  type BannerMarker,
  type BannerView,
  mountPolicyBanner,
  type PolicyBannerProps,
} from '@/components/PolicyBanner';
import { clearHighlights, highlightRanges, MARKS_NAME, scrollRangeIntoView } from '../highlight';
import { t } from '../i18n';
import { linkHosts } from '../links';
import type { PageInfo } from '../messages';
import { provisionsOnPage, quoteToLookFor } from '../page';
import { severityLabel } from '../severity';
import { findVersion } from '../versions';
import { type EmphasisBox, emphasisBoxes, followInnerScroll } from './emphasis';
import type { ContentEnv, Mounted } from './env';
import { type Mark, markerPositions, orderMarks } from './marks';
import { trackQuotes } from './quote-tracker';
import { collapseOf, whereText } from './reveal';

export interface BannerSession {
  readonly mounted: Mounted;
  /** Settles once the page's text has been read and the banner says what is on the page (and the marks are painted). */
  readonly located: Promise<void>;
  /**
   * Show a provision's passage: open its collapsed section if need be, scroll to it and paint it.
   * False when it is not on the page or stays hidden (the banner then says where it is).
   */
  showInPage(provisionId: string): Promise<boolean>;
  /** Move to the next (1) or previous (-1) marked passage: scroll to it and paint it. */
  step(direction: 1 | -1): boolean;
  /** Turn the marks on or off (and remember it: the `marks` setting). */
  setMarks(on: boolean): Promise<void>;
  /** "Dismiss for this version": take the banner out and tell the background. */
  dismiss(): Promise<void>;
  /** Take the banner and any highlight out (navigation away, a new page). */
  stop(): void;
  /** The passage emphasised now, drawn in our closed root (in our isolated world only: the page cannot call it). */
  emphasis(): { provisionId: string; range: Range } | null;
}

/** How often and how long to look for a passage to appear after opening its section (transitions). */
const REVEAL_POLL_MS = 50;
const REVEAL_POLLS = 12;
/** Markers follow the text this long after the page's layout last changed (resize, late images or fonts). */
const REPOSITION_DEBOUNCE_MS = 150;

/**
 * Record timings on our UI's container, inside the closed shadow root: the end-to-end tests' timing
 * log and the bench read them through the DevTools protocol; the page cannot.
 */
function note(container: HTMLElement, timings: Record<string, number>): void {
  for (const [k, v] of Object.entries(timings)) container.dataset[k] = v.toFixed(1);
}

const sameMarkers = (a: readonly BannerMarker[], b: readonly BannerMarker[]) =>
  a.length === b.length &&
  a.every((m, i) => m.provisionId === b[i]?.provisionId && m.top === b[i]?.top && m.left === b[i]?.left);

/** Start the banner for a policy page; null when there is nothing to show (dismissed, banners off, no provisions). */
export function startBannerSession(env: ContentEnv, info: PageInfo, started: number): BannerSession | null {
  const { match, view } = info;
  const document_ = view?.platform.documents.find((d) => d.id === match?.documentId);
  const version = document_ && findVersion(document_, match?.versionId);
  if (!match || !view || !document_ || !version || info.dismissed || !info.display.banner) return null;
  const onPage = provisionsOnPage(view, document_, version);
  if (onPage.length === 0) return null;
  const quotes = onPage.flatMap(({ provision, state }) => {
    const quote = quoteToLookFor(state);
    return quote ? [{ id: provision.id, quote }] : [];
  });
  const { doc, win, visibility } = env;
  const allowed = linkHosts(view.platform);
  const pageLanguage = doc.documentElement.lang || undefined;
  const titles = new Map(onPage.map(({ provision }) => [provision.id, provision]));
  const notes = new Map<string, string>();
  let expanded = false;
  let stopped = false;
  let marksOn = info.display.marks;
  /** The marked passages in document order (empty while marks are off or before the page was read). */
  let marks: Mark[] = [];
  let markers: BannerMarker[] = [];
  /** Which mark a step moved to last (-1: none yet). */
  let markIndex = -1;
  let current: string | null = null;
  let status = '';
  /** The provision whose passage is painted, to paint it again after a re-render. */
  let shown: string | null = null;
  /** That passage and its boxes, drawn in our root (utils/content/emphasis.ts), not as a highlight the page can list. */
  let emphasized: { id: string; range: Range; boxes: EmphasisBox[] } | null = null;
  let unfollow: (() => void) | null = null;

  const mounted = env.mount('policy-lens-banner');
  let banner: BannerView | null = null;
  const draw = () => {
    if (stopped) return;
    const items: BannerItem[] = onPage.map(({ provision, state }) => ({
      provision,
      state,
      found: tracker.ready ? tracker.count(provision.id) > 0 : undefined,
      note: notes.get(provision.id),
    }));
    const props: PolicyBannerProps = {
      platformName: view.platform.name,
      documentTitle: document_.title,
      items,
      allowedHosts: allowed,
      expanded,
      pageLanguage,
      marksOn,
      marked: tracker.ready ? marks.length : null,
      markers,
      emphasis: emphasized && { provisionId: emphasized.id, boxes: emphasized.boxes },
      current,
      status,
      onToggle: (open) => {
        expanded = open;
        current = null;
        draw();
      },
      onShowInPage: (id) => {
        showInPage(id).catch(env.report);
      },
      onDismiss: () => {
        dismiss().catch(env.report);
      },
      onMarks: (on) => {
        setMarks(on).catch(env.report);
      },
      onStep: (direction) => {
        step(direction);
      },
      onMarker: (id) => {
        // Open that provision in the banner, and show which passage it is about.
        expanded = true;
        current = id;
        markIndex = marks.findIndex((m) => m.id === id);
        void paint(id, false).then(draw, env.report);
      },
    };
    if (banner) banner.update(props);
    else banner = mountPolicyBanner(mounted.container, props);
  };

  /** The emphasis's boxes for the page's layout now (the client rects of its few text nodes). */
  const measureEmphasis = () => {
    if (!emphasized) return;
    if (!emphasized.range.startContainer.isConnected) {
      clearEmphasis();
      return;
    }
    emphasized.boxes = emphasisBoxes(
      emphasized.range,
      mounted.container.querySelector('.emphasis-layer'),
      doc.defaultView,
    );
  };
  /**
   * Where the margin markers and the emphasis go now (layout read once per mark, after the page's
   * own layout). `changed`: whether anything else changed since the last draw; a layout change that
   * moved no marker and left no emphasis to follow draws nothing (the observer's first call, once
   * it starts watching, is one; when the banner was all Preact, that render cost ~1.5 ms of the
   * 30 KB bench page).
   */
  const place = (changed = true) => {
    if (stopped) return;
    const layer = mounted.container.querySelector('.marks-layer');
    const before = markers;
    markers = marksOn ? markerPositions(marks, layer, doc.documentElement.clientWidth) : [];
    measureEmphasis();
    if (changed || emphasized || !sameMarkers(before, markers)) draw();
  };
  let cancelPlace = () => {};
  const placeSoon = () => {
    cancelPlace();
    cancelPlace = env.scheduler.later(() => place(false), REPOSITION_DEBOUNCE_MS);
  };
  const resizes = env.win.ResizeObserver ? new env.win.ResizeObserver(placeSoon) : null;
  /** Follow the page's layout while there are marks or an emphasis to keep in place. */
  const watchLayout = () => {
    if (!marksOn && !emphasized) resizes?.disconnect();
    else if (doc.body) resizes?.observe(doc.body);
  };

  /** Emphasise the passage of `id` (already scrolled to, if at all): boxes in our root, following its container's scroll. */
  const emphasize = (id: string, range: Range) => {
    emphasized = { id, range, boxes: [] };
    measureEmphasis();
    unfollow ??= followInnerScroll({ doc, frame: win.requestAnimationFrame?.bind(win) }, () => {
      if (stopped || !emphasized) return;
      measureEmphasis();
      draw();
    });
    watchLayout();
    draw();
  };
  const clearEmphasis = () => {
    emphasized = null;
    unfollow?.();
    unfollow = null;
    watchLayout();
  };

  /** Mark the first visible place of every passage found (a quiet highlight and a margin marker). */
  const paintMarks = async () => {
    if (!marksOn || !tracker.ready) {
      marks = [];
      clearHighlights(win, MARKS_NAME);
      watchLayout();
      place();
      return;
    }
    const found: Mark[] = [];
    for (const { id } of quotes) {
      const places = await tracker.places(id);
      const visible = places.find((r) => visibility.range(r));
      if (visible) found.push({ id, range: visible });
    }
    if (stopped || !marksOn) return;
    marks = orderMarks(found);
    highlightRanges(
      win,
      marks.map((m) => m.range),
      MARKS_NAME,
    );
    watchLayout();
    place();
  };

  let locateStarted = 0;
  let marked: () => void = () => {};
  const located = new Promise<void>((resolve) => {
    marked = resolve;
  });
  const tracker = trackQuotes(env, quotes, () => {
    if (locateStarted) note(mounted.container, { locateMs: env.now() - locateStarted });
    locateStarted = 0;
    // The first read, and each after a re-render (the painted Ranges went with their nodes):
    // mark the passages' places, and paint the shown one again. (paintMarks draws the banner with
    // what was found, in the same task: a draw here as well was a second render never painted.)
    paintMarks()
      .then(() => (shown ? paint(shown, false) : false))
      .then(() => {
        if (!mounted.container.dataset.markedMs) note(mounted.container, { markedMs: env.now() - started });
        marked();
      }, env.report);
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
      // The opened section is now part of the page's layout: its passage gets its mark too.
      if (visible && marksOn) void paintMarks().catch(env.report);
    }
    if (stopped) return false;
    if (!visible) {
      if (reveal && collapse) notes.set(id, whereText(collapse));
      // Its passage is gone from view (a re-render): no boxes where it was.
      if (emphasized?.id === id) {
        clearEmphasis();
        draw();
      }
      return false;
    }
    notes.delete(id);
    shown = id;
    if (reveal) scrollRangeIntoView(visible);
    emphasize(id, visible);
    return true;
  };

  const showInPage = async (id: string): Promise<boolean> => {
    const t0 = env.now();
    const ok = await paint(id, true);
    if (ok) {
      // Step aside so the passage is visible; the summary bar stays.
      expanded = false;
      current = null;
      markIndex = marks.findIndex((m) => m.id === id);
      note(mounted.container, { highlightMs: env.now() - t0 });
    } else {
      // Say why in the provision's own place: open the banner on it.
      expanded = true;
      current = id;
    }
    draw();
    return ok;
  };

  const step = (direction: 1 | -1): boolean => {
    if (marks.length === 0) return false;
    markIndex =
      markIndex < 0 && direction < 0 ? marks.length - 1 : (markIndex + direction + marks.length) % marks.length;
    const mark = marks[markIndex];
    if (!mark?.range.startContainer.isConnected) return false;
    shown = mark.id;
    scrollRangeIntoView(mark.range);
    const provision = titles.get(mark.id);
    status = provision
      ? t('banner_markPosition', markIndex + 1, marks.length, severityLabel(provision.severity), provision.title)
      : '';
    emphasize(mark.id, mark.range);
    return true;
  };

  const setMarks = async (on: boolean) => {
    marksOn = on;
    markIndex = -1;
    await paintMarks();
    await env.send('setMarks', { marks: on });
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    tracker.stop();
    cancelLocate();
    cancelPlace();
    resizes?.disconnect();
    win.removeEventListener?.('resize', placeSoon);
    // (Nothing to unrender: the banner holds no effects; taking the host out is enough.)
    mounted.remove();
    unfollow?.();
    clearHighlights(win, MARKS_NAME);
  };

  const dismiss = async () => {
    // Seen as drawn: dismissed. Otherwise the page may have faded or covered the banner to make the
    // user press this unknowingly: the banner goes for this page view only, and the popup asks.
    const seen = mounted.visible();
    stop();
    const target = { platformId: view.platform.id, documentId: document_.id, versionId: version.id };
    if (seen) await env.send('dismissBanner', target);
    else await env.send('askInPopup', { action: { kind: 'dismiss', ...target } });
  };

  draw();
  note(mounted.container, { sinceStartMs: env.now() - started, shownAtMs: env.now() });
  win.addEventListener?.('resize', placeSoon, { passive: true });
  // Read the page once the browser has a moment (in slices, see quote-tracker.ts); the marks follow.
  const cancelLocate = env.scheduler.idle(() => {
    if (stopped || !env.alive()) return;
    locateStarted = env.now();
    tracker.locate().catch(env.report);
  }, 1000);

  const emphasis = () => (emphasized ? { provisionId: emphasized.id, range: emphasized.range } : null);
  return { mounted, located, showInPage, step, setMarks, dismiss, stop, emphasis };
}
