/**
 * What `wxt zip` and `wxt zip -b firefox` made (test:e2e runs both first): the manifests and the icons
 * they name, the store packages, and the sources zip Firefox's review gets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../support/png';

const OUTPUT = resolve(import.meta.dirname, '../../.output');
type Manifest = Record<string, unknown> & {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string>; default_area?: string; default_popup?: string };
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
};
const read = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(OUTPUT, dir, 'manifest.json'), 'utf8')) as Manifest;

describe.each(['chrome-mv3', 'firefox-mv3'])('%s manifest', (dir) => {
  const manifest = read(dir);

  it.each(['icons', 'action.default_icon'])('%s names a PNG of each size, at that size', (key) => {
    const icons = key === 'icons' ? manifest.icons : manifest.action?.default_icon;
    expect(Object.keys(icons ?? {}).sort((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '128']);
    for (const [size, path] of Object.entries(icons ?? {})) {
      const file = join(OUTPUT, dir, path);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(readFileSync(file)), file).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('requires no broad host access', () => {
    const required = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
    for (const broad of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*']) expect(required).not.toContain(broad);
    expect(manifest.host_permissions).toContain('https://*.linkedin.com/*');
    // https only (an on-path attacker on plain http could play the platform's page).
    expect((manifest.host_permissions ?? []).filter((p: string) => !p.startsWith('https://'))).toEqual([]);
  });
});

/**
 * The permission set, pinned as literals: an added permission, a broader or plain-http host pattern, or a new
 * capability key (externally_connectable, web_accessible_resources, ...) fails here and has to be argued for
 * by changing this list. Host patterns are derived from the dataset's own files, not from the build's code.
 */
describe('the pinned permission set', () => {
  const REQUIRED = ['activeTab', 'declarativeNetRequestWithHostAccess', 'scripting', 'storage'];
  const OPTIONAL = ['notifications'];
  const COMMON_KEYS = [
    'action',
    'background',
    'content_scripts',
    'default_locale',
    'description',
    'host_permissions',
    'icons',
    'manifest_version',
    'name',
    'optional_permissions',
    'options_ui',
    'permissions',
    'version',
  ];
  const KEYS: Record<string, string[]> = {
    'chrome-mv3': [...COMMON_KEYS, 'minimum_chrome_version', 'optional_host_permissions'],
    'firefox-mv3': [...COMMON_KEYS, 'browser_specific_settings'],
  };
  const OPTIONAL_HOSTS: Record<string, string[] | undefined> = {
    'chrome-mv3': ['https://*/*'],
    'firefox-mv3': undefined,
  };
  const platformsDir = resolve(OUTPUT, '../public/data/platforms');
  const domains = readdirSync(platformsDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(platformsDir, f), 'utf8')) as { domains: string[] }).domains);
  const expectedHosts = [...new Set(domains)].map((d) => `https://*.${d}/*`).sort();

  it('the dataset names plain host names (no wildcard, scheme, port or path to widen a pattern)', () => {
    expect(domains.length).toBeGreaterThan(25);
    expect(domains.filter((d) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(d))).toEqual([]);
  });

  it.each(['chrome-mv3', 'firefox-mv3'])('%s: exactly the pinned permissions, hosts and keys', (dir) => {
    const manifest = read(dir);
    expect(Object.keys(manifest).sort()).toEqual([...(KEYS[dir] ?? [])].sort());
    expect([...(manifest.permissions ?? [])].sort()).toEqual(REQUIRED);
    expect([...((manifest.optional_permissions as string[] | undefined) ?? [])].sort()).toEqual(OPTIONAL);
    expect(manifest.optional_host_permissions).toEqual(OPTIONAL_HOSTS[dir]);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(expectedHosts);
    const scripts = manifest.content_scripts as Array<Record<string, unknown>> | undefined;
    expect(scripts?.map((s) => Object.keys(s).sort())).toEqual([['css', 'js', 'matches', 'run_at']]);
    expect([...((scripts?.[0]?.matches as string[] | undefined) ?? [])].sort()).toEqual(expectedHosts);
    expect(scripts?.[0]).toMatchObject({ js: ['platform.js'], css: ['highlight.css'], run_at: 'document_idle' });
  });
});

describe('browser-specific keys', () => {
  const chrome = read('chrome-mv3');
  const firefox = read('firefox-mv3');

  it('Chrome: any https site may be allowed later (optional, no install warning); no Firefox keys', () => {
    expect(chrome.optional_host_permissions).toEqual(['https://*/*']);
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.action?.default_area).toBeUndefined();
  });

  it('Firefox: the button sits in the toolbar, data collection is declared with the versions that read it', () => {
    expect(firefox.action?.default_area).toBe('navbar');
    expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    expect(firefox.browser_specific_settings?.gecko?.strict_min_version).toBe('140.0');
    expect(firefox.browser_specific_settings?.gecko_android?.strict_min_version).toBe('142.0');
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });
});

describe('packages', () => {
  const version = (JSON.parse(readFileSync(resolve(OUTPUT, '../package.json'), 'utf8')) as { version: string }).version;
  const entries = (zip: string) => Object.keys(unzipSync(readFileSync(join(OUTPUT, zip)))).sort();

  it.each(['chrome', 'firefox'])('the %s store zip holds the built extension', (browser) => {
    const dir = join(OUTPUT, `${browser}-mv3`);
    const built = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
    expect(entries(`policy-lens-${version}-${browser}.zip`)).toEqual(built);
  });

  it('the Firefox sources zip has what builds the extension and nothing private or generated', () => {
    const files = entries(`policy-lens-${version}-sources.zip`);
    for (const needed of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'entrypoints/background.ts',
      'public/data/platforms/linkedin.json',
      'public/icon/16.png',
      'scripts/dataset-files.ts',
    ]) {
      expect(files).toContain(needed);
    }
    const unwanted =
      /^(node_modules|\.output|\.wxt|\.e2e-artifacts|\.git|tests|screenshots)\/|\.(pem|key|crx|xpi|zip|log)$|^docs\/.*\.png$/;
    expect(files.filter((f) => unwanted.test(f))).toEqual([]);
  });
});
