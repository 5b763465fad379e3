import type { ComponentChildren } from 'preact';
import { t } from '@/utils/i18n';
import { isSafeLink } from '@/utils/links';

export interface ExternalLinkProps {
  href: string;
  /** Hosts this link may point to; anything else renders as plain text. */
  allowed: readonly string[];
  children: ComponentChildren;
  class?: string;
}

/** A link that opens in a new tab, only to allow-listed https hosts. */
export function ExternalLink({ href, allowed, children, class: className }: ExternalLinkProps) {
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
    </a>
  );
}
