// @vitest-environment happy-dom
/**
 * Words built outside components reach the user in their language too: the region names (the
 * region picker, the check-up's header), the update notification and the toolbar button's tooltip.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RegionSelect } from '../../components/RegionSelect';
import { changesInWords } from '../../utils/background/app';
import { badgeFor } from '../../utils/badge';
import type { ChangeSet } from '../../utils/db';
import { installMessages } from '../../utils/i18n';
import { REGIONS, regionLabel } from '../../utils/region';
import { englishMessage } from '../support/i18n';

/** A locale's messages as the browser's getMessage gives them. */
function messagesOf(locale: string) {
  const file = resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  return (key: string, subs: string[] = []) =>
    messages[key]?.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '') ?? '';
}

afterEach(() => {
  installMessages(englishMessage);
  document.body.replaceChildren();
});

describe('region names', () => {
  it('are in the browser’s language in the region picker', () => {
    installMessages(messagesOf('de'));
    const root = document.createElement('div');
    document.body.append(root);
    render(<RegionSelect value="EU" onChange={() => {}} />, root);
    const options = [...root.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toEqual([
      'Vereinigte Staaten',
      'Kalifornien (USA)',
      'EU / EWR',
      'Vereinigtes Königreich',
      'Anderswo',
    ]);
    render(null, root);
  });

  it('differ per region in every locale (no key shown, no two regions alike)', () => {
    for (const locale of ['en', 'de', 'es']) {
      installMessages(messagesOf(locale));
      const labels = REGIONS.map(regionLabel);
      expect(new Set(labels).size, locale).toBe(REGIONS.length);
      for (const label of labels) expect(label, locale).not.toMatch(/^region_/);
    }
    installMessages(messagesOf('es'));
    expect(regionLabel('US-CA')).toBe('California (EE. UU.)');
  });
});

describe('the update notification’s summary', () => {
  const changes: ChangeSet = {
    fromVersion: 1,
    toVersion: 2,
    at: '2026-12-01T00:00:00.000Z',
    platforms: [
      { platformId: 'linkedin', platformName: 'LinkedIn', added: false, documents: ['Privacy Policy'], provisions: [] },
      {
        platformId: 'reddit',
        platformName: 'Reddit',
        added: false,
        documents: ['Privacy Policy'],
        provisions: [{ provisionId: 'reddit.ai-training', title: 'AI', kinds: ['quote'] }],
      },
      { platformId: 'tiktok', platformName: 'TikTok', added: true, documents: [], provisions: [] },
    ],
  };

  it('counts changes per platform, in English', () => {
    expect(changesInWords(changes)).toBe('LinkedIn: 1 change; Reddit: 2 changes; TikTok: a new platform');
  });

  it('and in German', () => {
    installMessages(messagesOf('de'));
    expect(changesInWords(changes)).toBe('LinkedIn: 1 Änderung; Reddit: 2 Änderungen; TikTok: eine neue Plattform');
  });
});

describe('the toolbar button’s tooltip', () => {
  it('declines level and noun per language and number', () => {
    installMessages(messagesOf('de'));
    expect(badgeFor('LinkedIn', { high: 2, medium: 1, low: 0 })?.title).toBe(
      'Policy Lens – LinkedIn: 2 Bestimmungen mit hohem Schweregrad (3 insgesamt)',
    );
    installMessages(messagesOf('es'));
    expect(badgeFor('Apple', { high: 0, medium: 1, low: 4 })?.title).toBe(
      'Policy Lens — Apple: 1 cláusula de gravedad media (5 en total)',
    );
  });
});
