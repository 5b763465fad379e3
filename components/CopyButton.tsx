import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface CopyButtonProps {
  label: string;
  text: string;
  onCopy: (text: string) => Promise<void>;
}

/** Copies `text`, then confirms on screen (and to screen readers) what was copied. */
export function CopyButton({ label, text, onCopy }: CopyButtonProps) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    onCopy(text).then(
      () => setStatus('copied'),
      () => setStatus('failed'),
    );
  };
  return (
    <span class="copy">
      <button type="button" class="copy-button" onClick={copy}>
        {label}
      </button>
      <span class="copy-status" role="status" aria-live="polite">
        {status === 'copied' ? t('common_copied') : status === 'failed' ? t('common_copyFailed') : ''}
      </span>
    </span>
  );
}
