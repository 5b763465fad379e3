import { describe, expect, it } from 'vitest';
import { displayFor, withQuiet } from '../../utils/display';
import { DEFAULT_SETTINGS } from '../../utils/storage';

describe('displayFor', () => {
  it('shows banner and marks by default', () => {
    expect(displayFor(DEFAULT_SETTINGS, 'linkedin')).toEqual({ banner: true, marks: true });
  });

  it('a quiet platform gets neither; the others keep theirs', () => {
    const settings = { ...DEFAULT_SETTINGS, quietPlatforms: ['tiktok'] };
    expect(displayFor(settings, 'tiktok')).toEqual({ banner: false, marks: false });
    expect(displayFor(settings, 'linkedin')).toEqual({ banner: true, marks: true });
  });

  it('banners off everywhere turns the marks off with them; marks off keeps the banner', () => {
    expect(displayFor({ ...DEFAULT_SETTINGS, banners: false }, 'linkedin')).toEqual({ banner: false, marks: false });
    expect(displayFor({ ...DEFAULT_SETTINGS, marks: false }, 'linkedin')).toEqual({ banner: true, marks: false });
  });
});

describe('withQuiet', () => {
  it('adds a platform once and takes it out again', () => {
    expect(withQuiet(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(withQuiet(['a', 'b'], 'b', true)).toEqual(['a', 'b']);
    expect(withQuiet(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
