/**
 * The launcher's English strings; other locales live in
 * `shared/localize/locales/`.
 */
import type { Strings } from '../shared/localize/keys.js';
import { addStrings } from '../shared/localize/registry.js';

export const launcherEn = {
  'launcher.title': 'Chat',
  'launcher.open': 'Open chat',
  'launcher.open-unread': 'Open chat, {count} unread messages',
  'launcher.open-unread#one': 'Open chat, 1 unread message',
  'launcher.close': 'Close chat',
  'launcher.back': 'Back to conversations',
} as const satisfies Record<string, string>;

declare module '../shared/localize/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof launcherEn> {}
}

addStrings('en', launcherEn);
