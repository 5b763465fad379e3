/**
 * The messages the banner and chip UI (entrypoints/page-ui) shows, which the background hands it with
 * the page info that injected it (`PageInfo.strings`, from its own `i18n.getMessage`).
 *
 * Why not the page's own `i18n.getMessage`: Chromium loads an extension's messages into a page's
 * process with a synchronous IPC to the browser on the first call there (which reads the locale
 * files), and every policy page is a fresh process. Measured on fresh pages of this machine:
 * 3.5–12.6 ms the first call, 0.1 ms after; it sat inside the banner's first render (4.5–5.4 ms of
 * it in CPU profiles of the 30 KB bench page), and made earlier, while the background answered, it
 * blocked the page for 6–25 ms under load. A key missing here still works (the browser is asked)
 * but pays that again: tests/unit/content/ui-strings.test.ts checks the list against the UI's code.
 */
import type { MessageKey } from '../i18n';

export const PAGE_UI_MESSAGES = [
  'extName',
  'banner_collapsed',
  'banner_collapsedHeading',
  'banner_collapsedLabel',
  'banner_collapsedLabelHeading',
  'banner_details',
  'banner_dismiss',
  'banner_dismissTitle',
  'banner_documentOf',
  'banner_flagged',
  'banner_foundOnPage',
  'banner_hideDetails',
  'banner_listLabel',
  'banner_markerLabel',
  'banner_markPassages',
  'banner_markPosition',
  'banner_moreInDetails',
  'banner_nextMark',
  'banner_notFoundChanged',
  'banner_notFoundLanguage',
  'banner_notFoundUnchecked',
  'banner_notOnPage',
  'banner_previousMark',
  'banner_showInPage',
  'chip_controls',
  'chip_openSetting',
  'common_linkWithheld',
  'guideMe',
  'severityHigh',
  'severityLow',
  'severityMedium',
  'severitySuffix',
] as const satisfies readonly MessageKey[];
