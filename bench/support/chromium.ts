/**
 * Launches the project's Chromium (found by `scripts/chromium.mjs`) with
 * Playwright. The script is plain JS without type declarations, so it is
 * loaded through a computed specifier and its exports are checked here.
 */
import { chromium, type Browser } from 'playwright';

interface ChromiumScript {
  chromiumPath(): string;
  chromiumArgs: string[];
}

function isChromiumScript(value: unknown): value is ChromiumScript {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.chromiumPath === 'function' && Array.isArray(record.chromiumArgs);
}

const SCRIPT = '../../scripts/chromium.mjs';

export async function chromiumScript(): Promise<ChromiumScript> {
  const loaded: unknown = await import(SCRIPT);
  if (!isChromiumScript(loaded))
    throw new Error('scripts/chromium.mjs lacks chromiumPath/chromiumArgs');
  return loaded;
}

/** Headless Chromium, or a clear error when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  const script = await chromiumScript();
  return chromium.launch({
    executablePath: script.chromiumPath(),
    headless: true,
    args: [...script.chromiumArgs, '--enable-precise-memory-info'],
  });
}
