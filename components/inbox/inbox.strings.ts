/**
 * The inbox's English strings; other locales live in
 * `shared/localize/locales/`.
 */
import type { Strings } from '../shared/localize/keys.js';
import { addStrings } from '../shared/localize/registry.js';

export const inboxEn = {
  'inbox.label': 'Conversations',
  'inbox.title': 'Messages',
  'inbox.empty.title': 'No conversations yet',
  'inbox.empty.body': 'Start one with the button above.',
  'inbox.error.title': 'Could not load your conversations.',
  'inbox.loading': 'Loading conversations',
  'inbox.typing': 'typing…',
  'inbox.typing-named': '{name} is typing…',
  'inbox.no-messages': 'No messages yet',
  'inbox.unread': '{count} unread messages',
  'inbox.unread#one': '1 unread message',
  'inbox.online': 'online',
  'inbox.untitled-group': 'Untitled group',
  'inbox.direct-fallback': 'Direct message',
  'inbox.group-members': '{names}',
  'inbox.new': 'New conversation',
  'inbox.new.title': 'New conversation',
  'inbox.new.type': 'Type',
  'inbox.new.direct': 'Direct',
  'inbox.new.group': 'Group',
  'inbox.new.members': 'Members',
  'inbox.new.member': 'Member',
  'inbox.new.members-hint': 'External ids, separated by commas or spaces',
  'inbox.new.member-hint': 'The external id of the person to talk to',
  'inbox.new.name': 'Group name',
  'inbox.new.create': 'Create',
  'inbox.new.creating': 'Creating…',
  'inbox.new.error-members': 'Enter at least one member.',
  'inbox.new.error-direct': 'A direct conversation has exactly one other person.',
  'inbox.new.error': 'Could not create the conversation.',
} as const satisfies Record<string, string>;

declare module '../shared/localize/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof inboxEn> {}
}

addStrings('en', inboxEn);
