/**
 * Our own UI hosts in a page. Text and controls inside them are never the page's: quote search
 * and control matching skip them. Known by identity, so a page cannot make its own content
 * invisible to us by copying our attribute; the attribute is only a label (styling, tests).
 */
export const HOST_ATTRIBUTE = 'data-policy-lens-host';

export const ownHosts = new WeakSet<Element>();

export function isOwnHost(element: Element): boolean {
  return ownHosts.has(element);
}
