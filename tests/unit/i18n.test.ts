/**
 * Translations: every locale has every English key with the same substitutions, and no component
 * carries a user-visible string of its own (text in JSX, or in attributes people read or hear).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it, vi } from 'vitest';
import { pageMessages } from '../../utils/extension-page';
import { installMessages, t } from '../../utils/i18n';
import { englishMessage } from '../support/i18n';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'public/_locales');
type Messages = Record<string, { message: string; description?: string }>;
const read = (locale: string) => JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
const en = read('en');
const substitutions = (message: string) => [...message.matchAll(/\$(\d)/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const locales = readdirSync(LOCALES).filter((l) => l !== 'en');

  it('ships English, German and Spanish', () => {
    expect(['en', ...locales].sort()).toEqual(['de', 'en', 'es']);
  });

  it('describes every English message for translators', () => {
    for (const [key, entry] of Object.entries(en)) expect(entry.description, key).toBeTruthy();
  });

  it.each(locales)('%s has every key, with the same substitutions, and nothing else', (locale) => {
    const messages = read(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      expect(messages[key]?.message.trim(), `${locale}: ${key}`).toBeTruthy();
      expect(substitutions(messages[key]?.message ?? ''), `${locale}: ${key}`).toEqual(substitutions(entry.message));
    }
  });

  it('fills substitutions in the English the tests run with', () => {
    expect(t('severityHigh')).toBe('High');
    expect(t('no-such-key' as never)).toBe('no-such-key');
  });
});

/** Attributes whose text a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'label', 'aria-description']);
const WORDS = /\p{L}{2,}/u;

type Node = { type: string; [key: string]: unknown };

/** Every node of a Babel AST, depth first. */
function* walk(node: unknown): Generator<Node> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  const n = node as Node;
  if (typeof n.type === 'string') yield n;
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'extra') yield* walk(value);
}

/** Text in JSX, strings and templates with words as JSX children or expressions, and readable attributes. */
function hardCodedStrings(file: string): string[] {
  const ast = parse(readFileSync(file, 'utf8'), { sourceType: 'module', plugins: ['typescript', 'jsx'] });
  const found: string[] = [];
  const literalText = (e: Node | undefined): string | null => {
    if (!e) return null;
    if (e.type === 'StringLiteral') return e.value as string;
    if (e.type === 'TemplateLiteral')
      return (e.quasis as Array<{ value: { cooked: string } }>).map((q) => q.value.cooked).join('…');
    return null;
  };
  for (const node of walk(ast.program)) {
    // Children of elements: text, and strings or templates with words in {…}.
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of node.children as Node[]) {
        if (child.type === 'JSXText' && /\p{L}/u.test(child.value as string))
          found.push((child.value as string).trim());
        if (child.type === 'JSXExpressionContainer') {
          const text = literalText(child.expression as Node);
          if (text && WORDS.test(text)) found.push(text);
        }
      }
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as Node).name as string;
      const value = node.value as Node | null;
      const text =
        value?.type === 'JSXExpressionContainer'
          ? literalText(value.expression as Node)
          : literalText(value ?? undefined);
      if (VISIBLE_ATTRIBUTES.has(name) && text && WORDS.test(text)) found.push(`${name}="${text}"`);
    }
  }
  return found;
}

describe('components', () => {
  const files = readdirSync(join(ROOT, 'components'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => join(ROOT, 'components', f));

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f] as const))(
    '%s has no hard-coded user-visible text',
    (_name, file) => {
      expect(hardCodedStrings(file)).toEqual([]);
    },
  );
});

describe('pageMessages: an extension page whose browser has no messages for it', () => {
  const packaged = async (path: string): Promise<unknown> => {
    const match = /^\/_locales\/([a-z]+)\/messages\.json$/.exec(path);
    if (!match) throw new Error(`not a locale file: ${path}`);
    return JSON.parse(readFileSync(join(LOCALES, match[1] ?? '', 'messages.json'), 'utf8'));
  };
  const none = () => '';

  it('keeps the browser when it answers, and reads nothing from the package', async () => {
    const read = vi.fn(packaged);
    const browserMessage = (key: string) => (key === 'extName' ? 'Policy Lens' : `browser:${key}`);
    const got = await pageMessages(browserMessage, 'de', read);
    expect(got('card_done')).toBe('browser:card_done');
    expect(read).not.toHaveBeenCalled();
  });

  it("reads the UI language's packaged messages, with the browser's $1… substitution", async () => {
    const got = await pageMessages(none, 'de-DE', packaged);
    const de = JSON.parse(readFileSync(join(LOCALES, 'de/messages.json'), 'utf8'));
    expect(got('pendingTitle', ['LinkedIn'])).toBe(de.pendingTitle.message.replace('$1', 'LinkedIn'));
    expect(got('pendingTitle', ['LinkedIn'])).toBe('Bestätigen für LinkedIn');
  });

  it('falls back to English for a language we do not ship, or when its file cannot be read', async () => {
    const en = JSON.parse(readFileSync(join(LOCALES, 'en/messages.json'), 'utf8'));
    expect((await pageMessages(none, 'fr', packaged))('card_done')).toBe(en.card_done.message);
    const noGerman = async (path: string) => {
      if (path.includes('/de/')) throw new Error('unreadable');
      return packaged(path);
    };
    expect((await pageMessages(none, 'de', noGerman))('card_done')).toBe(en.card_done.message);
  });

  it('keeps the browser (and so the visible key) when nothing can be read', async () => {
    const got = await pageMessages(none, 'en', async () => {
      throw new Error('unreadable');
    });
    installMessages(got);
    try {
      expect(t('card_done')).toBe('card_done');
    } finally {
      installMessages(englishMessage);
    }
  });
});
