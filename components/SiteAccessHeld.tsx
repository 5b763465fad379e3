import { t } from '@/utils/i18n';
import { type AccessSummary, listInWords } from '@/utils/site-access';

/** The sites the extension can read right now (from `permissions.getAll()`), in plain words. */
export function SiteAccessHeld({ summary }: { summary: AccessSummary }) {
  if (summary.platforms.length === 0 && summary.other.length === 0) {
    return <p data-site-access="held">{t('access_held_none')}</p>;
  }
  return (
    <div data-site-access="held">
      <p>{t('access_held_lead')}</p>
      <ul class="site-access-held">
        {summary.platforms.map(({ platform, domains }) => (
          <li key={platform.id}>
            <strong>{platform.name}</strong>: {listInWords(domains, t('access_and'))}
            {domains.length < platform.domains.length &&
              ` ${t(
                'access_held_not',
                listInWords(
                  platform.domains.filter((d) => !domains.includes(d)),
                  t('access_and'),
                ),
              )}`}
          </li>
        ))}
        {summary.other.map((words) => (
          <li key={words}>{words}</li>
        ))}
      </ul>
    </div>
  );
}
