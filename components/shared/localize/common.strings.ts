/**
 * The English strings every element shares (retry, cancel, you…); other
 * locales live in `locales/`.
 */
import type { Strings } from './keys.js';
import { addStrings } from './registry.js';

export const commonEn = {
  'common.retry': 'Retry',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.back': 'Back',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong.',
  'common.online': 'Online',
  'common.offline': 'Offline',
  'common.you': 'You',
  'common.unknown-user': 'Unknown user',
} as const satisfies Record<string, string>;

declare module './keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof commonEn> {}
}

addStrings('en', commonEn);
