/** Before the e2e run: the browsers it drives (Chromium, Firefox), installed from Debian as root when missing. */
import { ensureChromium, ensureChromiumLocales } from './chromium';
import { ensureFirefox } from './firefox';

try {
  const chromium = ensureChromium();
  ensureChromiumLocales(chromium);
  console.info(`Chromium: ${chromium}`);
  console.info(`Firefox: ${ensureFirefox()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
