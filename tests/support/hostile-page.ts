/**
 * A hostile LinkedIn privacy policy page (issue 15): the corpus page (tests/support/corpus-page.ts)
 * with a script of the page's own that keeps a counter (the page still works), counts every
 * Policy Lens host inserted under <html> (with the MutationObserver it saved before replacing it),
 * and, as asked for:
 * - `patch`: replaces built-ins in its world with throwing or lying versions (Array.prototype.map,
 *   Element.prototype.attachShadow, MutationObserver, JSON.parse/stringify, Node.prototype.appendChild);
 * - `fake`: draws a look-alike <policy-lens-banner> with an open root and buttons, and sends
 *   synthetic events at every <policy-lens-banner> in the page (ours too) every 250 ms, clicking
 *   every button it can reach in an open root;
 * - `janitor`: removes every child of <html> but <head> and <body> every 200 ms;
 * - `nodes`: adds 50,000 paragraphs with their text (100,000 nodes) after the policy.
 * It writes what it saw as attributes on <html> (data-counter, data-host-insertions, …), which a
 * test reads without running code in the page's world. `hostilePage` does the same to any page
 * (a model settings page for the chip and the walkthrough overlay), its own <style> and <script>
 * elements given the nonce its CSP (HOSTILE_PAGE_CSP) allows.
 */
import { linkedinPrivacyPage } from './corpus-page';

export interface Hostility {
  patch?: boolean;
  fake?: boolean;
  /** The look-alike's tag with `fake` (default: policy-lens-banner). */
  fakeTag?: string;
  janitor?: boolean;
  nodes?: boolean;
}

/** Every host name our UI uses: the page's synthetic events go to each of them it finds. */
const OUR_TAGS = 'policy-lens-banner, policy-lens-chip, policy-lens-walkthrough';

export const HOSTILE_NONCE = 'hostile-page-nonce';
/** Strict: nothing but the page's own nonce'd script and same-origin style sheets. */
export const HOSTILE_CSP = `default-src 'none'; style-src 'self'; script-src 'nonce-${HOSTILE_NONCE}'; base-uri 'none'; form-action 'none'`;
/** As strict, but for a page with style elements of its own (they carry the nonce; ours cannot know it). */
export const HOSTILE_PAGE_CSP = `default-src 'none'; style-src 'self' 'nonce-${HOSTILE_NONCE}'; script-src 'nonce-${HOSTILE_NONCE}'; base-uri 'none'; form-action 'none'`;

/** 2 nodes per paragraph (the element and its text). */
export const FILLER_PARAGRAPHS = 50_000;

function pageScript(h: Hostility): string {
  return `(() => {
  const RealObserver = MutationObserver;
  const realAttach = Element.prototype.attachShadow;
  const html = document.documentElement;
  const bump = (name) => html.setAttribute('data-' + name, String(Number(html.getAttribute('data-' + name) || 0) + 1));
  setInterval(() => bump('counter'), 100);
  new RealObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node.nodeName.startsWith('POLICY-LENS-')) bump('host-insertions');
  }).observe(html, { childList: true });
  document.addEventListener('securitypolicyviolation', (e) => {
    bump('csp-violations');
    html.setAttribute('data-last-violation', e.violatedDirective + ' ' + e.sourceFile);
  });
  const fake = ${h.fake === true};
  if (fake) {
    const host = document.createElement(${JSON.stringify(h.fakeTag ?? 'policy-lens-banner')});
    host.setAttribute('data-policy-lens-host', '');
    const root = realAttach.call(host, { mode: 'open' });
    for (const label of ['Dismiss', 'Show in page', 'Guide me']) {
      const button = document.createElement('button');
      button.textContent = label;
      button.className = label === 'Dismiss' ? 'dismiss' : 'show-in-page';
      button.addEventListener('click', () => bump('fake-clicks'));
      root.append(button);
    }
    document.addEventListener('DOMContentLoaded', () => document.body.prepend(host));
    setInterval(() => {
      for (const target of document.querySelectorAll(${JSON.stringify(OUR_TAGS)})) {
        target.click();
        for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click'])
          target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: 5, clientY: 5 }));
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        target.dispatchEvent(new FocusEvent('focus'));
        target.dispatchEvent(new CustomEvent('policy-lens:dismiss', { bubbles: true, composed: true, detail: {} }));
        // What it can reach: the buttons in any open root (its look-alike's; ours is closed).
        if (target.shadowRoot) for (const button of target.shadowRoot.querySelectorAll('button')) button.click();
      }
      bump('synthetic');
    }, 250);
  }
  if (${h.janitor === true}) {
    setInterval(() => {
      for (const child of [...html.children]) {
        if (child.nodeName === 'HEAD' || child.nodeName === 'BODY') continue;
        child.remove();
        bump('janitor-removed');
      }
    }, 200);
  }
  if (${h.patch === true}) {
    Array.prototype.map = function () { throw new Error('hostile page: map is gone'); };
    Element.prototype.attachShadow = function () { throw new Error('hostile page: no shadow roots'); };
    window.MutationObserver = class { observe() {} disconnect() {} takeRecords() { return []; } };
    JSON.parse = () => ({ lie: true });
    JSON.stringify = () => '"lie"';
    Node.prototype.appendChild = function (node) { return node; };
    html.setAttribute('data-patched', 'true');
  }
})();`;
}

/** `html` with the hostile script first in its <head>, and the nonce on its own style and script elements. */
export function hostilePage(html: string, h: Hostility): string {
  const own = html.replace(/<(style|script)(?=[\s>])/g, `<$1 nonce="${HOSTILE_NONCE}"`);
  return own.replace(/<head>/, `<head><script nonce="${HOSTILE_NONCE}">${pageScript(h)}</script>`);
}

export function hostileLinkedinPage(h: Hostility): string {
  let page = hostilePage(linkedinPrivacyPage(), h);
  if (h.nodes) {
    const filler = Array.from({ length: FILLER_PARAGRAPHS }, (_, i) => `<p>Filler paragraph ${i}.</p>`).join('');
    page = page.replace('</body>', `<section id="filler">${filler}</section></body>`);
  }
  return page;
}
