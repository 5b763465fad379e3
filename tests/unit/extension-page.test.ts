// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onAccessChange, startPage } from '../../utils/extension-page';
import { englishMessage } from '../support/i18n';

const i18n = { getMessage: englishMessage, getUILanguage: () => 'de' };
const readPackaged = async () => {
  throw new Error('not read: the browser has the messages');
};

afterEach(() => {
  document.body.replaceChildren();
  delete document.body.dataset.ready;
});

describe('startPage', () => {
  it('sets the page’s language and translated title, draws, then marks the page ready', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    let drawn: HTMLElement | null = null;
    startPage({ doc: document, i18n, readPackaged }, 'welcome_title', async (root) => {
      drawn = root;
      root.textContent = 'hello';
    });
    await vi.waitFor(() => expect(document.body.dataset.ready).toBe('true'));
    expect(drawn).toBe(document.getElementById('app'));
    expect(document.documentElement.lang).toBe('de');
    expect(document.title).toBe('Welcome to Policy Lens');
  });

  it('says in words that the page could not load, instead of leaving it blank', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    startPage({ doc: document, i18n, readPackaged }, 'settings_title', async () => {
      throw new Error('no background');
    });
    await vi.waitFor(() => expect(document.body.dataset.ready).toBe('true'));
    expect(document.getElementById('app')?.textContent).toBe('Policy Lens could not load this page: no background');
  });
});

describe('onAccessChange', () => {
  it('refreshes when a permission is added or removed', async () => {
    const listeners: Array<() => void> = [];
    const events = { addListener: (l: () => void) => listeners.push(l) };
    const refresh = vi.fn(async () => {});
    onAccessChange({ onAdded: events, onRemoved: events }, refresh);
    for (const l of listeners) l();
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
