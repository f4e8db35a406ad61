/**
 * Every event the elements fire, by name, with its detail type: the one
 * place `emit()` (see `poolse-element.ts`), the global event-map typings and
 * the docs take them from. All bubble and cross shadow roots (`composed`);
 * intents are cancelable, as their element's docs say.
 */
import type { Message, RealtimeStatus, Uuid } from '../../src/sdk/types.js';
import type { SendDraft } from '../../src/state/types.js';
import type { MessageAction } from '../message/message-actions.js';

/** `poolse-conversation-select`: a row of the inbox was chosen (cancelable). */
export interface ConversationSelectDetail {
  conversationId: Uuid;
}

/** `poolse-message-send`: the composer is about to send (cancelable). */
export interface MessageSendDetail {
  conversationId: Uuid;
  /**
   * What will be sent. A listener may change it (or replace it) to transform
   * the message before the store sends it; `preventDefault()` vetoes the send.
   */
  draft: SendDraft;
}

/** `poolse-upload-progress`: bytes of one file went up. */
export interface UploadProgressDetail {
  conversationId: Uuid | null;
  /** Local key of the upload (stable across retries). */
  key: string;
  name: string;
  loaded: number;
  total: number;
}

/** `poolse-upload-error`: one file could not be attached. */
export interface UploadErrorDetail {
  conversationId: Uuid | null;
  key: string;
  name: string;
  /** The server's error code (e.g. `attachment_too_large`), or `too_many_files`. */
  code: string;
  /** The server's message, as shown on the file's chip. */
  message: string;
}

/** `poolse-message-action`: the reader picked an action on a message (cancelable). */
export interface MessageActionDetail {
  action: MessageAction;
  messageId: Uuid;
  message: Message;
}

/** `poolse-thread-open`: a thread was opened. */
export interface ThreadOpenDetail {
  rootId: Uuid;
}

/** `poolse-reaction-toggle`: the reader adds or takes back a reaction (cancelable). */
export interface ReactionToggleDetail {
  messageId: Uuid;
  emoji: string;
  /** True when the reader adds the reaction, false when they take it back. */
  add: boolean;
}

/** `poolse-emoji-select`: an emoji was picked. */
export interface EmojiSelectDetail {
  /** The chosen emoji as text. */
  emoji: string;
}

/** `poolse-status-change`: the realtime connection changed. */
export interface StatusChangeDetail {
  status: RealtimeStatus;
}

/** `poolse-launcher-toggle`: the launcher's panel opened or closed. */
export interface LauncherToggleDetail {
  open: boolean;
}

/** Event name → detail type, for every event an element fires. */
export interface PoolseEventDetails {
  'poolse-conversation-select': ConversationSelectDetail;
  'poolse-message-send': MessageSendDetail;
  'poolse-upload-progress': UploadProgressDetail;
  'poolse-upload-error': UploadErrorDetail;
  'poolse-message-action': MessageActionDetail;
  'poolse-thread-open': ThreadOpenDetail;
  'poolse-thread-close': void;
  'poolse-reaction-toggle': ReactionToggleDetail;
  'poolse-emoji-select': EmojiSelectDetail;
  'poolse-lightbox-close': void;
  'poolse-status-change': StatusChangeDetail;
  'poolse-launcher-toggle': LauncherToggleDetail;
}

export type PoolseEventName = keyof PoolseEventDetails;

/** Event name → the event a listener receives. */
export type PoolseEventMap = { [Name in PoolseEventName]: CustomEvent<PoolseEventDetails[Name]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the events to every element's addEventListener
  interface GlobalEventHandlersEventMap extends PoolseEventMap {}
}
