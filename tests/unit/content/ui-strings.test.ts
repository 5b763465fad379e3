/**
 * The messages the background hands the injected page UI: exactly the ones its code can show (read
 * from the sources the UI is built from), and read from the table as the browser would give them.
 */
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import { PAGE_UI_MESSAGES } from '../../../utils/content/ui-strings';
import { type MessageKey, messageTable, tableMessages } from '../../../utils/i18n';
import { englishMessage } from '../../support/i18n';

const ROOT = resolve(import.meta.dirname, '../../..');
const KEYS = new Set(Object.keys(en));

/**
 * The page UI as a bundle (esbuild, tree-shaken as the build is), and every message key in it as a
 * string: what its code can ask `t()` for, whichever module it comes from.
 */
async function keysInPageUiBundle(): Promise<{ inputs: string[]; keys: Set<string> }> {
  const result = await build({
    entryPoints: [join(ROOT, 'entrypoints/page-ui/index.ts')],
    absWorkingDir: ROOT,
    alias: { '@': ROOT },
    loader: { '.css': 'text' },
    jsx: 'automatic',
    jsxImportSource: 'preact',
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const keys = new Set<string>();
  for (const m of code.matchAll(/["'`]([A-Za-z][\w-]*)["'`]/g)) if (m[1] && KEYS.has(m[1])) keys.add(m[1]);
  return { inputs: Object.keys(result.metafile.inputs), keys };
}

describe('the page UI’s messages', () => {
  it('are exactly the keys the banner and chip code can show', async () => {
    const { inputs, keys } = await keysInPageUiBundle();
    // The bundle is the UI's: its text is in it, the popup's is not.
    expect(inputs).toEqual(
      expect.arrayContaining(['components/PolicyBanner.tsx', 'components/SettingsChip.tsx', 'utils/content/reveal.ts']),
    );
    expect(inputs).not.toContain('components/PopupApp.tsx');
    expect([...keys].sort()).toEqual([...PAGE_UI_MESSAGES].sort());
  });

  it('read from the table the background sends, say what the browser would, substitutions filled in', () => {
    const table = messageTable(PAGE_UI_MESSAGES);
    const fromTable = tableMessages(table);
    for (const key of PAGE_UI_MESSAGES) {
      expect(table[key], key).toBe(en[key].message);
      expect(fromTable(key, ['A', 'B', 'C']), key).toBe(englishMessage(key, ['A', 'B', 'C']));
    }
    expect(fromTable('banner_flagged', ['4'])).toBe('Flagged: 4');
  });

  it('ask the browser for a key the table does not have, and nothing for one it has', () => {
    const browser = vi.fn((key: MessageKey) => `browser:${key}`);
    const fromTable = tableMessages({ banner_details: 'Details' }, browser);
    expect(fromTable('banner_details')).toBe('Details');
    expect(browser).not.toHaveBeenCalled();
    expect(fromTable('guideMe')).toBe('browser:guideMe');
    expect(browser).toHaveBeenCalledWith('guideMe', []);
    expect(tableMessages({})('guideMe')).toBe('');
  });
});
