import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, renderIcon } from '../../../scripts/icons';
import { pngSize } from '../../support/png';

describe('icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is the current rendering of its SVG (run `npm run icons`)', (size) => {
    const committed = readFileSync(join(ICON_DIR, `${size}.png`));
    expect(pngSize(committed)).toEqual({ width: size, height: size });
    expect(committed.equals(renderIcon(size))).toBe(true);
  });
});
