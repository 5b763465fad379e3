import { type MessageKey, t } from '@/utils/i18n';
import { type OriginWords, summarizeAccess } from '@/utils/site-access';
import { SiteAccessHeld } from './SiteAccessHeld';
import { SiteAccessNotice, type SiteAccessNoticeProps } from './SiteAccessNotice';

/** What the extension holds right now (`permissions.getAll()`), and the tracked platforms it may not read. */
export interface PermissionInfo {
  permissions: readonly string[];
  origins: readonly string[];
  missing: SiteAccessNoticeProps['platforms'];
}

/** Each permission we may hold: what it is for, and what it never does, in plain words. */
const WORDS: Record<string, { why: MessageKey; never: MessageKey }> = {
  storage: { why: 'access_perm_storage', never: 'access_never_storage' },
  activeTab: { why: 'access_perm_activetab', never: 'access_never_activetab' },
  scripting: { why: 'access_perm_scripting', never: 'access_never_scripting' },
  alarms: { why: 'access_perm_alarms', never: 'access_never_alarms' },
  notifications: { why: 'access_perm_notifications', never: 'access_never_notifications' },
  declarativeNetRequestWithHostAccess: { why: 'access_perm_dnr', never: 'access_never_dnr' },
};

export const originWords = (): OriginWords => ({
  everySite: t('access_origin_every_site'),
  everyWebsite: t('access_origin_every_website'),
  withSubdomains: (domain) => t('access_origin_subdomains', domain),
  secureOnly: ` ${t('access_origin_secure')}`,
});

export interface PermissionsExplainedProps {
  info: PermissionInfo;
  platforms: Parameters<typeof summarizeAccess>[1];
  onAllowSite: SiteAccessNoticeProps['onAllow'];
}

/** "Permissions, explained": each permission held now, what it never does, the sites readable and those not. */
export function PermissionsExplained({ info, platforms, onAllowSite }: PermissionsExplainedProps) {
  return (
    <section aria-labelledby="perm-h" data-section="permissions">
      <h2 id="perm-h">{t('access_heading')}</h2>
      <p>{t('access_lead')}</p>
      <ul class="permissions">
        {info.permissions.map((p) => {
          const words = WORDS[p];
          return (
            <li key={p} data-permission={p}>
              <code>{p}</code>: {words ? t(words.why) : t('access_perm_other')}
              {words && <span class="small muted never"> {t(words.never)}</span>}
            </li>
          );
        })}
      </ul>
      <SiteAccessHeld summary={summarizeAccess(info.origins, platforms, originWords())} />
      <SiteAccessNotice mode="list" platforms={info.missing} onAllow={onAllowSite} />
      <p class="never-list">{t('access_never_all')}</p>
    </section>
  );
}
