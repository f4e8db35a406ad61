/**
 * Events about a message that is not in the store yet. Realtime pushes and
 * REST answers can cross: an edit, a delete or a reaction may arrive before
 * the message itself (or before the page holding it loads). They wait here
 * and are applied when the message arrives; an update older than the message
 * that finally arrives is dropped.
 */
import type { Message, MessageDeletedEvent, ReactionEvent } from '../sdk/types.js';
import { asDeleted, supersedes, withReaction } from './messages.js';

interface Held {
  update: Message | null;
  deleted: MessageDeletedEvent | null;
  reactions: Array<{ event: ReactionEvent; add: boolean }>;
}

export class HeldEvents {
  private readonly held = new Map<string, Held>();

  /** Bounded: the oldest entries go first, so a stream of unknown ids cannot grow memory. */
  constructor(private readonly limit = 500) {}

  get size(): number {
    return this.held.size;
  }

  holdUpdate(message: Message): void {
    const entry = this.entry(message.id);
    if (!entry.update || supersedes(entry.update, message)) entry.update = message;
  }

  holdDeleted(event: MessageDeletedEvent): void {
    this.entry(event.id).deleted = event;
  }

  holdReaction(event: ReactionEvent, add: boolean): void {
    this.entry(event.message_id).reactions.push({ event, add });
  }

  /** The message with whatever was held for it applied; forgets the held events. */
  settle(message: Message): Message {
    const entry = this.held.get(message.id);
    if (!entry) return message;
    this.held.delete(message.id);
    let result = message;
    if (entry.update && supersedes(result, entry.update)) result = entry.update;
    for (const { event, add } of entry.reactions)
      result = withReaction(result, event.emoji, event.user_id, add);
    if (entry.deleted) result = asDeleted(result, entry.deleted.deleted_at);
    return result;
  }

  private entry(id: string): Held {
    let entry = this.held.get(id);
    if (!entry) {
      if (this.held.size >= this.limit) {
        const oldest = this.held.keys().next();
        if (!oldest.done) this.held.delete(oldest.value);
      }
      entry = { update: null, deleted: null, reactions: [] };
      this.held.set(id, entry);
    }
    return entry;
  }
}
