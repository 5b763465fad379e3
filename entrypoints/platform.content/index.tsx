import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PolicyBanner } from '@/components/PolicyBanner';
import { SettingsChip } from '@/components/SettingsChip';
import {
  clearHighlights,
  HIGHLIGHT_CSS,
  HOST_ATTRIBUTE,
  highlightRanges,
  locateQuotes,
  scrollRangeIntoView,
} from '@/utils/highlight';
import { buildMatchIndex, type MatchIndex, matchUrl } from '@/utils/match';
import { type PageInfo, request } from '@/utils/messages';
import { actionsForSettingsPage, documentVersion, provisionsForDocument } from '@/utils/page';
import { readPageIndexFor } from '@/utils/page-index';
import { ACTIVE_KEY } from '@/utils/walkthrough/keys';
import css from './style.css?inline';
import { resumeWalkthrough } from './walkthrough';

async function mountOverlay(ctx: ContentScriptContext) {
  const ui = await createShadowRootUi(ctx, {
    name: 'policy-lens-walkthrough',
    css,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount: (container, _shadow, host) => {
      host.setAttribute(HOST_ATTRIBUTE, '');
      return container;
    },
  });
  ui.mount();
  const container = ui.mounted;
  if (!container) throw new Error('overlay did not mount');
  return { container, remove: () => ui.remove() };
}

export default defineContentScript({
  // Replaced at build time by the dataset's platform domains (wxt.config.ts, build:manifestGenerated).
  matches: ['https://policy-lens.invalid/*'],
  runAt: 'document_idle',
  // Our CSS goes into our shadow root only, as a string: no web-accessible resource to probe for.
  cssInjectionMode: 'manual',
  main(ctx) {
    const report = (e: unknown) => console.warn('Policy Lens:', e);
    let index: Promise<MatchIndex> | null = null;
    const pageIndex = () => {
      index ??= readPageIndexFor(browser.storage.local, location.hostname).then(buildMatchIndex);
      return index;
    };
    let removeCurrent: (() => void) | null = null;
    let highlightStyleAdopted = false;

    const adoptHighlightStyle = () => {
      if (highlightStyleAdopted) return;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      highlightStyleAdopted = true;
    };

    const mount = async (name: string, draw: (container: HTMLElement) => void, timings: Record<string, string>) => {
      const ui = await createShadowRootUi(ctx, {
        name,
        css,
        position: 'inline',
        anchor: 'body',
        append: 'last',
        isolateEvents: ['keydown', 'keyup', 'keypress'],
        onMount: (container, _shadow, host) => {
          host.setAttribute(HOST_ATTRIBUTE, '');
          draw(container);
          return container;
        },
        onRemove: (container) => {
          if (container) render(null, container);
        },
      });
      ui.mount();
      Object.assign(ui.shadowHost.dataset, timings, { shownAtMs: performance.now().toFixed(1) });
      removeCurrent = () => ui.remove();
    };

    const showPolicyBanner = async (info: PageInfo, started: number) => {
      const { match, view } = info;
      const document_ = view?.platform.documents.find((d) => d.id === match?.documentId);
      if (!match || !view || !document_) return;
      const provisions = provisionsForDocument(view, document_.id);
      const version = documentVersion(provisions);
      if (provisions.length === 0 || info.dismissedVersion === version) return;
      const t0 = performance.now();
      const located = locateQuotes(document.body, provisions);
      const locateMs = performance.now() - t0;
      const ranges = new Map(located.map((l) => [l.id, l.range]));
      const allowed = [...view.platform.domains, ...(view.platform.linkDomains ?? [])];
      await mount(
        'policy-lens-banner',
        (container) =>
          render(
            <PolicyBanner
              platformName={view.platform.name}
              documentTitle={document_.title}
              items={provisions.map((p) => ({ provision: p, found: Boolean(ranges.get(p.id)) }))}
              allowedHosts={allowed}
              onShowInPage={(id) => {
                const range = ranges.get(id);
                if (!range) return;
                adoptHighlightStyle();
                highlightRanges(window, [range]);
                scrollRangeIntoView(range);
              }}
              onDismiss={() => {
                removeCurrent?.();
                removeCurrent = null;
                clearHighlights(window);
                request(browser.runtime, 'dismissBanner', {
                  platformId: view.platform.id,
                  documentId: document_.id,
                  version,
                }).catch((e: unknown) => console.warn('Policy Lens:', e));
              }}
            />,
            container,
          ),
        { locateMs: locateMs.toFixed(1), sinceStartMs: (performance.now() - started).toFixed(1) },
      );
    };

    const showSettingsChip = async (info: PageInfo, started: number) => {
      const { match, view } = info;
      const page = view?.platform.settingsPages.find((s) => s.id === match?.settingsPageId);
      if (!view || !page) return;
      const actions = actionsForSettingsPage(view, page.id);
      if (actions.length === 0) return;
      const allowed = [...view.platform.domains, ...(view.platform.linkDomains ?? [])];
      await mount(
        'policy-lens-chip',
        (container) =>
          render(
            <SettingsChip
              platformName={view.platform.name}
              pageTitle={page.title}
              actions={actions}
              allowedHosts={allowed}
            />,
            container,
          ),
        { sinceStartMs: (performance.now() - started).toFixed(1) },
      );
    };

    const show = async (url: string, started: number) => {
      removeCurrent?.();
      removeCurrent = null;
      clearHighlights(window);
      // Classify locally: on any other page of the platform, nothing is sent and nothing is injected.
      const local = matchUrl(await pageIndex(), url);
      if (!local || local.pageKind === 'other') return;
      const info = await request(browser.runtime, 'getPageInfo', { url });
      if (ctx.isInvalid || location.href !== url) return;
      if (info.match?.pageKind === 'policy') await showPolicyBanner(info, started);
      else if (info.match?.pageKind === 'settings') await showSettingsChip(info, started);
    };

    const started = performance.now();
    // A walkthrough the user started in this tab takes over the page; otherwise banner or chip.
    const walkthrough = browser.storage.local
      .get(ACTIVE_KEY)
      .then((items) =>
        items[ACTIVE_KEY] === true
          ? resumeWalkthrough(
              () => mountOverlay(ctx),
              () => ctx.isInvalid,
            )
          : null,
      )
      .catch((e: unknown) => {
        report(e);
        return null;
      });
    void walkthrough.then((controller) => {
      if (!controller) show(location.href, started).catch(report);
    });
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      void walkthrough.then((controller) => {
        if (controller) controller.navigated(newUrl.href);
        else show(newUrl.href, performance.now()).catch(report);
      });
    });
  },
});
