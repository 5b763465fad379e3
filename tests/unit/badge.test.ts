import { describe, expect, it, vi } from 'vitest';
import { applyBadge, badgeFor, DEFAULT_TITLE } from '../../utils/badge';
import { SEVERITY_COLORS } from '../../utils/severity';

describe('badgeFor', () => {
  it('names the worst severity and its count in text, and all in the title', () => {
    expect(badgeFor('LinkedIn', { high: 2, medium: 1, low: 0 })).toEqual({
      text: 'H2',
      color: SEVERITY_COLORS.high.background,
      textColor: SEVERITY_COLORS.high.text,
      title: 'Policy Lens — LinkedIn: 2 high-severity provisions (3 in all)',
    });
    expect(badgeFor('Apple', { high: 0, medium: 1, low: 4 })).toMatchObject({
      text: 'M1',
      title: 'Policy Lens — Apple: 1 medium-severity provision (5 in all)',
    });
  });

  it('shows nothing for a platform without provisions', () => {
    expect(badgeFor('Nobody', { high: 0, medium: 0, low: 0 })).toBeNull();
  });
});

describe('applyBadge', () => {
  const action = () => ({
    setBadgeText: vi.fn(async () => undefined),
    setBadgeBackgroundColor: vi.fn(async () => undefined),
    setBadgeTextColor: vi.fn(async () => undefined),
    setTitle: vi.fn(async () => undefined),
  });

  it('sets text, colours and title for a tracked tab', async () => {
    const a = action();
    await applyBadge(a, 7, { id: 'x', name: 'X', domains: ['x.com'], counts: { high: 1, medium: 0, low: 0 } });
    expect(a.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: 'H1' });
    expect(a.setBadgeBackgroundColor).toHaveBeenCalledWith({ tabId: 7, color: SEVERITY_COLORS.high.background });
    expect(a.setBadgeTextColor).toHaveBeenCalledWith({ tabId: 7, color: SEVERITY_COLORS.high.text });
    expect(a.setTitle).toHaveBeenCalledWith({
      tabId: 7,
      title: 'Policy Lens — X: 1 high-severity provision (1 in all)',
    });
  });

  it('clears the badge and resets the title off the tracked platforms', async () => {
    const a = action();
    await applyBadge(a, 7, undefined);
    expect(a.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '' });
    expect(a.setTitle).toHaveBeenCalledWith({ tabId: 7, title: DEFAULT_TITLE });
    expect(a.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });
});
