// @vitest-environment happy-dom
/**
 * Links in our UI: only to allow-listed https hosts, and for labels the data supplies, the host
 * the link really goes to next to the label (a label can claim anything; the host it shows is the
 * URL parser's, punycode for a look-alike IDN).
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalLink } from '../../../components/ExternalLink';
import { PendingConfirmation } from '../../../components/PendingConfirmation';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => render(null, root));

describe('ExternalLink', () => {
  it('shows the host after a data-supplied label', () => {
    render(
      <ExternalLink
        href="https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
        allowed={['linkedin.com']}
        showHost
      >
        Turn off AI training (official LinkedIn page)
      </ExternalLink>,
      root,
    );
    const link = root.querySelector('a');
    expect(link?.textContent).toBe('Turn off AI training (official LinkedIn page) (linkedin.com)');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows a look-alike host as the parser reads it', () => {
    render(
      <ExternalLink href="https://www.lіnkedin.com/settings" allowed={['xn--lnkedin-rog.com']} showHost>
        Settings
      </ExternalLink>,
      root,
    );
    expect(root.querySelector('.link-host')?.textContent).toBe(' (xn--lnkedin-rog.com)');
  });

  it('withholds a link to a host that is not allowed (plain text, no href)', () => {
    render(
      <ExternalLink href="https://evil.example/" allowed={['linkedin.com']} showHost>
        Settings
      </ExternalLink>,
      root,
    );
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe('Settings');
  });
});

describe('PendingConfirmation', () => {
  it('says in our words what would happen, and answers yes or no', () => {
    const answers: boolean[] = [];
    render(
      <PendingConfirmation
        pending={{ kind: 'dismiss', platformName: 'LinkedIn', title: 'Privacy Policy', what: '' }}
        onAnswer={(yes) => answers.push(yes)}
      />,
      root,
    );
    expect(root.textContent).toContain('Confirm for LinkedIn');
    expect(root.textContent).toContain('Stop showing the banner on “Privacy Policy” until its text changes.');
    (root.querySelector('button.confirm') as HTMLButtonElement).click();
    (root.querySelectorAll('button')[1] as HTMLButtonElement).click();
    expect(answers).toEqual([true, false]);
  });
});
