import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { hostMatchPatterns } from './scripts/dataset';
import { loadBundledFeed } from './scripts/dataset-files';
import { feedHostPermission, parseFeedConfig } from './utils/feed/config';

/**
 * The content script of every tracked page (entrypoints/platform, an unlisted script: see there) and
 * the highlight style the browser injects with it (public/highlight.css).
 */
const PLATFORM_CONTENT_SCRIPT = 'platform.js';
const PLATFORM_CONTENT_CSS = 'highlight.css';
/** Where the compiled dataset is shipped inside the extension. */
const BUNDLED_FEED_PATH = '/data/feed.json';
/** Toolbar and extension-page icons: public/icon/*.png, made from assets/*.svg by `npm run icons`. */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/** The bundled feed exactly as shipped (its bytes are what the background hashes and verifies). */
function bundledFeedJson(): string {
  return JSON.stringify(loadBundledFeed());
}

function bundledFeedIdentity(): { version: number; sha256: string } {
  const json = bundledFeedJson();
  return {
    version: (JSON.parse(json) as { version: number }).version,
    sha256: createHash('sha256').update(json).digest('hex'),
  };
}

/** Whether this build updates its data from a feed (WXT_FEED_URL and WXT_FEED_PUBLIC_KEYS both valid). */
function feedConfigured(): boolean {
  return parseFeedConfig({ url: process.env.WXT_FEED_URL, keys: process.env.WXT_FEED_PUBLIC_KEYS }).kind === 'remote';
}

export default defineConfig({
  manifestVersion: 3,
  // The e2e tests build a second extension with a test feed address into its own folder.
  outDir: process.env.POLICY_LENS_OUT_DIR ?? '.output',
  // No auto-imports: every module imports what it uses, so the code reads the same inside and outside WXT.
  imports: false,
  // No webextension-polyfill: Chromium's MV3 `chrome.*` (>= 110) and Firefox's `browser.*` are both
  // promise-based for every API used here, and the polyfill cost ~2.5 KB gzipped in each script.
  vite: () => ({
    plugins: [preact()],
    // The bundled feed's identity, so that a worker start can tell it is already stored without reading it.
    define: { __BUNDLED_FEED__: JSON.stringify(bundledFeedIdentity()) },
  }),
  manifest: ({ browser }) => ({
    // From public/_locales (English, German, Spanish); the browser picks the user's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings, dismissals, the page index, the update status, walkthrough runs. activeTab: the popup
    // may read the URL of the tab it was opened on. scripting: the walkthrough overlay, only into a tab where
    // the user started one, the banner and chip UI into a policy or settings page that has something to show,
    // and the content script for platforms a feed added, on sites the user allowed.
    // alarms: the twice-daily feed check, only in a build that has a feed.
    // declarativeNetRequestWithHostAccess: Global Privacy Control's `Sec-GPC: 1` header, only when the user
    // turns it on and only on the tracked sites (it acts only where we hold host access; no install warning).
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'declarativeNetRequestWithHostAccess',
      ...(feedConfigured() ? ['alarms'] : []),
    ],
    // Asked for only when the user turns on change alerts in the settings.
    optional_permissions: ['notifications'],
    // 137: the first Chrome with WebCrypto Ed25519 on by default, which verifies feed signatures
    // (utils/feed/signature.ts). Firefox has it since 129, below our strict_min_version 140.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '137' }),
    icons: ICONS,
    action: {
      default_title: 'Policy Lens',
      default_icon: ICONS,
      // Firefox puts a new extension's button in the extensions menu; in the toolbar its badge is seen without pinning.
      ...(browser === 'firefox' ? { default_area: 'navbar' } : {}),
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // data_collection_permissions needs Firefox 140 on desktop and 142 on Android (MDN browser-compat-data
            // 8.1.0, webextensions.manifest.browser_specific_settings.gecko.data_collection_permissions).
            gecko: {
              id: 'policy-lens@extension.local',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // Optional, so no install warning and nothing granted: lets a platform that arrives with a feed update be
          // allowed at run time (permissions.request from a click) without a new release. Never a required permission.
          optional_host_permissions: ['https://*/*'],
        }),
  }),
  zip: {
    // The Firefox sources zip (AMO review) is what builds the extension: no test suite, screenshots, logs or keys.
    // WXT already leaves out node_modules, .output and dot-folders (.wxt, .e2e-artifacts, .git).
    excludeSources: [
      'tests/**',
      'screenshots/**',
      'docs/*.png',
      'docs/screenshots/**',
      'stats.html',
      '**/*.log',
      '**/*.pem',
      '**/*.key',
      '**/*.crx',
      '**/*.xpi',
      '**/*.zip',
    ],
  },
  hooks: {
    // The compiled feed replaces the sources in the output; tell the typed public paths.
    'prepare:publicPaths': (_wxt, paths) => {
      for (let i = paths.length - 1; i >= 0; i--) if (String(paths[i]).startsWith('/data/')) paths.splice(i, 1);
      paths.push(BUNDLED_FEED_PATH);
    },
    // Ship one compiled feed instead of the per-platform source files.
    'build:publicAssets': (_wxt, files) => {
      const contents = bundledFeedJson();
      for (let i = files.length - 1; i >= 0; i--) {
        const dest = files[i]?.relativeDest.replaceAll('\\', '/') ?? '';
        if (dest.startsWith('data/')) files.splice(i, 1);
      }
      files.push({ relativeDest: BUNDLED_FEED_PATH.slice(1), contents });
      // Messages without their translator notes (`description`, which browsers never show) and
      // without indentation: the three locales took 47.7 KB raw and 12.6 KB of the zip, now 32.0 KB
      // raw and 9.7 KB of it (measured with `npm run zip` and `unzip -v`), in the budget of the zip
      // without the data, which code and strings share.
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const dest = file?.relativeDest.replaceAll('\\', '/') ?? '';
        if (!file || !/^_locales\/[^/]+\/messages\.json$/.test(dest) || !('absoluteSrc' in file)) continue;
        const messages = JSON.parse(readFileSync(file.absoluteSrc, 'utf8')) as Record<string, { description?: string }>;
        const shipped = Object.fromEntries(
          Object.entries(messages).map(([key, { description: _, ...entry }]) => [key, entry]),
        );
        files[i] = { relativeDest: file.relativeDest, contents: JSON.stringify(shipped) };
      }
    },
    // Host permissions and content-script matches come from the dataset's domains, plus the update
    // server's host when this build has one (WXT loads .env files into process.env before this runs).
    'build:manifestGenerated': (wxt, manifest) => {
      const patterns = hostMatchPatterns(loadBundledFeed().platforms);
      const feed = parseFeedConfig({ url: process.env.WXT_FEED_URL, keys: process.env.WXT_FEED_PUBLIC_KEYS });
      const feedHost = feedHostPermission(feed);
      if (feed.kind === 'bundled-only' && (process.env.WXT_FEED_URL || process.env.WXT_FEED_PUBLIC_KEYS)) {
        wxt.logger.warn(`Policy Lens feed: ${feed.reason}`);
      }
      manifest.host_permissions = feedHost ? [...patterns, feedHost] : patterns;
      manifest.content_scripts = [
        { matches: patterns, js: [PLATFORM_CONTENT_SCRIPT], css: [PLATFORM_CONTENT_CSS], run_at: 'document_idle' },
      ];
    },
  },
});
