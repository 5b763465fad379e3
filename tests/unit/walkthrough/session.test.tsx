// @vitest-environment happy-dom
/**
 * The walkthrough overlay's session in happy-dom, against the real background (handlers, engine,
 * progress over fake storage and fake-indexeddb): it draws the current step, reports what the page
 * shows, names the control "Do it for me" will change, changes it only on a trusted click while
 * our card is visible (else it asks in the popup), never for a text-only match, pauses on other
 * pages, and takes the reload proof only from a new document of the step's page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountShadow } from '../../../utils/shadow-host';
import { type Session, type SessionEnv, startSession } from '../../../utils/walkthrough/session';
import { makeBackground } from '../../support/background';

const PRIVACY_URL = 'https://www.linkedin.com/psettings/privacy';
const AI_URL = 'https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement';
const TAB = 42;

const LINKEDIN_AI_PAGE = `
  <h1>Data for Generative AI Improvement</h1>
  <div class="toggle-row">
    <span id="allowDataForGenerativeAI">Use my data for training content creation AI models</span>
    <input type="checkbox" role="switch" id="ai" aria-labelledby="allowDataForGenerativeAI" checked>
  </div>`;

/** The same setting, found by its text only (its id is gone and the label is not tied to the input). */
const TEXT_ONLY_PAGE = `
  <label><span>Use my data for training content creation AI models</span>
  <input type="checkbox" id="ai" checked></label>`;

function goTo(url: string, html: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.body.innerHTML = html;
}

/** A trusted click, as the user's (happy-dom marks script clicks untrusted, like a browser). */
function userClick(element: Element): void {
  const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  element.dispatchEvent(event);
}

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
  document.body.innerHTML = '';
});

/**
 * A session in this document (its id `documentId`, as the browser would report it) talking to a
 * real background in which the LinkedIn AI walkthrough was started and followed to its switch.
 */
async function setUp(options: { html?: string; visible?: boolean } = {}) {
  const background = await makeBackground();
  const { handlers } = background;
  await handlers.startWalkthrough({ walkthroughId: 'linkedin-ai-training', tabId: TAB }, {});
  const sender = (documentId: string) => ({
    id: 'x',
    url: location.href,
    documentId,
    frameId: 0,
    tab: { id: TAB, url: location.href },
  });
  const pageId = 'page-0001';
  const send = (event: Parameters<typeof handlers.walkthroughEvent>[0]['event'], stepIndex: number, doc = 'doc-0') =>
    handlers.walkthroughEvent({ event, stepIndex, pageId }, sender(doc));
  goTo(PRIVACY_URL, '<a href="/x">Data for Generative AI Improvement</a>');
  await send({ type: 'arrived' }, 0);
  await send({ type: 'clicked' }, 1);
  goTo(AI_URL, options.html ?? LINKEDIN_AI_PAGE);

  const asked: number[] = [];
  let root: ShadowRoot | null = null;
  const visible = { value: options.visible ?? true };
  const lifetime = new AbortController();
  const start = async (documentId: string) => {
    const env: SessionEnv = {
      doc: document,
      client: {
        get: () => handlers.getWalkthrough({}, sender(documentId)),
        event: (event, stepIndex) => handlers.walkthroughEvent({ event, stepIndex, pageId }, sender(documentId)),
        finish: async (returnToStart) => {
          await handlers.finishWalkthrough({ returnToStart }, sender(documentId));
        },
        confirmInPopup: async (stepIndex) => {
          asked.push(stepIndex);
        },
      },
      mount: () => {
        // The session asks for a closed root; the test keeps a handle on it, as the browser's tools can.
        const original = Element.prototype.attachShadow;
        const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
          root = original.call(this, init);
          return root;
        });
        try {
          return mountShadow({ onInvalidated: () => undefined }, 'policy-lens-walkthrough', '', 'en', 'closed');
        } finally {
          spy.mockRestore();
        }
      },
      reload: () => undefined,
      now: () => performance.now(),
      lifetime: lifetime.signal,
      watchVisibility: () => ({ visible: () => visible.value, disconnect: () => undefined }),
    };
    const session = await startSession(env);
    if (session) sessions.push(session);
    return session;
  };
  const card = () => root?.querySelector('.card') ?? null;
  const button = (label: string) =>
    [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === label) ?? null;
  const run = async () => (await handlers.getWalkthrough({}, sender('any')))?.run;
  return { ...background, start, card, button, run, asked, visible, lifetime, root: () => root };
}

const aiSwitch = () => document.getElementById('ai') as HTMLInputElement;

describe('the walkthrough session', () => {
  it('draws the setting step on its page, names the control, and reports it in its state', async () => {
    const t = await setUp();
    const session = await t.start('doc-1');
    expect(session).not.toBeNull();
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/Now: On/));
    expect(t.card()?.getAttribute('data-step')).toBe('turn-off-ai-training');
    expect(t.card()?.textContent).toContain(
      '"Do it for me" changes: Use my data for training content creation AI models',
    );
    // The page cannot reach our UI.
    expect(document.querySelector('policy-lens-walkthrough')?.shadowRoot).toBeNull();
    await vi.waitFor(async () => expect((await t.run())?.boundPage).toBe(AI_URL));
  });

  it('"Do it for me": a trusted click while the card is visible changes the control, then the run waits for the reload', async () => {
    const t = await setUp();
    await t.start('doc-1');
    await vi.waitFor(() => expect(t.button('Do it for me')).not.toBeNull());
    // A click the page makes (untrusted) does nothing.
    t.button('Do it for me')?.click();
    expect(aiSwitch().checked).toBe(true);
    userClick(t.button('Do it for me') as HTMLButtonElement);
    expect(aiSwitch().checked).toBe(false);
    await vi.waitFor(async () => expect((await t.run())?.awaitingReload).toBe(true));
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/Reload the page to confirm/));
    expect(t.asked).toEqual([]);
  });

  it('"Do it for me" while our card is not seen as drawn asks in the popup, and acts on its confirmation', async () => {
    const t = await setUp({ visible: false });
    const session = await t.start('doc-1');
    await vi.waitFor(() => expect(t.button('Do it for me')).not.toBeNull());
    userClick(t.button('Do it for me') as HTMLButtonElement);
    expect(aiSwitch().checked).toBe(true);
    expect(t.asked).toEqual([3]);
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/confirm in the Policy Lens toolbar button/));
    // A confirmation for another step changes nothing; for this one it does.
    session?.confirmed(2);
    expect(aiSwitch().checked).toBe(true);
    session?.confirmed(3);
    expect(aiSwitch().checked).toBe(false);
  });

  it('offers no "Do it for me" for a control found by its text only, and says to set it by hand', async () => {
    const t = await setUp({ html: TEXT_ONLY_PAGE });
    const session = await t.start('doc-1');
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/Now: On/));
    expect(t.button('Do it for me')).toBeNull();
    expect(t.card()?.textContent).toMatch(/Found by its text only/);
    session?.confirmed(3);
    expect(aiSwitch().checked).toBe(true);
  });

  it('takes the reload proof only from a new document of the same page', async () => {
    const t = await setUp();
    const first = await t.start('doc-1');
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/Now: On/));
    aiSwitch().click(); // the user's own change on the page
    await vi.waitFor(async () => expect((await t.run())?.awaitingReload).toBe(true));
    first?.stop();
    // Reloaded: a new document serves the saved state.
    goTo(AI_URL, LINKEDIN_AI_PAGE.replace(' checked>', '>'));
    await t.start('doc-2');
    await vi.waitFor(() => expect(t.card()?.getAttribute('data-status')).toBe('done'));
    expect(t.progress.list()).toEqual([
      expect.objectContaining({ provisionId: 'linkedin.ai-training', seenOn: AI_URL }),
    ]);
  });

  it('pauses on another page of the platform (no overlay), and comes back after an in-app navigation', async () => {
    const t = await setUp();
    // At the setting step (its page seen once), then on the feed in a new document.
    const first = await t.start('doc-1');
    await vi.waitFor(async () => expect((await t.run())?.stepIndex).toBe(3));
    first?.stop();
    goTo('https://www.linkedin.com/feed/', '<h1>Feed</h1>');
    const session = await t.start('doc-2');
    expect(session).not.toBeNull();
    await vi.waitFor(async () => expect((await t.run())?.stepIndex).toBe(3));
    expect(document.querySelector('policy-lens-walkthrough')).toBeNull();
    goTo(AI_URL, LINKEDIN_AI_PAGE);
    session?.navigated();
    await vi.waitFor(() => expect(t.card()?.textContent).toMatch(/Now: On/));
    // And away again: the overlay goes.
    goTo('https://www.linkedin.com/feed/', '<h1>Feed</h1>');
    session?.navigated();
    await vi.waitFor(() => expect(document.querySelector('policy-lens-walkthrough')).toBeNull());
  });

  it('starts nothing on a page of another site (the run belongs to LinkedIn)', async () => {
    const t = await setUp();
    goTo('https://www.reddit.com/settings/preferences', '<input type="checkbox" role="switch" aria-label="Dark mode">');
    expect(await t.start('doc-1')).toBeNull();
    expect(document.querySelector('policy-lens-walkthrough')).toBeNull();
  });

  it('stops and takes its UI away when its lifetime ends (the extension was updated)', async () => {
    const t = await setUp();
    await t.start('doc-1');
    await vi.waitFor(() => expect(t.card()).not.toBeNull());
    t.lifetime.abort();
    expect(document.querySelector('policy-lens-walkthrough')).toBeNull();
  });
});
