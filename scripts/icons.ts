/**
 * `npm run icons`: rasterize the icon sources in assets/ to public/icon/<size>.png (the PNGs are
 * committed; run this after editing an SVG). 16 px comes from its own pixel-grid drawing
 * (assets/icon-16.svg), the larger sizes from assets/icon.svg.
 *
 * Rasterizer: @resvg/resvg-js (resvg, pinned): a registry package with its native binary inside, so it
 * runs offline without a browser, and its output is byte-for-byte the same on every run, which lets
 * tests/unit/icons.test.ts check that the committed PNGs match the SVGs. Headless Chromium would
 * tie the pixels to whichever Chromium the machine has.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const ROOT = resolve(import.meta.dirname, '..');
export const ICON_DIR = join(ROOT, 'public/icon');
export const ICON_SIZES = [16, 32, 48, 128] as const;

function sourceFor(size: number): string {
  return join(ROOT, 'assets', size === 16 ? 'icon-16.svg' : 'icon.svg');
}

/** The PNG for one size, rendered from its SVG source. */
export function renderIcon(size: number): Buffer {
  const svg = readFileSync(sourceFor(size), 'utf8');
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of ICON_SIZES) {
    const out = join(ICON_DIR, `${size}.png`);
    writeFileSync(out, renderIcon(size));
    console.info(`wrote ${out}`);
  }
}
