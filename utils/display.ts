/**
 * What Policy Lens shows inside a tracked platform's policy pages, from the user's settings: the
 * banner, and the marks it paints in the policy text. One pure rule, applied by the background
 * when a page asks (getPageInfo), so the content script needs no settings of its own.
 */
import type { UserSettings } from './storage';

export interface Display {
  /** The banner on this platform's policy pages. */
  banner: boolean;
  /** Passages painted in the policy text ("Show in page" still scrolls to them when off). */
  marks: boolean;
}

export function displayFor(
  settings: Pick<UserSettings, 'banners' | 'marks' | 'quietPlatforms'>,
  platformId: string | undefined,
): Display {
  const quiet = platformId !== undefined && settings.quietPlatforms.includes(platformId);
  const banner = settings.banners && !quiet;
  // Marks belong to the banner: no banner, nothing painted.
  return { banner, marks: banner && settings.marks };
}

/** The settings with one platform made quiet (banners and marks off there) or not. */
export function withQuiet(quietPlatforms: readonly string[], platformId: string, quiet: boolean): string[] {
  const rest = quietPlatforms.filter((id) => id !== platformId);
  return quiet ? [...rest, platformId] : rest;
}
