/** How the banner names the document: the title alone when it names the platform, else "<platform>: <title>" or so. */
import { describe, expect, it } from 'vitest';
import { documentHeading } from '../../../components/PolicyBanner';
import { t } from '../../../utils/i18n';

describe('documentHeading', () => {
  it('keeps a title that names the platform as a word of its own, in any case', () => {
    expect(documentHeading('LinkedIn', 'LinkedIn Privacy Policy')).toBe('LinkedIn Privacy Policy');
    expect(documentHeading('Microsoft', 'Microsoft Privacy Statement')).toBe('Microsoft Privacy Statement');
    expect(documentHeading('X (Twitter)', 'X Privacy Policy')).toBe('X Privacy Policy');
    expect(documentHeading('Reddit', 'User Agreement (reddit)')).toBe('User Agreement (reddit)');
    expect(documentHeading('Google', 'Privacy Policy – Google')).toBe('Privacy Policy – Google');
  });

  it('names the platform first when the title does not, or has its name only inside a longer word', () => {
    expect(documentHeading('LinkedIn', 'Privacy Policy')).toBe(t('banner_documentOf', 'LinkedIn', 'Privacy Policy'));
    expect(documentHeading('X (Twitter)', 'Xbox Privacy')).toBe(t('banner_documentOf', 'X (Twitter)', 'Xbox Privacy'));
    expect(documentHeading('Meta', 'Metadata Policy')).toBe(t('banner_documentOf', 'Meta', 'Metadata Policy'));
    // Letters of any script count as part of the word.
    expect(documentHeading('Meta', 'Metaé Policy')).toBe(t('banner_documentOf', 'Meta', 'Metaé Policy'));
    expect(t('banner_documentOf', 'LinkedIn', 'Privacy Policy')).not.toBe('Privacy Policy');
  });
});
