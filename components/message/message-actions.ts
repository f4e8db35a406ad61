/**
 * The actions a reader can take on a message, and which of them apply:
 * pure rules, so the menu and its tests agree on one list.
 */
import type { Message } from '../../src/sdk/types.js';

export type MessageAction =
  'reply' | 'quote' | 'react' | 'copy' | 'edit' | 'delete' | 'retry' | 'open-thread';

export interface ActionContext {
  /** Whether the reader sent the message. */
  own: boolean;
  /** Sent and confirmed by the server (not pending or failed). */
  confirmed: boolean;
  /** Shown inside a thread panel (no nested threads). */
  inThread: boolean;
}

/** The menu's items, in order. */
export function menuActions(message: Message, context: ActionContext): MessageAction[] {
  if (message.deleted_at || message.type === 'system') return [];
  if (!context.confirmed) return message.body ? ['copy'] : [];
  const actions: MessageAction[] = [];
  if (!context.inThread) actions.push('reply');
  if (!context.inThread) actions.push('quote');
  actions.push('react');
  if (message.body) actions.push('copy');
  if (context.own && message.body !== null) actions.push('edit');
  if (context.own) actions.push('delete');
  return actions;
}
