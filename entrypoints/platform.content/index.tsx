import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PolicyBanner } from '@/components/PolicyBanner';
import { SettingsChip } from '@/components/SettingsChip';
import {
  clearHighlights,
  HIGHLIGHT_CSS,
  highlightRanges,
  locateQuotes,
  quotesPresent,
  scrollRangeIntoView,
} from '@/utils/highlight';
import { linkHosts } from '@/utils/links';
import { buildMatchIndex, type MatchIndex, matchUrl } from '@/utils/match';
import { type PageInfo, request } from '@/utils/messages';
import { actionsForSettingsPage, provisionsOnPage, quoteToLookFor } from '@/utils/page';
import { readPageIndexFor } from '@/utils/page-index';
import { type Mounted, mountShadow } from '@/utils/shadow-host';
import { findVersion } from '@/utils/versions';
import css from './style.css?inline';

/** Record timings on our host element (read by the end-to-end tests' timing log). */
function note(host: HTMLElement, timings: Record<string, number>): void {
  for (const [k, v] of Object.entries(timings)) host.dataset[k] = v.toFixed(1);
}

export default defineContentScript({
  // No "content script started" postMessage to the page (WXT's default would reveal our id to it).
  noScriptStartedPostMessage: true,
  // Replaced at build time by the dataset's platform domains (wxt.config.ts, build:manifestGenerated).
  matches: ['https://policy-lens.invalid/*'],
  runAt: 'document_idle',
  // Our CSS goes into our shadow root only, as a string: no web-accessible resource to probe for.
  cssInjectionMode: 'manual',
  main(ctx) {
    const report = (e: unknown) => console.warn('Policy Lens:', e);
    let index: Promise<MatchIndex> | null = null;
    const pageIndex = async () => {
      index ??= readPageIndexFor(browser.storage.local, location.hostname).then(buildMatchIndex);
      const built = await index;
      // Not published yet (the first moments after install): read it again next time.
      if (built.byDomain.size === 0) index = null;
      return built;
    };
    let current: Mounted | null = null;
    let highlightStyleAdopted = false;

    const adoptHighlightStyle = () => {
      if (highlightStyleAdopted) return;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      highlightStyleAdopted = true;
    };
    const unmount = () => {
      if (current) render(null, current.container);
      current?.remove();
      current = null;
      clearHighlights(window);
    };

    const showPolicyBanner = async (info: PageInfo, started: number) => {
      const { match, view } = info;
      const document_ = view?.platform.documents.find((d) => d.id === match?.documentId);
      const version = document_ && findVersion(document_, match?.versionId);
      if (!match || !view || !document_ || !version || info.dismissed) return;
      const onPage = provisionsOnPage(view, document_, version);
      if (onPage.length === 0) return;
      const quotes = onPage.flatMap(({ provision, state }) => {
        const quote = quoteToLookFor(state);
        return quote ? [{ id: provision.id, quote }] : [];
      });

      // Phase 1, before the banner shows: a quick whole-text check of which quotes are here.
      const t0 = performance.now();
      const present = quotesPresent(document.body, quotes);
      const checkMs = performance.now() - t0;
      // Phase 2, when the browser is idle (or on the first "Show in page"): the exact ranges.
      let ranges: Map<string, Range | null> | null = null;
      const locate = (host: HTMLElement) => {
        if (!ranges) {
          const t1 = performance.now();
          ranges = new Map(locateQuotes(document.body, quotes).map((l) => [l.id, l.range]));
          note(host, { locateMs: performance.now() - t1 });
        }
        return ranges;
      };

      const allowed = linkHosts(view.platform);
      const mounted = mountShadow(ctx, 'policy-lens-banner', css);
      const draw = (found: (id: string) => boolean) =>
        render(
          <PolicyBanner
            platformName={view.platform.name}
            documentTitle={document_.title}
            items={onPage.map(({ provision, state }) => ({ provision, state, found: found(provision.id) }))}
            allowedHosts={allowed}
            onShowInPage={(id) => {
              const t2 = performance.now();
              const range = locate(mounted.host).get(id);
              if (range) {
                adoptHighlightStyle();
                highlightRanges(window, [range]);
                scrollRangeIntoView(range);
                note(mounted.host, { highlightMs: performance.now() - t2 });
              } else {
                drawExact();
              }
            }}
            onDismiss={() => {
              unmount();
              request(browser.runtime, 'dismissBanner', {
                platformId: view.platform.id,
                documentId: document_.id,
                versionId: version.id,
              }).catch(report);
            }}
          />,
          mounted.container,
        );
      // The exact answer replaces the quick one (a quote found only in hidden text becomes "not found").
      const drawExact = () => {
        const exact = locate(mounted.host);
        draw((id) => Boolean(exact.get(id)));
      };
      draw((id) => present.get(id) === true);
      current = mounted;
      note(mounted.host, { checkMs, sinceStartMs: performance.now() - started, shownAtMs: performance.now() });
      const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
      idle(
        () => {
          if (current !== mounted || ctx.isInvalid) return;
          // Adopting the highlight style restyles the page: do it now, not on the user's click.
          adoptHighlightStyle();
          drawExact();
        },
        { timeout: 2000 },
      );
    };

    const showSettingsChip = async (info: PageInfo, started: number) => {
      const { match, view } = info;
      const page = view?.platform.settingsPages.find((s) => s.id === match?.settingsPageId);
      if (!view || !page) return;
      const actions = actionsForSettingsPage(view, page.id);
      if (actions.length === 0) return;
      const mounted = mountShadow(ctx, 'policy-lens-chip', css);
      render(
        <SettingsChip
          platformName={view.platform.name}
          pageTitle={page.title}
          actions={actions}
          allowedHosts={linkHosts(view.platform)}
          onGuide={(walkthroughId) => {
            request(browser.runtime, 'startWalkthrough', { walkthroughId }).catch(report);
          }}
        />,
        mounted.container,
      );
      current = mounted;
      note(mounted.host, { sinceStartMs: performance.now() - started, shownAtMs: performance.now() });
    };

    const show = async (url: string, started: number) => {
      unmount();
      // Classify locally: on any other page of the platform, nothing is sent and nothing is injected.
      const local = matchUrl(await pageIndex(), url);
      if (!local || local.pageKind === 'other') return;
      const info = await request(browser.runtime, 'getPageInfo', { url });
      // A walkthrough the user started in this tab has the page to itself (its overlay is injected).
      if (ctx.isInvalid || location.href !== url || info.walkthroughInTab) return;
      if (info.match?.pageKind === 'policy') await showPolicyBanner(info, started);
      else if (info.match?.pageKind === 'settings') await showSettingsChip(info, started);
    };

    const started = performance.now();
    show(location.href, started).catch(report);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
      // A jump within the page (table of contents, #section) is not a new page.
      if (newUrl.href.split('#')[0] === oldUrl.href.split('#')[0]) return;
      show(newUrl.href, performance.now()).catch(report);
    });
  },
});
