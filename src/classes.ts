/**
 * `@poolse/elements/classes`: the element classes with no registration, for
 * apps that register the tags themselves (when to define them, or with a
 * scoped registry). Importing this module defines nothing;
 * `defineElements()` registers every tag under its standard name.
 *
 * The elements render each other by their standard tags (the inbox renders
 * `<poolse-avatar>`, the conversation `<poolse-timeline>`, …), so register
 * all of them, not a few.
 */
import { PoolseAvatar } from '../components/avatar/avatar-element.js';
import { PoolseComposer } from '../components/composer/composer-element.js';
import { PoolseConversation } from '../components/conversation/conversation-element.js';
import { PoolseEmojiPicker } from '../components/emoji-picker/emoji-picker-element.js';
import { PoolseInbox } from '../components/inbox/inbox-element.js';
import { PoolseLauncher } from '../components/launcher/launcher-element.js';
import { PoolseLightbox } from '../components/lightbox/lightbox-element.js';
import { PoolseMessage } from '../components/message/message-element.js';
import { PoolseProvider } from '../components/provider/provider-element.js';
import { PoolseReactions } from '../components/reactions/reactions-element.js';
import { PoolseThread } from '../components/thread/thread-element.js';
import { PoolseTimeline } from '../components/timeline/timeline-element.js';
import { define } from '../components/shared/define.js';

export {
  PoolseAvatar,
  PoolseComposer,
  PoolseConversation,
  PoolseEmojiPicker,
  PoolseInbox,
  PoolseLauncher,
  PoolseLightbox,
  PoolseMessage,
  PoolseProvider,
  PoolseReactions,
  PoolseThread,
  PoolseTimeline,
};

/** Every element class by its standard tag. */
export const elements: Readonly<Record<string, CustomElementConstructor>> = {
  'poolse-provider': PoolseProvider,
  'poolse-inbox': PoolseInbox,
  'poolse-conversation': PoolseConversation,
  'poolse-composer': PoolseComposer,
  'poolse-timeline': PoolseTimeline,
  'poolse-message': PoolseMessage,
  'poolse-reactions': PoolseReactions,
  'poolse-thread': PoolseThread,
  'poolse-avatar': PoolseAvatar,
  'poolse-lightbox': PoolseLightbox,
  'poolse-emoji-picker': PoolseEmojiPicker,
  'poolse-launcher': PoolseLauncher,
};

/** Registers every element under its standard tag (a tag already defined is skipped). */
export function defineElements(): void {
  for (const [tag, ctor] of Object.entries(elements)) define(tag, ctor);
}
