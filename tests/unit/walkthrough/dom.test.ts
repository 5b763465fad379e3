// @vitest-environment happy-dom
/**
 * The walkthrough DOM adapter on our own synthetic settings pages: finding a control by each
 * matcher kind and in matcher order, never inside our own UI or hidden subtrees, waiting for late
 * controls, watching state through user clicks, attribute flips, property-only changes and
 * single-page-app re-renders, click steps, "Do it for me" and where the outline goes.
 *
 * Everything runs in the test's global happy-dom document with real timers (happy-dom delivers
 * MutationObserver records and its window timers in real time); assertions on asynchronous
 * behaviour wait with vi.waitFor and never assert on speed.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ownHosts } from '../../../utils/own-ui';
import type { Matcher } from '../../../utils/schema';
import {
  type ControlSnapshot,
  type DesiredState,
  findTarget,
  isDesired,
  outlineTarget,
  readState,
  setControlForUser,
  waitForTarget,
  watchClick,
  watchControl,
} from '../../../utils/walkthrough/dom';

/** LinkedIn's "Data for Generative AI Improvement" toggle, reduced to what the matchers rely on. */
const LINKEDIN_SWITCH = `
  <section>
    <h2>Data for Generative AI Improvement</h2>
    <div class="toggle">
      <span id="allowDataForGenerativeAI">Use my data for training content creation AI models</span>
      <input type="checkbox" role="switch" id="li-switch" aria-labelledby="allowDataForGenerativeAI" checked>
    </div>
  </section>`;
const LINKEDIN_ATTRIBUTE: Matcher = { by: 'attribute', name: 'aria-labelledby', value: 'allowDataForGenerativeAI' };

const CHECKED_OFF: DesiredState = { kind: 'checked', value: false };
const CHECKED_ON: DesiredState = { kind: 'checked', value: true };

function mount(html: string): void {
  document.body.innerHTML = html;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`fixture has no #${id}`);
  return element;
}

/** happy-dom does no layout (every box is 0×0): give an element a box of its own. */
function giveSize(element: Element, width: number, height: number): void {
  vi.spyOn(element, 'getBoundingClientRect').mockReturnValue({
    x: 0,
    y: 0,
    width,
    height,
    top: 0,
    left: 0,
    right: width,
    bottom: height,
    toJSON: () => ({}),
  });
}

/** Collects watchControl snapshots; `last` is the most recent. */
function recorder(): { snapshots: ControlSnapshot[]; onChange: (s: ControlSnapshot) => void; last(): ControlSnapshot } {
  const snapshots: ControlSnapshot[] = [];
  return {
    snapshots,
    onChange: (s) => snapshots.push(s),
    last: () => {
      const s = snapshots.at(-1);
      if (!s) throw new Error('no snapshot yet');
      return s;
    },
  };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const controllers: AbortController[] = [];
function newSignal(): AbortSignal {
  const controller = new AbortController();
  controllers.push(controller);
  return controller.signal;
}

afterEach(() => {
  // Stop every watcher a test started, then clear the page.
  for (const controller of controllers.splice(0)) controller.abort();
  document.body.innerHTML = '';
});

describe('findTarget: matcher kinds', () => {
  it('attribute: LinkedIn switch by aria-labelledby, exact value only', () => {
    mount(LINKEDIN_SWITCH);
    const found = findTarget(document, [LINKEDIN_ATTRIBUTE]);
    expect(found?.element).toBe(byId('li-switch'));
    expect(found?.matchedBy).toBe('attribute');

    // The label span has the id, not the attribute; a longer value is not equal.
    mount('<span id="allowDataForGenerativeAI">x</span><input aria-labelledby="allowDataForGenerativeAI other">');
    expect(findTarget(document, [LINKEDIN_ATTRIBUTE])).toBeNull();
  });

  it('attribute: odd or invalid attribute names find nothing and do not throw', () => {
    mount('<input data-setting="ads" id="ads">');
    for (const name of ['1bad name"]', '', ']', 'data-setting"]*[x']) {
      expect(findTarget(document, [{ by: 'attribute', name, value: 'ads' }])).toBeNull();
    }
    expect(findTarget(document, [{ by: 'attribute', name: 'data-setting', value: 'ads' }])?.element).toBe(byId('ads'));
  });

  it('role: a switch named by aria-labelledby (whitespace and case normalised)', () => {
    mount(LINKEDIN_SWITCH);
    const found = findTarget(document, [
      { by: 'role', role: 'switch', name: '  use my DATA for training\ncontent creation AI models ' },
    ]);
    expect(found?.element).toBe(byId('li-switch'));
    expect(found?.matchedBy).toBe('role');
  });

  it('role: a native button and an explicit role=button, by accessible name', () => {
    mount(`
      <button id="save">Save <b>changes</b></button>
      <div role="button" id="cancel" aria-label="Cancel"></div>`);
    expect(findTarget(document, [{ by: 'role', role: 'button', name: 'Save changes' }])?.element).toBe(byId('save'));
    expect(findTarget(document, [{ by: 'role', role: 'button', name: 'cancel' }])?.element).toBe(byId('cancel'));
    expect(findTarget(document, [{ by: 'role', role: 'button', name: 'Delete' }])).toBeNull();
  });

  it('role: a plain checkbox is a checkbox, not a switch (switch is explicit only)', () => {
    mount('<input type="checkbox" id="c" aria-label="Ads">');
    expect(findTarget(document, [{ by: 'role', role: 'switch', name: 'Ads' }])).toBeNull();
    expect(findTarget(document, [{ by: 'role', role: 'checkbox', name: 'Ads' }])?.element).toBe(byId('c'));
  });

  it('text: a label with for= resolves to its control', () => {
    mount('<label for="ads">Personalised   ads</label><div><input type="checkbox" id="ads"></div>');
    const found = findTarget(document, [{ by: 'text', text: ['personalised ads'] }]);
    expect(found?.element).toBe(byId('ads'));
    expect(found?.matchedBy).toBe('text');
  });

  it('text: a nested label (text in a span inside it) resolves to the nested control', () => {
    mount('<label><span>Marketing emails</span> <input type="checkbox" id="mk"></label>');
    expect(findTarget(document, [{ by: 'text', text: ['Marketing emails'] }])?.element).toBe(byId('mk'));
  });

  it('text: text inside a button resolves to the button', () => {
    mount('<button id="off"><svg></svg><span>Turn off</span></button>');
    expect(findTarget(document, [{ by: 'text', text: ['turn off'] }])?.element).toBe(byId('off'));
  });

  it('text: a label referenced by aria-labelledby resolves to the control (LinkedIn)', () => {
    mount(LINKEDIN_SWITCH);
    const found = findTarget(document, [{ by: 'text', text: ['Use my data for training content creation AI models'] }]);
    expect(found?.element).toBe(byId('li-switch'));
  });

  it('text: any of the localised texts; the smallest element; a label beats a heading with the same text', () => {
    mount(`
      <h2 id="heading">Anzeigen</h2>
      <div id="outer"><div><span id="plain">Werbung</span></div></div>
      <label for="de">Anzeigen</label><input type="checkbox" id="de">`);
    expect(findTarget(document, [{ by: 'text', text: ['Ads', 'Werbung'] }])?.element).toBe(byId('plain'));
    expect(findTarget(document, [{ by: 'text', text: ['Anzeigen'] }])?.element).toBe(byId('de'));
    expect(findTarget(document, [{ by: 'text', text: ['Something else'] }])).toBeNull();
  });

  it('text: script and style text is not visible text', () => {
    mount('<div id="d">Ads<script>/* Ads */</script><style>.ads{}</style></div>');
    expect(findTarget(document, [{ by: 'text', text: ['Ads'] }])?.element).toBe(byId('d'));
  });

  it('css: a selector finds the element; an invalid selector finds nothing', () => {
    mount('<div id="settings"><input class="toggle" id="t" type="checkbox"></div>');
    expect(findTarget(document, [{ by: 'css', selector: '#settings input.toggle' }])?.element).toBe(byId('t'));
    expect(findTarget(document, [{ by: 'css', selector: '[[nope' }])).toBeNull();
  });
});

describe('findTarget: order and exclusions', () => {
  it('the first matcher that finds something wins', () => {
    mount(`${LINKEDIN_SWITCH}<input type="checkbox" class="toggle" id="other">`);
    const found = findTarget(document, [LINKEDIN_ATTRIBUTE, { by: 'css', selector: 'input.toggle' }]);
    expect(found?.element).toBe(byId('li-switch'));
    expect(found?.matchedBy).toBe('attribute');
  });

  it('later matchers are used when earlier ones fail', () => {
    mount('<input type="checkbox" class="toggle" id="other">');
    const found = findTarget(document, [
      LINKEDIN_ATTRIBUTE,
      { by: 'role', role: 'switch', name: 'Use my data' },
      { by: 'text', text: ['Use my data'] },
      { by: 'css', selector: 'input.toggle' },
    ]);
    expect(found?.element).toBe(byId('other'));
    expect(found?.matchedBy).toBe('css');
  });

  it('never matches inside our own UI hosts or [hidden] subtrees', () => {
    mount(`
      <div id="ours" data-policy-lens-host><button data-x="1" aria-label="Save">Save</button></div>
      <div hidden><button data-x="1" aria-label="Save">Save</button></div>`);
    ownHosts.add(byId('ours') as Element);
    const matchers: Matcher[][] = [
      [{ by: 'attribute', name: 'data-x', value: '1' }],
      [{ by: 'role', role: 'button', name: 'Save' }],
      [{ by: 'text', text: ['Save'] }],
      [{ by: 'css', selector: 'button' }],
      [{ by: 'attribute', name: 'data-policy-lens-host', value: '' }],
    ];
    for (const m of matchers) expect(findTarget(document, m)).toBeNull();
  });

  it('a page cannot hide its controls from us by copying our host attribute', () => {
    mount('<div data-policy-lens-host><button id="b" aria-label="Save">Save</button></div>');
    expect(findTarget(document, [{ by: 'role', role: 'button', name: 'Save' }])?.element).toBe(byId('b'));
  });

  it('skips an excluded match and takes the next usable one', () => {
    mount('<div hidden><button class="b" id="h">Save</button></div><button class="b" id="v">Save</button>');
    expect(findTarget(document, [{ by: 'css', selector: 'button.b' }])?.element).toBe(byId('v'));
    expect(findTarget(document, [{ by: 'text', text: ['Save'] }])?.element).toBe(byId('v'));
  });
});

describe('readState and isDesired', () => {
  it('checked: a native checkbox uses .checked, even with a stale aria-checked', () => {
    mount('<input type="checkbox" id="c" aria-checked="false">');
    const input = byId('c') as HTMLInputElement;
    expect(readState(input, CHECKED_ON)).toBe(false);
    input.checked = true;
    expect(readState(input, CHECKED_ON)).toBe(true);
    expect(readState(input, { kind: 'aria-checked', value: true })).toBe(true);
  });

  it('aria attributes: true, false, mixed, absent', () => {
    mount('<div role="switch" id="s" aria-checked="true"></div><button id="b"></button>');
    const s = byId('s');
    expect(readState(s, CHECKED_ON)).toBe(true);
    expect(readState(s, { kind: 'aria-checked', value: true })).toBe(true);
    s.setAttribute('aria-checked', 'false');
    expect(readState(s, CHECKED_ON)).toBe(false);
    s.setAttribute('aria-checked', 'mixed');
    expect(readState(s, CHECKED_ON)).toBe('mixed');
    expect(isDesired('mixed', CHECKED_ON)).toBe(false);
    expect(isDesired('mixed', CHECKED_OFF)).toBe(false);

    const b = byId('b');
    expect(readState(b, { kind: 'aria-pressed', value: false })).toBeNull(); // not a toggle button
    b.setAttribute('aria-pressed', 'true');
    expect(readState(b, { kind: 'aria-pressed', value: false })).toBe(true);
    b.setAttribute('aria-selected', 'false');
    expect(readState(b, { kind: 'aria-selected', value: true })).toBe(false);
  });

  it('select: the value of a <select>, the text of a custom combobox', () => {
    mount(`
      <select id="sel"><option value="on">On</option><option value="off" selected>Off</option></select>
      <div role="combobox" id="combo"> Only  me </div>
      <div id="plain">x</div>`);
    expect(readState(byId('sel'), { kind: 'select', value: 'off' })).toBe('off');
    expect(readState(byId('combo'), { kind: 'select', value: 'Only me' })).toBe('Only me');
    expect(readState(byId('plain'), { kind: 'select', value: 'x' })).toBeNull();
  });

  it('isDesired is strict equality', () => {
    expect(isDesired(true, CHECKED_ON)).toBe(true);
    expect(isDesired(false, CHECKED_ON)).toBe(false);
    expect(isDesired(null, CHECKED_OFF)).toBe(false);
    expect(isDesired('off', { kind: 'select', value: 'off' })).toBe(true);
    expect(isDesired('Off', { kind: 'select', value: 'off' })).toBe(false);
  });
});

describe('waitForTarget', () => {
  it('resolves at once when the control is already there', async () => {
    mount(LINKEDIN_SWITCH);
    const found = await waitForTarget(document, [LINKEDIN_ATTRIBUTE], { timeoutMs: 1000 });
    expect(found?.element).toBe(byId('li-switch'));
  });

  it('resolves when the control is inserted later, and cleans up its observer', async () => {
    mount('<main id="app"></main>');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    setTimeout(() => {
      byId('app').innerHTML = LINKEDIN_SWITCH;
    }, 30);
    // A long poll interval: the mutation observer is what finds it.
    const found = await waitForTarget(document, [LINKEDIN_ATTRIBUTE], { timeoutMs: 5000, pollMs: 60_000 });
    expect(found?.element).toBe(byId('li-switch'));
    expect(disconnect).toHaveBeenCalled();
  });

  it('resolves when a hidden control is revealed', async () => {
    mount('<div hidden id="wrap"><input type="checkbox" class="toggle"></div>');
    setTimeout(() => byId('wrap').removeAttribute('hidden'), 30);
    const found = await waitForTarget(document, [{ by: 'css', selector: '.toggle' }], { timeoutMs: 5000 });
    expect(found?.matchedBy).toBe('css');
  });

  it('resolves null on timeout', async () => {
    mount('<main></main>');
    expect(await waitForTarget(document, [LINKEDIN_ATTRIBUTE], { timeoutMs: 50, pollMs: 10 })).toBeNull();
  });

  it('never rejects on odd matcher data (invalid attribute name, invalid selector)', async () => {
    mount('<main></main>');
    const odd: Matcher[] = [
      { by: 'attribute', name: '1bad name"]', value: 'x' },
      { by: 'css', selector: '[[nope' },
    ];
    await expect(waitForTarget(document, odd, { timeoutMs: 50, pollMs: 10 })).resolves.toBeNull();
  });

  it('resolves null on abort (and at once when already aborted)', async () => {
    mount('<main></main>');
    const controller = new AbortController();
    const pending = waitForTarget(document, [LINKEDIN_ATTRIBUTE], { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBeNull();

    mount(LINKEDIN_SWITCH);
    expect(
      await waitForTarget(document, [LINKEDIN_ATTRIBUTE], { timeoutMs: 1000, signal: controller.signal }),
    ).toBeNull();
  });
});

describe('watchControl', () => {
  it('reports the first snapshot synchronously; already in the desired state', () => {
    mount(LINKEDIN_SWITCH); // checked
    const rec = recorder();
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_ON, rec.onChange, { signal: newSignal() });
    expect(rec.snapshots).toHaveLength(1);
    expect(rec.last()).toMatchObject({ state: true, inDesiredState: true });
    expect(rec.last().found?.element).toBe(byId('li-switch'));
  });

  it('the user clicking a checkbox makes the snapshot desired', async () => {
    mount(LINKEDIN_SWITCH);
    const rec = recorder();
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_OFF, rec.onChange, { signal: newSignal(), pollMs: 60_000 });
    expect(rec.last()).toMatchObject({ state: true, inDesiredState: false });
    byId('li-switch').click();
    await vi.waitFor(() => expect(rec.last()).toMatchObject({ state: false, inDesiredState: true }));
    expect(rec.snapshots).toHaveLength(2);
  });

  it('an aria-checked attribute flip is reported', async () => {
    mount('<div role="switch" aria-label="Ads" aria-checked="true" id="s"></div>');
    const rec = recorder();
    watchControl(
      document,
      [{ by: 'role', role: 'switch', name: 'Ads' }],
      { kind: 'aria-checked', value: false },
      rec.onChange,
      {
        signal: newSignal(),
        pollMs: 60_000,
      },
    );
    byId('s').setAttribute('aria-checked', 'false');
    await vi.waitFor(() => expect(rec.last()).toMatchObject({ state: false, inDesiredState: true }));
  });

  it('a property-only change (no event, no mutation) is caught by the poll', async () => {
    mount(LINKEDIN_SWITCH);
    const rec = recorder();
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_OFF, rec.onChange, { signal: newSignal(), pollMs: 20 });
    (byId('li-switch') as HTMLInputElement).checked = false;
    await vi.waitFor(() => expect(rec.last().inDesiredState).toBe(true));
  });

  it('a select changed by the user is reported with its value', async () => {
    mount('<select id="sel"><option value="everyone">Everyone</option><option value="nobody">Nobody</option></select>');
    const rec = recorder();
    const desired: DesiredState = { kind: 'select', value: 'nobody' };
    watchControl(document, [{ by: 'css', selector: '#sel' }], desired, rec.onChange, {
      signal: newSignal(),
      pollMs: 60_000,
    });
    expect(rec.last().state).toBe('everyone');
    const select = byId('sel') as HTMLSelectElement;
    select.value = 'nobody';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(rec.last()).toMatchObject({ state: 'nobody', inDesiredState: true }));
  });

  it('a re-render replacing the node is re-found and the new element state reported', async () => {
    mount(`<main id="app">${LINKEDIN_SWITCH}</main>`);
    const rec = recorder();
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_OFF, rec.onChange, { signal: newSignal(), pollMs: 60_000 });
    const old = byId('li-switch');
    byId('app').innerHTML = LINKEDIN_SWITCH.replace(' checked>', '>'); // the platform re-renders, now off
    const replacement = byId('li-switch');
    expect(replacement).not.toBe(old);
    await vi.waitFor(() => expect(rec.last().found?.element).toBe(replacement));
    expect(rec.last()).toMatchObject({ state: false, inDesiredState: true });
  });

  it('reports "not found" first, then the control once it appears', async () => {
    mount('<main id="app"></main>');
    const rec = recorder();
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_OFF, rec.onChange, { signal: newSignal(), pollMs: 60_000 });
    expect(rec.last()).toEqual({ found: null, state: null, inDesiredState: false });
    byId('app').innerHTML = LINKEDIN_SWITCH;
    await vi.waitFor(() => expect(rec.last().found?.element).toBe(byId('li-switch')));
  });

  it('deduplicates identical snapshots and stops on abort', async () => {
    mount(`${LINKEDIN_SWITCH}<button id="elsewhere">x</button><div id="noise"></div>`);
    const rec = recorder();
    const controller = new AbortController();
    controllers.push(controller);
    watchControl(document, [LINKEDIN_ATTRIBUTE], CHECKED_OFF, rec.onChange, { signal: controller.signal, pollMs: 10 });
    byId('elsewhere').click();
    byId('noise').setAttribute('aria-checked', 'true');
    byId('noise').append(document.createElement('p'));
    await pause(120); // several polls and the coalesced mutation check
    expect(rec.snapshots).toHaveLength(1);

    controller.abort();
    byId('li-switch').click();
    await pause(120);
    expect(rec.snapshots).toHaveLength(1);
  });
});

describe('watchClick', () => {
  it('fires once when the user clicks the target or something inside it', () => {
    mount('<button id="next"><span id="inner">Next</span></button><p id="elsewhere">x</p>');
    const onClick = vi.fn();
    watchClick(document, [{ by: 'role', role: 'button', name: 'Next' }], onClick, { signal: newSignal() });
    byId('elsewhere').click();
    expect(onClick).not.toHaveBeenCalled();
    byId('inner').click();
    byId('next').click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('still fires after the target was re-rendered', () => {
    mount('<main id="app"><button id="next">Next</button></main><p id="elsewhere">x</p>');
    const onClick = vi.fn();
    watchClick(document, [{ by: 'text', text: ['Next'] }], onClick, { signal: newSignal() });
    byId('elsewhere').click(); // the target is looked up (and remembered) at this click
    const old = byId('next');
    byId('app').innerHTML = '<button id="next">Next</button>'; // the platform re-renders
    expect(byId('next')).not.toBe(old);
    byId('next').click();
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('does nothing after abort', () => {
    mount('<button id="next">Next</button>');
    const onClick = vi.fn();
    const controller = new AbortController();
    watchClick(document, [{ by: 'css', selector: '#next' }], onClick, { signal: controller.signal });
    controller.abort();
    byId('next').click();
    expect(onClick).not.toHaveBeenCalled();
  });
});

describe('setControlForUser', () => {
  it('clicks a checkbox/switch into the desired state, as a real click the page sees', () => {
    mount(LINKEDIN_SWITCH);
    const input = byId('li-switch') as HTMLInputElement;
    const changes = vi.fn();
    document.addEventListener('change', changes);
    expect(setControlForUser(input, { kind: 'aria-checked', value: false })).toBe(false);
    expect(input.checked).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
    document.removeEventListener('change', changes);
  });

  it('does not click when already desired', () => {
    mount(LINKEDIN_SWITCH);
    const input = byId('li-switch') as HTMLInputElement;
    const click = vi.spyOn(input, 'click');
    expect(setControlForUser(input, CHECKED_ON)).toBe(true);
    expect(click).not.toHaveBeenCalled();
  });

  it('a custom switch flipped by the page on click', () => {
    mount('<div role="switch" aria-checked="true" id="s" tabindex="0"></div>');
    const s = byId('s');
    s.addEventListener('click', () =>
      s.setAttribute('aria-checked', String(s.getAttribute('aria-checked') !== 'true')),
    );
    expect(setControlForUser(s, { kind: 'aria-checked', value: false })).toBe(false);
    expect(s.getAttribute('aria-checked')).toBe('false');
  });

  it('a select: sets the value and dispatches input and change; unknown options are left alone', () => {
    mount('<select id="sel"><option value="everyone">Everyone</option><option value="nobody">Nobody</option></select>');
    const select = byId('sel') as HTMLSelectElement;
    const events: string[] = [];
    select.addEventListener('input', () => events.push('input'));
    select.addEventListener('change', () => events.push('change'));
    expect(setControlForUser(select, { kind: 'select', value: 'nobody' })).toBe('nobody');
    expect(select.value).toBe('nobody');
    expect(events).toEqual(['input', 'change']);

    expect(setControlForUser(select, { kind: 'select', value: 'martians' })).toBe('nobody');
    expect(events).toHaveLength(2);
  });
});

describe('outlineTarget', () => {
  it('a visible control is outlined itself', () => {
    mount('<input type="checkbox" id="c">');
    giveSize(byId('c'), 20, 20);
    expect(outlineTarget(byId('c'))).toBe(byId('c'));
  });

  it('a 0×0 input: its for= label', () => {
    mount('<label for="c" id="l">Ads</label><input type="checkbox" id="c">');
    giveSize(byId('c'), 0, 0);
    giveSize(byId('l'), 80, 20);
    expect(outlineTarget(byId('c'))).toBe(byId('l'));
  });

  it('an opacity:0 input: its wrapping label', () => {
    mount('<label id="l"><input type="checkbox" id="c" style="opacity: 0"><span class="track"></span> Ads</label>');
    giveSize(byId('c'), 40, 20);
    giveSize(byId('l'), 120, 24);
    expect(outlineTarget(byId('c'))).toBe(byId('l'));
  });

  it('LinkedIn: a hidden switch input is outlined by its aria-labelledby label', () => {
    mount(LINKEDIN_SWITCH);
    giveSize(byId('li-switch'), 0, 0);
    giveSize(byId('allowDataForGenerativeAI'), 300, 20);
    expect(outlineTarget(byId('li-switch'))).toBe(byId('allowDataForGenerativeAI'));
  });

  it('no label: the nearest visible wrapper, else the control', () => {
    mount('<div id="track"><input type="checkbox" id="c"></div>');
    giveSize(byId('c'), 0, 0);
    giveSize(byId('track'), 40, 20);
    expect(outlineTarget(byId('c'))).toBe(byId('track'));

    mount('<div><input type="checkbox" id="c"></div>'); // nothing has a box (happy-dom default)
    expect(outlineTarget(byId('c'))).toBe(byId('c'));
  });
});
