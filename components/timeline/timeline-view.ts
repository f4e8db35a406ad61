/**
 * Derived view data of a timeline that are not layout: who has seen the
 * reader's newest read message, who a user id is, and the text of a live
 * announcement. Pure functions over store state.
 */
import type { Membership, Message, Uuid } from '../../src/sdk/types.js';
import type { Profile, Receipt } from '../../src/state/types.js';

/**
 * "Seen by": the newest of the reader's confirmed messages that another
 * member has read up to, and the ids of the members who have.
 */
export function seenByOnNewestOwn(
  messages: readonly Message[],
  ownUserId: Uuid | null,
  receipts: Readonly<Record<Uuid, Receipt>> | undefined,
): { messageId: Uuid; readerIds: Uuid[] } | null {
  if (!ownUserId || !receipts) return null;
  const readers = Object.values(receipts).filter(
    (r) => r.userId !== ownUserId && typeof r.sequence === 'number',
  );
  if (readers.length === 0) return null;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (!message || message.sender_id !== ownUserId || message.sequence <= 0 || message.deleted_at)
      continue;
    const readerIds = readers
      .filter((r) => (r.sequence ?? -1) >= message.sequence)
      .map((r) => r.userId);
    if (readerIds.length > 0) return { messageId: message.id, readerIds };
  }
  return null;
}

/** External id of a user id, from the members, then from messages they sent. */
export function externalIdFor(
  userId: Uuid,
  members: Readonly<Record<Uuid, Membership>> | undefined,
  messages: readonly Message[],
): string | null {
  const member = members?.[userId];
  if (member) return member.external_id;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.sender_id === userId && message.sender_external_id)
      return message.sender_external_id;
  }
  return null;
}

export function displayName(
  profile: Profile | undefined,
  externalId: string | null,
  fallback: string,
): string {
  return profile?.displayName || externalId || fallback;
}

/** The text an announcement reads for a message: its body, shortened, or the attachment word. */
export function announcementText(message: Message, attachmentWord: string): string {
  const body = (message.body ?? '').replace(/[\u202A-\u202E\u2066-\u2069]/g, '').trim();
  if (body) return body.length > 140 ? `${body.slice(0, 140)}…` : body;
  return message.attachments.length > 0 ? attachmentWord : '';
}
