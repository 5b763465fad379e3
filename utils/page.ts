/** What the content script shows on a policy or settings page, derived from the platform view. */
import type { ProvisionRecord } from './db';
import { pageKey } from './match';
import type { PlatformView } from './messages';
import type { Action, DocumentVersion, PolicyDocument } from './schema';
import { type ProvisionInVersion, provisionIn } from './versions';

export function provisionsForDocument(view: PlatformView, documentId: string): ProvisionRecord[] {
  return view.provisions.filter((p) => p.documentId === documentId);
}

/** A provision as the page's version of the document has it. */
export interface PageProvision {
  provision: ProvisionRecord;
  state: ProvisionInVersion;
}

/**
 * The provisions of a document as they stand in the page's version: quoted there (their quote
 * is looked for on the page), known absent from it (left out), or not checked against it.
 */
export function provisionsOnPage(
  view: PlatformView,
  document: PolicyDocument,
  version: DocumentVersion,
): PageProvision[] {
  return provisionsForDocument(view, document.id)
    .map((provision) => ({ provision, state: provisionIn(document, provision, version) }))
    .filter((p) => p.state.kind !== 'absent');
}

/** The quote to look for on the page: the version's own, or for an unchecked version the nearest checked one. */
export function quoteToLookFor(state: ProvisionInVersion): string | null {
  return state.kind === 'absent' ? null : (state.evidence?.quote ?? null);
}

/**
 * The version of a policy as far as our data knows it: the SHA-256 of the captured text we checked
 * (empty when we hold none). A dismissal is remembered per captured text, so new text brings the banner back.
 */
export function documentVersion(version: DocumentVersion): string {
  return version.capture?.sha256 ?? '';
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

/**
 * Whether a page in `pageLanguage` (its `<html lang>`) cannot be the text we checked in
 * `versionLanguage`: a different language, or for a version with a region ("en-GB") another region.
 */
export function languagesDiffer(pageLanguage: string, versionLanguage: string): boolean {
  // "en-gb-" starts with "en-" and with "en-gb-", not with "en-us-".
  return !`${pageLanguage.replace('_', '-')}-`.toLowerCase().startsWith(`${versionLanguage.toLowerCase()}-`);
}
