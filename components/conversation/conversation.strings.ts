/**
 * The English strings of the conversation, timeline, messages, reactions, thread and lightbox. They register when this module
 * loads, with the code that shows them; other locales live in
 * `shared/localize/locales/`.
 */
import type { Strings } from '../shared/localize/keys.js';
import { addStrings } from '../shared/localize/registry.js';

export const conversationEn = {
  'conversation.label': 'Conversation',
  'conversation.timeline': 'Messages',
  'conversation.empty.title': 'No conversation selected',
  'conversation.empty.body': 'Pick a conversation to start chatting.',
  'conversation.loading': 'Loading messages…',
  'conversation.error': 'Could not load the messages.',
  'conversation.members': '{count} members',
  'conversation.members#one': '1 member',
  'conversation.online': '{count} online',
  'conversation.direct-online': 'Online',
  'conversation.direct-offline': 'Offline',
  'conversation.typing.one': '{name} is typing…',
  'conversation.typing.two': '{first} and {second} are typing…',
  'conversation.typing.many': '{count} people are typing…',
  'conversation.reconnecting':
    'Reconnecting… New messages will appear when the connection is back.',
  'conversation.offline': 'Offline: messages will be sent when you’re back.',
  'conversation.unread': 'New messages',
  'conversation.jump-latest': 'Jump to latest',
  'conversation.new-below': '{count} new messages',
  'conversation.new-below#one': '1 new message',
  'conversation.loading-older': 'Loading older messages…',
  'conversation.beginning': 'This is the beginning of the conversation.',
  'conversation.announce': 'New message from {name}: {text}',
  'conversation.today': 'Today',
  'conversation.yesterday': 'Yesterday',
  'message.edited': '(edited)',
  'message.deleted': 'This message was deleted.',
  'message.replies': '{count} replies',
  'message.replies#one': '1 reply',
  'message.pending': 'Sending…',
  'message.queued': 'Queued: it will be sent when the connection is back.',
  'message.failed': 'Not sent.',
  'message.sent': 'Sent',
  'message.seen-by': 'Seen by {names}',
  'message.seen-by-more': 'Seen by {names} and {count} more',
  'message.actions': 'More actions',
  'message.menu': 'Message actions',
  'message.action.reply': 'Reply in thread',
  'message.action.quote': 'Quote',
  'message.action.react': 'Add reaction',
  'message.action.copy': 'Copy text',
  'message.action.edit': 'Edit',
  'message.action.delete': 'Delete',
  'message.delete.title': 'Delete this message?',
  'message.delete.body': 'It will be removed for everyone in this conversation.',
  'message.delete.confirm': 'Delete',
  'message.quote': 'Quoting {name}',
  'message.quote-deleted': 'The quoted message was deleted.',
  'message.attachment': 'Attachment',
  'message.attachment.open': 'Open image {name}',
  'message.attachment.download': 'Download {name}',
  'message.attachment.image': 'Image',
  'reactions.label': 'Reactions',
  'reactions.item': 'React with {emoji}: {count}',
  'reactions.add': 'Add reaction',
  'reactions.picker': 'Pick a reaction',
  'reactions.more': 'More emoji',
  'thread.title': 'Thread',
  'thread.close': 'Close thread',
  'thread.empty': 'No replies yet. Start the thread below.',
  'thread.replies': '{count} replies',
  'thread.replies#one': '1 reply',
  'lightbox.label': 'Image viewer',
  'lightbox.close': 'Close image viewer',
  'lightbox.download': 'Download',
} as const satisfies Record<string, string>;

declare module '../shared/localize/keys.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the keys by declaration merging
  interface PoolseStrings extends Strings<typeof conversationEn> {}
}

addStrings('en', conversationEn);
