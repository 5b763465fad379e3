/**
 * Where a page's quotes are (QuoteFinder, ../quote-finder.ts), kept true while the page lives: the text is read in time slices (no
 * task of ours long enough to delay the page: `SLICE_MS` each, then the main thread goes back to
 * the page), and read again when a re-render takes away the nodes a located quote was in (a
 * MutationObserver notices, a debounced re-locate follows). A place is checked again right before
 * it is used.
 */
import { compact, readableText, type ScanQuote } from '../highlight';
import { QuoteFinder } from '../quote-finder';
import type { ContentEnv } from './env';

/**
 * Reading stops for the page after this long. Chromium counts a task over 50 ms as long; 8 ms
 * leaves the page most of each frame even on a slow machine.
 */
export const SLICE_MS = 8;
/** Re-locate this long after the last mutation that took a located quote's nodes away. */
export const RELOCATE_DEBOUNCE_MS = 250;
/**
 * A page that keeps replacing its text gets this many re-locates on its own; after that only
 * "Show in page" (which checks its place first, and then allows as many again) reads the page.
 */
const MAX_AUTO_RELOCATES = 5;

/** One place of a quote: its Range and the text nodes it started and ended in when located. */
interface Place {
  range: Range;
  start: Node;
  end: Node;
  text: string;
}

export interface QuoteTracker {
  /** Whether a locate has completed (the places below are an answer). */
  readonly ready: boolean;
  /** The quote's places from the last locate (possibly stale; `places` checks them). */
  count(id: string): number;
  /** The quote's places that still hold its text, re-reading the page first when any has gone. */
  places(id: string): Promise<Range[]>;
  /** Read the page now (or join the read under way). */
  locate(): Promise<void>;
  stop(): void;
}

/** Whether the place still holds its quote (a live Range moves to the parent when its nodes go). */
function holds({ range, start, end, text }: Place): boolean {
  return start.isConnected && end.isConnected && compact(readableText(range)) === text;
}

/**
 * Track `quotes` in the page's body. `onLocated` runs after every completed locate (the first, and
 * each re-locate after a re-render), for the banner to show what is on the page now.
 */
export function trackQuotes(env: ContentEnv, quotes: readonly ScanQuote[], onLocated: () => void): QuoteTracker {
  // Made when the page is first read, not when the banner is drawn (nothing needs them before).
  let texts: Map<string, string> | null = null;
  let found = new Map<string, Place[]>();
  let ready = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let cancelDebounce = () => {};
  let autoRelocates = 0;

  const read = async (): Promise<void> => {
    texts ??= new Map(quotes.map(({ id, quote }) => [id, compact(quote)]));
    if (!observing) {
      // Only childList: a re-render replaces nodes. Our own UI lives in a shadow root, which a
      // subtree observer of the page does not see. From the first read on: before it there is
      // no place to lose, and the page's own mutations while it loads cost it nothing of ours.
      observer.observe(env.doc.documentElement, { childList: true, subtree: true });
      observing = true;
    }
    for (let attempt = 0; ; attempt++) {
      const scan = new QuoteFinder(env.doc.body ?? env.doc.documentElement, quotes);
      let t0 = env.now();
      while (!scan.run(() => env.now() - t0 > SLICE_MS)) {
        await env.scheduler.yield();
        if (stopped) return;
        t0 = env.now();
      }
      // The page replaced what was still to be read while we let it run: read it again (twice at most).
      if (scan.lost && attempt < 2) continue;
      found = new Map(
        [...scan.found].map(([id, ranges]) => [
          id,
          ranges.map((range) => ({
            range,
            start: range.startContainer,
            end: range.endContainer,
            text: texts?.get(id) ?? '',
          })),
        ]),
      );
      ready = true;
      return;
    }
  };

  /** Whether a re-render took a located place's nodes away. */
  const lostPlaces = () => {
    for (const places of found.values())
      if (places.some((p) => !p.start.isConnected || !p.end.isConnected)) return true;
    return false;
  };
  const relocateSoon = () => {
    if (stopped || !ready || running || autoRelocates >= MAX_AUTO_RELOCATES || !lostPlaces()) return;
    cancelDebounce();
    cancelDebounce = env.scheduler.later(() => {
      autoRelocates++;
      locate().catch(env.report);
    }, RELOCATE_DEBOUNCE_MS);
  };

  const locate = (): Promise<void> => {
    running ??= read().finally(() => {
      running = null;
      if (stopped) return;
      onLocated();
      // The page may have re-rendered while it was being read.
      relocateSoon();
    });
    return running;
  };

  const observer = new env.win.MutationObserver(relocateSoon);
  let observing = false;

  return {
    get ready() {
      return ready;
    },
    count: (id) => found.get(id)?.length ?? 0,
    async places(id) {
      autoRelocates = 0;
      if (running) await running;
      let places = found.get(id) ?? [];
      if (!ready || places.some((p) => !holds(p))) {
        await locate();
        places = found.get(id) ?? [];
      }
      return places.filter(holds).map((p) => p.range);
    },
    locate,
    stop() {
      stopped = true;
      cancelDebounce();
      observer.disconnect();
    },
  };
}
