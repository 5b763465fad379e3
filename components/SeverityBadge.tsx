import { t } from '@/utils/i18n';
import type { Severity } from '@/utils/schema';
import { SEVERITY_COLORS, severityLabel } from '@/utils/severity';

/** Severity as text + shape + colour (never colour alone); colours meet WCAG AA with white text. */
export function SeverityBadge({ severity, compact = false }: { severity: Severity; compact?: boolean }) {
  const c = SEVERITY_COLORS[severity];
  return (
    <span
      class={`severity-badge severity-${severity}`}
      style={{ backgroundColor: c.background, color: c.text }}
      data-severity={severity}
    >
      <span aria-hidden="true">{c.symbol}</span> {compact ? severityLabel(severity)[0] : severityLabel(severity)}
      {compact && <span class="visually-hidden"> {t('severitySuffix')}</span>}
    </span>
  );
}
