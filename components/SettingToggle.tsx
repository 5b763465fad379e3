import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface SettingToggleProps {
  /** `data-setting` of the checkbox, for tests and styles. */
  name: string;
  /** The value the background stored. */
  checked: boolean;
  /** Store the new value; resolves to what is stored now (which may differ: a permission was refused). */
  onChange: (on: boolean) => Promise<boolean>;
  children: ComponentChildren;
  /** More words under the label (linked with aria-describedby). */
  description?: ComponentChildren;
}

/**
 * A checkbox for one setting. It shows what the background stored (`data-saved`), and says so when
 * storing failed, instead of pretending the click took effect.
 */
export function SettingToggle({ name, checked, onChange, children, description }: SettingToggleProps) {
  const [saved, setSaved] = useState(checked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `setting-${name}`;
  return (
    <div class="setting-toggle">
      <input
        type="checkbox"
        id={id}
        data-setting={name}
        data-saved={busy ? undefined : String(saved)}
        checked={saved}
        // Not disabled while saving: that would take the keyboard focus away from it.
        aria-busy={busy}
        aria-describedby={description ? `${id}-about` : undefined}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setBusy(true);
          setError(null);
          onChange(on)
            .then(setSaved, (err: unknown) => setError(t('settings_save_failed', String(err))))
            .finally(() => setBusy(false));
        }}
      />{' '}
      <label for={id}>{children}</label>
      {description && (
        <p id={`${id}-about`} class="small muted setting-about">
          {description}
        </p>
      )}
      {error && (
        <p role="alert" class="error small">
          {error}
        </p>
      )}
    </div>
  );
}
