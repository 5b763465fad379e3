import { t } from '@/utils/i18n';
import type { PageAction } from '@/utils/page';
import { worstSeverity } from '@/utils/severity';
import { ExternalLink } from './ExternalLink';
import { GuideButton } from './GuideButton';
import { SeverityBadge } from './SeverityBadge';

export interface SettingsChipProps {
  platformName: string;
  pageTitle: string;
  actions: readonly PageAction[];
  allowedHosts: readonly string[];
  open: boolean;
  onToggle: (open: boolean) => void;
  onGuide?: (walkthroughId: string) => void;
}

/** A small chip on a settings page that one of our actions targets. */
export function SettingsChip(props: SettingsChipProps) {
  const { open } = props;
  const worst = worstSeverity(props.actions.map((a) => a.provision.severity));
  const first = props.actions[0]?.provision;
  if (!worst || !first) return null;
  return (
    <section
      class="chip"
      aria-label={t('extName')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onToggle(false);
      }}
    >
      <button type="button" class="chip-button" aria-expanded={open} onClick={() => props.onToggle(!open)}>
        {t('chip_controls', first.title)} <SeverityBadge severity={worst} compact />
      </button>
      {open && (
        <ul class="items">
          {props.actions.map(({ provision, action }) => (
            <li key={`${provision.id}/${action.id}`} class="item" data-provision={provision.id} data-action={action.id}>
              <div class="item-head">
                <SeverityBadge severity={provision.severity} />
                <span class="item-title">{provision.title}</span>
              </div>
              <span>{action.label}</span>
              {action.caveat && <span class="muted">{action.caveat}</span>}
              {action.walkthroughId && props.onGuide ? (
                <GuideButton walkthroughId={action.walkthroughId} onGuide={props.onGuide} />
              ) : (
                <ExternalLink href={action.url} allowed={props.allowedHosts}>
                  {t('chip_openSetting')}
                </ExternalLink>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
