/** The English messages for unit tests, with the browser's `$1`… substitution (setup file of vitest). */
import en from '../../public/_locales/en/messages.json';
import { installMessages } from '../../utils/i18n';

export function englishMessage(key: string, substitutions: string[] = []): string {
  const entry = (en as Record<string, { message: string } | undefined>)[key];
  if (!entry) return '';
  return entry.message.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
}

installMessages(englishMessage);
