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

/**
 * The same badge (not compact) built with DOM calls, for the banner's collapsed view, which is not
 * drawn with Preact (see mountPolicyBanner in ./PolicyBanner.tsx). A test holds the two to the same markup.
 */
export function severityBadgeElement(doc: Document, severity: Severity): HTMLSpanElement {
  const c = SEVERITY_COLORS[severity];
  const badge = doc.createElement('span');
  badge.className = `severity-badge severity-${severity}`;
  badge.style.backgroundColor = c.background;
  badge.style.color = c.text;
  badge.dataset.severity = severity;
  const symbol = doc.createElement('span');
  symbol.setAttribute('aria-hidden', 'true');
  symbol.textContent = c.symbol;
  badge.append(symbol, ` ${severityLabel(severity)}`);
  return badge;
}
