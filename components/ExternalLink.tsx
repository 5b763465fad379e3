import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import { isSafeLink } from '@/utils/links';

export interface ExternalLinkProps {
  href: string;
  /** Hosts this link may point to; anything else renders as plain text. */
  allowed: readonly string[];
  children: ComponentChildren;
  class?: string;
  /**
   * Show the link's host after its text: for labels the data supplies ("official LinkedIn page"),
   * so that what the label claims can be read against where the link really goes.
   */
  showHost?: boolean;
}

/** The host a link goes to, as shown beside a label (the parser's form: punycode for an IDN host). */
export function shownHost(href: string): string {
  return new URL(href).hostname.replace(/^www\./, '');
}

/** A link that opens in a new tab, only to allow-listed https hosts. */
export function ExternalLink({ href, allowed, children, class: className, showHost }: ExternalLinkProps) {
  if (!isSafeLink(href, allowed)) {
    return (
      <span class={className} title={t('common_linkWithheld')}>
        {children}
      </span>
    );
  }
  return (
    <a class={className} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      {showHost && <span class="link-host"> ({shownHost(href)})</span>}
    </a>
  );
}
