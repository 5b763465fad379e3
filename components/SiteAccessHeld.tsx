import { type AccessSummary, listInWords } from '@/utils/site-access';

/** The sites the extension can read right now (from `permissions.getAll()`), in plain words. */
export function SiteAccessHeld({ summary }: { summary: AccessSummary }) {
  if (summary.platforms.length === 0 && summary.other.length === 0) {
    return <p data-site-access="held">It can read no site's pages right now.</p>;
  }
  return (
    <div data-site-access="held">
      <p>
        It can read the pages of these sites right now, to badge their tabs and explain their policy and settings pages:
      </p>
      <ul class="site-access-held">
        {summary.platforms.map(({ platform, domains }) => (
          <li key={platform.id}>
            <strong>{platform.name}</strong>: {listInWords(domains)}
            {domains.length < platform.domains.length &&
              ` (not ${listInWords(platform.domains.filter((d) => !domains.includes(d)))})`}
          </li>
        ))}
        {summary.other.map((words) => (
          <li key={words}>{words}</li>
        ))}
      </ul>
    </div>
  );
}
