/** The manifests `wxt build` and `wxt build -b firefox` wrote (test:e2e builds both first), and the icons they name. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    gecko?: { id?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
};
const read = (dir: string): Manifest => JSON.parse(readFileSync(join(OUTPUT, dir, 'manifest.json'), 'utf8')) as Manifest;

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
    expect(manifest.host_permissions).toContain('*://*.linkedin.com/*');
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
