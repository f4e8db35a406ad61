/**
 * Pure view data of the conversation header and typing line, from store
 * state: titles, who is online, who is typing.
 */
import type { Conversation, Me, Membership, Uuid } from '../../src/sdk/types.js';
import type { Profile } from '../../src/state/types.js';
import type { Translator } from '../shared/localize/keys.js';

/** "Alice is typing…", "Alice and Bob are typing…", "3 people are typing…"; empty when nobody types. */
export function typingText(names: readonly string[], t: Translator): string {
  if (names.length === 0) return '';
  if (names.length === 1) return t('conversation.typing.one', { name: names[0] ?? '' });
  if (names.length === 2)
    return t('conversation.typing.two', { first: names[0] ?? '', second: names[1] ?? '' });
  return t('conversation.typing.many', { count: names.length });
}

/** The members other than the reader, as external ids. */
export function otherMembers(conversation: Conversation | undefined, me: Me | null): string[] {
  if (!conversation) return [];
  return conversation.member_external_ids.filter((id) => id !== me?.external_id);
}

function nameOf(externalId: string, profiles: Readonly<Record<string, Profile>>): string {
  return profiles[externalId]?.displayName || externalId;
}

/** Title: the group's name, the other person of a direct chat, or the members' names. */
export function conversationTitle(
  conversation: Conversation | undefined,
  me: Me | null,
  profiles: Readonly<Record<string, Profile>>,
  t: Translator,
): string {
  if (!conversation) return '';
  const name = conversation.name?.trim();
  if (name) return name;
  const others = otherMembers(conversation, me);
  if (conversation.type === 'direct')
    return others[0] ? nameOf(others[0], profiles) : t('inbox.direct-fallback');
  if (others.length === 0) return t('inbox.untitled-group');
  return others
    .slice(0, 4)
    .map((id) => nameOf(id, profiles))
    .join(', ');
}

/** External ids of the other members online now. */
export function onlineOthers(
  online: readonly Uuid[] | undefined,
  members: Readonly<Record<Uuid, Membership>> | undefined,
  me: Me | null,
): string[] {
  if (!online || !members) return [];
  const result: string[] = [];
  for (const userId of online) {
    if (userId === me?.id) continue;
    const member = members[userId];
    if (member) result.push(member.external_id);
  }
  return result;
}

/** Names of the others typing, in the store's order. */
export function typingNames(
  typing: readonly Uuid[] | undefined,
  members: Readonly<Record<Uuid, Membership>> | undefined,
  profiles: Readonly<Record<string, Profile>>,
  fallback: string,
): string[] {
  if (!typing) return [];
  return typing.map((userId) => {
    const externalId = members?.[userId]?.external_id;
    return externalId ? nameOf(externalId, profiles) : fallback;
  });
}
