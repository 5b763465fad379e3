import type { FeedMeta } from '@/utils/db';
import type { UpdatesInfo } from '@/utils/messages';

export interface DataStatusProps {
  meta: FeedMeta | null;
  updates: UpdatesInfo;
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Where the data comes from and how the last update check went, in plain words (one paragraph). */
export function DataStatusLine({ meta, updates }: DataStatusProps) {
  const status = updates.status;
  const source = meta?.source === 'remote' ? 'from the update feed' : 'shipped with the extension';
  return (
    <p class="data-status" data-status={status?.lastError ? 'error' : 'ok'} data-checked-at={status?.lastCheckAt ?? ''}>
      {meta ? `Data version ${meta.version}, ${source}, loaded ${meta.updatedAt.slice(0, 10)}. ` : 'No data loaded. '}
      {!updates.configured && <span data-updates="off">Bundled data only: {updates.reason}</span>}
      {updates.configured && !status && <span>Not checked for updates yet.</span>}
      {updates.configured && status && !status.lastError && (
        <span>Checked for updates {when(status.lastCheckAt)}.</span>
      )}
      {updates.configured && status?.lastError && (
        <span role="status" class="update-error">
          Last check {when(status.lastCheckAt)}: {status.lastError.message}
          {status.lastSuccessAt ? ` Last successful check ${when(status.lastSuccessAt)}.` : ''}
        </span>
      )}
    </p>
  );
}
