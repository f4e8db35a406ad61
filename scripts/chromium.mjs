// Where the project finds Chromium: CHROME_PATH if a user has it elsewhere,
// else Debian's /usr/bin/chromium (test tools cannot download browsers here).
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found: install it (apt-get install chromium) or set CHROME_PATH.',
    );
  }
  return found;
}

/** Without the networking flags Chromium keeps dialling closed addresses. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
