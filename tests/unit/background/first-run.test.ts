import { describe, expect, it } from 'vitest';
import { WELCOME_PATH, welcomeOnInstall } from '../../../utils/background/first-run';

function env() {
  const opened: string[] = [];
  return {
    opened,
    env: {
      getURL: (path: string) => `chrome-extension://id${path}`,
      openTab: async (url: string) => {
        opened.push(url);
      },
    },
  };
}

describe('welcomeOnInstall', () => {
  it('opens the welcome page on a fresh install', async () => {
    const e = env();
    expect(await welcomeOnInstall(e.env, { reason: 'install' })).toBe(true);
    expect(e.opened).toEqual([`chrome-extension://id${WELCOME_PATH}`]);
  });

  it.each(['update', 'chrome_update', 'browser_update', 'shared_module_update'])(
    'opens nothing on "%s"',
    async (reason) => {
      const e = env();
      expect(await welcomeOnInstall(e.env, { reason })).toBe(false);
      expect(e.opened).toEqual([]);
    },
  );
});
