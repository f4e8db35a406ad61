/**
 * Pure transforms of a single `Message`. Each returns a new object (or the
 * same one when nothing changes, so references stay stable).
 */
import type { Message, ReactionEvent } from '../sdk/types.js';

/**
 * Whether `incoming` should replace `current`: it is a later version by
 * `updated_at`, or the same version that differs in what the server counts
 * without bumping `updated_at` (reactions, replies). A deleted message never
 * comes back to life.
 */
export function supersedes(current: Message, incoming: Message): boolean {
  if (current === incoming) return false;
  if (current.deleted_at && !incoming.deleted_at) return false;
  if (incoming.updated_at > current.updated_at) return true;
  if (incoming.updated_at < current.updated_at) return false;
  return (
    incoming.body !== current.body ||
    incoming.deleted_at !== current.deleted_at ||
    incoming.edited_at !== current.edited_at ||
    incoming.reply_count !== current.reply_count ||
    incoming.sequence !== current.sequence ||
    JSON.stringify(incoming.reactions) !== JSON.stringify(current.reactions)
  );
}

/** The message with `userId`'s `emoji` reaction added or removed (idempotent). */
export function withReaction(
  message: Message,
  emoji: string,
  userId: string,
  add: boolean,
): Message {
  const users = message.reactions[emoji] ?? [];
  const has = users.includes(userId);
  if (add === has) return message;
  const reactions = { ...message.reactions };
  const next = add ? [...users, userId] : users.filter((u) => u !== userId);
  if (next.length) reactions[emoji] = next;
  else delete reactions[emoji];
  return { ...message, reactions };
}

export function applyReactionEvent(message: Message, event: ReactionEvent, add: boolean): Message {
  return withReaction(message, event.emoji, event.user_id, add);
}

/** The message as a soft delete leaves it: no body, no attachments. */
export function asDeleted(message: Message, deletedAt: string | null): Message {
  if (message.deleted_at) return message;
  const at = deletedAt ?? new Date().toISOString();
  return {
    ...message,
    body: null,
    attachments: [],
    deleted_at: at,
    updated_at: at > message.updated_at ? at : message.updated_at,
  };
}
