/** The storage items: versions, migrations, checks at the boundary, families. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BACKGROUND_ITEM_KEYS,
  DEFAULT_SETTINGS,
  dismissalsItem,
  moveItems,
  removeLegacyKeys,
  settingsItem,
  walkthroughRuns,
} from '../../utils/storage';

const local = fakeBrowser.storage.local;
beforeEach(() => fakeBrowser.reset());

describe('the items', () => {
  it('settings: a first-release bare { region } becomes v2 with the defaults', async () => {
    await local.set({ settings: { region: 'UK' } });
    expect(await settingsItem(local).get()).toEqual({ ...DEFAULT_SETTINGS, region: 'UK' });
    await local.set({ settings: { v: 1, value: { region: 'EU' } } });
    expect(await settingsItem(local).get()).toEqual({ ...DEFAULT_SETTINGS, region: 'EU' });
  });

  it('settings: v2 becomes v3 with Global Privacy Control off and no chosen check-up platforms', async () => {
    const v2 = { region: 'EU', banners: false, marks: true, quietPlatforms: ['x'], alerts: true };
    await local.set({ settings: { v: 2, value: v2 } });
    expect(await settingsItem(local).get()).toEqual({ ...v2, gpc: false, checkupPlatforms: [] });
  });

  it('settings: refuses a region we do not know and unknown keys (a content script may have written them)', async () => {
    await local.set({ settings: { v: 2, value: { ...DEFAULT_SETTINGS, region: 'MARS' } } });
    expect(await settingsItem(local).get()).toEqual(DEFAULT_SETTINGS);
    await local.set({ settings: { v: 2, value: { ...DEFAULT_SETTINGS, extra: 1 } } });
    expect(await settingsItem(local).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('dismissals: only short string values', async () => {
    await local.set({ dismissals: { v: 1, value: { 'linkedin:privacy-policy:default': 'x'.repeat(65) } } });
    expect(await dismissalsItem(local).get()).toEqual({});
  });

  it('walkthrough runs: one key per tab in session storage', async () => {
    const runs = walkthroughRuns(fakeBrowser.storage.session);
    expect(await runs.item('3').get()).toBeNull();
    expect(runs.item('3').key).toBe('walkthrough-run:3');
  });

  it('walkthrough runs: a run stored with an English sentence for a message keeps going, without it', async () => {
    const session = fakeBrowser.storage.session;
    const run = { walkthroughId: 'w', stepIndex: 1, status: 'running', message: 'Set. Reload the page to confirm.' };
    await session.set({ 'walkthrough-run:3': { v: 1, value: run } });
    expect(await walkthroughRuns(session).item('3').get()).toEqual({ ...run, message: null });
    const coded = { ...run, message: { code: 'reload-to-confirm' } };
    await session.set({ 'walkthrough-run:4': { v: 1, value: coded } });
    expect(await walkthroughRuns(session).item('4').get()).toEqual(coded);
  });

  it('removes the first release’s keys that nothing reads any more, and nothing else', async () => {
    await local.set({
      'dismissed:linkedin:privacy-policy': '2026-02-20',
      'page-index:meta': {},
      settings: { region: 'UK' },
    });
    await fakeBrowser.storage.session.set({
      'walkthrough-runs': {},
      'tab:4': {},
      'walkthrough-run:4': { v: 1, value: null },
    });
    await removeLegacyKeys({ local, session: fakeBrowser.storage.session });
    expect(Object.keys(await local.get(null))).toEqual(['settings']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['walkthrough-run:4']);
  });
});

describe('moveItems: the background’s items out of storage.local, where a content script can write', () => {
  it('copies what the database lacks, keeps what it has, and removes the keys from storage.local', async () => {
    const from = fakeBrowser.storage.local;
    const to = fakeBrowser.storage.session; // any other area stands in for the database's kv store
    await from.set({ settings: { v: 2, value: 'old' }, dismissals: { v: 1, value: {} }, 'page-index:x.com': 1 });
    await to.set({ settings: { v: 2, value: 'newer' } });
    await moveItems(from, to, BACKGROUND_ITEM_KEYS);
    expect(await to.get(null)).toEqual({ settings: { v: 2, value: 'newer' }, dismissals: { v: 1, value: {} } });
    expect(await from.get(null)).toEqual({ 'page-index:x.com': 1 });
    await moveItems(from, to, BACKGROUND_ITEM_KEYS);
    expect(await from.get(null)).toEqual({ 'page-index:x.com': 1 });
  });
});
