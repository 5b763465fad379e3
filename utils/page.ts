/** What the content script shows on a policy or settings page, derived from the platform view. */
import type { ProvisionRecord } from './db';
import { pageKey } from './match';
import type { PlatformView } from './messages';
import type { Action } from './schema';

export function provisionsForDocument(view: PlatformView, documentId: string): ProvisionRecord[] {
  return view.provisions.filter((p) => p.documentId === documentId);
}

/**
 * The version of a policy as far as our data knows it: the newest capture any of its
 * provisions was checked against. A dismissal is remembered per version.
 */
export function documentVersion(provisions: readonly ProvisionRecord[]): string {
  let newest = '';
  for (const p of provisions) if (p.evidence.capturedAt > newest) newest = p.evidence.capturedAt;
  return newest;
}

export interface PageAction {
  provision: ProvisionRecord;
  action: Action;
}

/** The actions whose link leads to this settings page (same normalised host and path). */
export function actionsForSettingsPage(view: PlatformView, settingsPageId: string): PageAction[] {
  const page = view.platform.settingsPages.find((s) => s.id === settingsPageId);
  if (!page) return [];
  const key = pageKey(new URL(page.url));
  const out: PageAction[] = [];
  for (const provision of view.provisions) {
    for (const action of provision.actions) {
      if (pageKey(new URL(action.url)) === key) out.push({ provision, action });
    }
  }
  return out;
}
