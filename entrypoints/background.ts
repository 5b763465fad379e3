import { matchUrl } from '@/utils/match';
import { createMessageListener } from '@/utils/protocol';
import { createHandlers, initService } from '@/utils/service';

export default defineBackground(() => {
  const ready = initService({
    fetchFn: (input, init) => fetch(input, init),
    bundledFeedUrl: browser.runtime.getURL('/data/feed.json'),
  });
  ready.catch((error: unknown) => console.error('Policy Lens: could not load data', error));

  const policy = ready.then((state) => ({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    isTrackedUrl: (url: string) => matchUrl(state.index, url) !== undefined,
  }));
  browser.runtime.onMessage.addListener(createMessageListener(createHandlers(ready), policy));
});
