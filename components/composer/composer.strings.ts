/**
 * The English strings of the composer. They register when this module
 * loads, with the code that shows them; other locales live in
 * `shared/localize/locales/`.
 */
import type { Strings } from '../shared/localize/keys.js';
import { addStrings } from '../shared/localize/registry.js';

export const composerEn = {
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.placeholder-thread': 'Reply in thread…',
  'composer.placeholder-edit': 'Edit your message…',
  'composer.tools': 'Message tools',
  'composer.send': 'Send',
  'composer.save': 'Save',
  'composer.uploading': 'Uploading…',
  'composer.uploading-hint': 'The message sends when the uploads finish.',
  'composer.attach': 'Attach files',
  'composer.emoji': 'Insert emoji',
  'composer.emoji-picker': 'Emoji picker',
  'composer.drop': 'Drop files to attach',
  'composer.attachments': 'Attachments',
  'composer.attachment.progress': 'Uploading {name}',
  'composer.attachment.remove': 'Remove {name}',
  'composer.attachment.cancel': 'Cancel upload of {name}',
  'composer.attachment.retry': 'Retry upload of {name}',
  'composer.attachment.failed': 'Upload failed',
  'composer.attachment.done': '{name} uploaded',
  'composer.attachment.failed-named': 'Could not upload {name}',
  'composer.attachment.too-many': 'A message can carry at most {max} files.',
  'composer.quote': 'Quoting {name}',
  'composer.quote.close': 'Stop quoting',
  'composer.quote.attachment': 'Attachment',
  'composer.edit': 'Editing your message',
  'composer.edit.cancel': 'Cancel editing',
  'composer.thread': 'Replying in thread',
  'composer.mentions': 'People to mention',
  'composer.shortcodes': 'Emoji suggestions',
  'composer.hint': 'Enter to send, Shift+Enter for a new line',
  'composer.hint-edit': 'Enter to save, Escape to cancel',
} as const satisfies Record<string, string>;

declare module '../shared/localize/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof composerEn> {}
}

addStrings('en', composerEn);
