import { useRef, useState } from 'preact/hooks';
import type { ProgressRecord } from '@/utils/db';
import { type MessageKey, t } from '@/utils/i18n';
import type { ImportOutcome, PlatformView } from '@/utils/messages';
import type { ImportRefusal, SkipReason } from '@/utils/progress-file';

export interface ProgressSectionProps {
  progress: readonly ProgressRecord[];
  /** Platform views for the provisions with progress (titles and labels). */
  views: readonly PlatformView[];
  undo: (provisionId: string, actionId: string) => Promise<ProgressRecord[]>;
  /** Save the progress as a JSON file (a download). */
  onExport: (progress: readonly ProgressRecord[]) => void;
  /** Merge a file's text into the progress (the background validates it). */
  onImport: (text: string) => Promise<ImportOutcome>;
  /** Forget all progress (after the user confirmed here). */
  onReset: () => Promise<ProgressRecord[]>;
  /** The progress changed here (undo, import, reset). */
  onChange?: (progress: readonly ProgressRecord[]) => void;
}

const REFUSAL: Record<ImportRefusal, MessageKey> = {
  'too-large': 'settings_import_too_large',
  'not-json': 'settings_import_not_json',
  'not-progress': 'settings_import_not_progress',
  invalid: 'settings_import_invalid',
};

const SKIP: Record<SkipReason, MessageKey> = {
  'already-done': 'settings_import_skip_already',
  'unknown-action': 'settings_import_skip_unknown',
  repeated: 'settings_import_skip_repeated',
};

type Report =
  | { kind: 'refused'; text: string; detail: string }
  | { kind: 'merged'; outcome: ImportOutcome & { ok: true } };

/** Move focus to a message when it appears, so that keyboard and screen-reader users land on it. */
const focusOnMount = (el: HTMLElement | null) => el?.focus();

/** "Your progress": what you did and when, with undo; export, import (merged, never overwriting) and reset. */
export function ProgressSection(props: ProgressSectionProps) {
  const [progress, setShown] = useState(props.progress);
  const setProgress = (next: readonly ProgressRecord[]) => {
    setShown(next);
    props.onChange?.(next);
  };
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const provisions = new Map(
    props.views.flatMap((v) => v.provisions.map((p) => [p.id, { platform: v.platform, provision: p }])),
  );
  const name = (r: { provisionId: string; actionId: string }) => {
    const known = provisions.get(r.provisionId);
    const action = known?.provision.actions.find((a) => a.id === r.actionId);
    return `${known?.platform.name ?? r.provisionId}: ${action?.label ?? r.actionId}`;
  };

  const importFile = (file: File) => {
    setReport(null);
    file
      .text()
      .then(props.onImport)
      .then(
        (outcome) => {
          if (!outcome.ok) {
            setReport({ kind: 'refused', text: t(REFUSAL[outcome.refusal]), detail: outcome.detail });
            return;
          }
          setProgress(outcome.progress);
          setReport({ kind: 'merged', outcome });
        },
        (e: unknown) => setError(t('settings_import_failed', String(e))),
      );
  };

  return (
    <section aria-labelledby="progress-h" data-section="progress">
      <h2 id="progress-h">{t('settings_progress_heading')}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {progress.length === 0 ? (
        <p data-progress-empty="true">{t('settings_progress_empty')}</p>
      ) : (
        <ul>
          {progress.map((p) => (
            <li key={`${p.provisionId}/${p.actionId}`} data-progress={`${p.provisionId}/${p.actionId}`}>
              <strong>{name(p)}</strong>{' '}
              <span class="muted">{t('settings_progress_done_on', p.doneAt.slice(0, 10), p.documentLastUpdated)}</span>{' '}
              <button
                type="button"
                onClick={() =>
                  props.undo(p.provisionId, p.actionId).then(setProgress, (e: unknown) => {
                    setError(t('settings_undo_failed', String(e)));
                  })
                }
              >
                {t('settings_undo')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="progress-tools">
        <button
          type="button"
          class="export-progress"
          disabled={progress.length === 0}
          onClick={() => props.onExport(progress)}
        >
          {t('settings_export')}
        </button>
        <label class="import-progress button-like">
          {t('settings_import')}
          <input
            type="file"
            accept="application/json,.json"
            class="import-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) importFile(file);
            }}
          />
        </label>
        <button
          type="button"
          class="reset-progress"
          disabled={progress.length === 0}
          onClick={() => dialog.current?.showModal()}
        >
          {t('settings_reset')}
        </button>
      </div>
      <p class="small muted">{t('settings_transfer_about')}</p>
      {report?.kind === 'refused' && (
        <div class="import-report" role="alert" data-import="refused" tabIndex={-1} ref={focusOnMount}>
          <p>{report.text}</p>
          <p class="small muted">
            {t('settings_import_detail')} <code class="import-detail">{report.detail}</code>
          </p>
        </div>
      )}
      {report?.kind === 'merged' && (
        <div class="import-report" role="status" data-import="merged" tabIndex={-1} ref={focusOnMount}>
          <p>
            {t('settings_import_merged', String(report.outcome.added.length), String(report.outcome.skipped.length))}
          </p>
          {report.outcome.added.length > 0 && (
            <ul class="import-added">
              {report.outcome.added.map((r) => (
                <li key={`${r.provisionId}/${r.actionId}`} data-import-added={`${r.provisionId}/${r.actionId}`}>
                  {t('settings_import_added_item', name(r), r.doneAt.slice(0, 10))}
                </li>
              ))}
            </ul>
          )}
          {report.outcome.skipped.length > 0 && (
            <ul class="import-skipped">
              {report.outcome.skipped.map((s, i) => (
                <li
                  key={`${s.provisionId}/${s.actionId}/${i}`}
                  data-import-skipped={`${s.provisionId}/${s.actionId}`}
                  data-reason={s.reason}
                >
                  {name(s)}: {t(SKIP[s.reason], s.keptDoneAt?.slice(0, 10) ?? '')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <dialog ref={dialog} class="confirm-reset" aria-labelledby="reset-h">
        <h3 id="reset-h">{t('settings_reset_confirm_heading')}</h3>
        <p>{t('settings_reset_confirm', String(progress.length))}</p>
        <form method="dialog" class="dialog-buttons">
          <button
            type="submit"
            class="confirm-reset-yes"
            onClick={() => {
              props.onReset().then(
                (next) => {
                  setProgress(next);
                  setReport(null);
                },
                (e: unknown) => setError(t('settings_reset_failed', String(e))),
              );
            }}
          >
            {t('settings_reset_yes')}
          </button>{' '}
          {/* Focused when the dialog opens: the safe choice. */}
          <button type="submit" class="confirm-reset-no" autofocus>
            {t('settings_reset_no')}
          </button>
        </form>
      </dialog>
    </section>
  );
}
