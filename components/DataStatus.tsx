import type { FeedMeta } from '@/utils/db';
import { type MessageKey, t } from '@/utils/i18n';
import type { UpdatesInfo } from '@/utils/messages';
import type { FeedErrorCode } from '@/utils/schema';

export interface DataStatusProps {
  meta: FeedMeta | null;
  updates: UpdatesInfo;
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Each failure in plain words, in the user's language (the stored English message stays for bug reports). */
const ERROR_KEY: Record<FeedErrorCode, MessageKey> = {
  'not-configured': 'status_err_not_configured',
  network: 'status_err_network',
  timeout: 'status_err_timeout',
  http: 'status_err_http',
  redirected: 'status_err_redirected',
  'too-large': 'status_err_too_large',
  'signature-missing': 'status_err_signature_missing',
  'signature-invalid': 'status_err_signature_invalid',
  'signature-unsupported': 'status_err_signature_unsupported',
  'bad-json': 'status_err_bad_json',
  'bad-schema': 'status_err_bad_schema',
  inconsistent: 'status_err_inconsistent',
  'not-newer': 'status_err_not_newer',
  'store-failed': 'status_err_store_failed',
  unexpected: 'status_err_unexpected',
};

/** The failure of the last check in plain words; the data in use did not change with it. */
export function updateErrorText(code: FeedErrorCode): string {
  return code === 'not-configured' ? t(ERROR_KEY[code]) : `${t(ERROR_KEY[code])} ${t('status_err_kept')}`;
}

/** Where the data comes from and how the last update check went, in plain words (one paragraph). */
export function DataStatusLine({ meta, updates }: DataStatusProps) {
  const status = updates.status;
  return (
    <p class="data-status" data-status={status?.lastError ? 'error' : 'ok'} data-checked-at={status?.lastCheckAt ?? ''}>
      {meta
        ? `${t(
            meta.source === 'remote' ? 'status_line_remote' : 'status_line_bundled',
            String(meta.version),
            meta.updatedAt.slice(0, 10),
          )} `
        : `${t('status_no_data')} `}
      {!updates.configured && <span data-updates="off">{t('status_bundled_only')}</span>}
      {updates.configured && !status && <span>{t('status_never_checked')}</span>}
      {updates.configured && status && !status.lastError && (
        <span>{t('status_checked', when(status.lastCheckAt))}</span>
      )}
      {updates.configured && status?.lastError && (
        <span role="status" class="update-error" data-error-code={status.lastError.code}>
          {t('status_failed', when(status.lastCheckAt), updateErrorText(status.lastError.code))}
          {status.lastSuccessAt ? ` ${t('status_last_success', when(status.lastSuccessAt))}` : ''}
        </span>
      )}
    </p>
  );
}
