/** The chip on a settings page that one of our actions leads to. */
import { render } from 'preact';
import { SettingsChip } from '@/components/SettingsChip';
import { linkHosts } from '../links';
import type { PageInfo } from '../messages';
import { actionsForSettingsPage } from '../page';
import type { ContentEnv, Mounted } from './env';

export interface ChipSession {
  readonly mounted: Mounted;
  stop(): void;
}

/** Show the chip; null when no action of ours targets this settings page. */
export function startChipSession(env: ContentEnv, info: PageInfo, started: number): ChipSession | null {
  const { match, view } = info;
  const page = view?.platform.settingsPages.find((s) => s.id === match?.settingsPageId);
  if (!view || !page) return null;
  const actions = actionsForSettingsPage(view, page.id);
  if (actions.length === 0) return null;
  const mounted = env.mount('policy-lens-chip');
  const allowed = linkHosts(view.platform);
  const draw = (open: boolean) =>
    render(
      <SettingsChip
        platformName={view.platform.name}
        pageTitle={page.title}
        actions={actions}
        allowedHosts={allowed}
        open={open}
        onToggle={draw}
        onGuide={(walkthroughId) => {
          // Not seen as drawn (faded or covered by the page): the popup asks before anything starts.
          const request = mounted.visible()
            ? env.send('startWalkthrough', { walkthroughId })
            : env.send('askInPopup', { action: { kind: 'guide', walkthroughId } });
          request.catch(env.report);
        }}
      />,
      mounted.container,
    );
  draw(false);
  // Timings inside our closed root (see banner-session.tsx).
  mounted.container.dataset.sinceStartMs = (env.now() - started).toFixed(1);
  mounted.container.dataset.shownAtMs = env.now().toFixed(1);
  // (Nothing to unrender: the chip holds no effects; taking the host out is enough.)
  return { mounted, stop: mounted.remove };
}
