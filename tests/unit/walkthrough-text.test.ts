import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import type { WalkthroughMessage } from '../../utils/walkthrough/engine';
import { walkthroughText } from '../../utils/walkthrough-text';

describe('walkthroughText', () => {
  it('says every engine code in words, with its parameter filled in', () => {
    const codes: WalkthroughMessage[] = [
      { code: 'done' },
      { code: 'incomplete' },
      { code: 'cancelled' },
      { code: 'not-applicable' },
      { code: 'not-saved' },
      { code: 'reload-to-confirm' },
      { code: 'not-found', seconds: 15 },
    ];
    const texts = codes.map(walkthroughText);
    // A missing message would come back as its key (utils/i18n.ts).
    for (const text of texts) expect(text).not.toMatch(/^wt_/);
    expect(new Set(texts).size).toBe(codes.length);
    expect(walkthroughText({ code: 'not-found', seconds: 15 })).toBe(
      'Could not find the control after 15 s: the page may have changed. You can still set it by hand.',
    );
    expect(walkthroughText({ code: 'reload-to-confirm' })).toBe(en.wt_reload_to_confirm.message);
  });
});
