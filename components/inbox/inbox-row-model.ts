/**
 * What one inbox row shows, derived from store state by a pure function, so
 * the element stays a thin renderer and the rules (names of direct chats,
 * badge caps, typing over preview) are testable on their own.
 */
import type { Conversation, Uuid } from '../../src/sdk/types.js';
import type { ChatState, Profile } from '../../src/state/types.js';
import { formatDateTime, formatRowTime } from '../shared/format.js';
import type { Translator } from '../shared/localize/keys.js';

export interface InboxRowView {
  id: Uuid;
  name: string;
  avatarUrl: string | null;
  /** Stable seed for the initials colour. */
  avatarSeed: string;
  isDirect: boolean;
  /** Presence of the other member of a direct chat; null for groups. */
  online: boolean | null;
  /** One line of plain text: the preview, or the typing note when someone types. */
  preview: string;
  previewKind: 'message' | 'empty' | 'typing';
  time: string;
  /** Full date and time, for the `title` and `datetime`. */
  timeTitle: string;
  timeIso: string;
  unread: number;
  /** "3", "99+", or "" when there is nothing unread. */
  badge: string;
  /** Screen-reader text for the badge ("3 unread messages"). */
  unreadLabel: string;
}

export interface RowContext {
  t: Translator;
  locale: string | undefined;
  now: number;
}

/** Badges stop counting at 99: "99+" says "a lot" without widening the row. */
export const BADGE_CAP = 99;

export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  return unread > BADGE_CAP ? `${BADGE_CAP}+` : String(Math.floor(unread));
}

/** Collapses newlines and runs of spaces so a preview is one calm line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** External ids of the members other than the reader. */
export function otherMembers(
  conversation: Conversation,
  meExternalId: string | undefined,
): string[] {
  const ids = Array.isArray(conversation.member_external_ids)
    ? conversation.member_external_ids
    : [];
  return ids.filter((id) => id !== meExternalId);
}

function displayName(profiles: ChatState['profiles'], externalId: string): string {
  const profile: Profile | undefined = profiles[externalId];
  return profile?.displayName || externalId;
}

/** The external ids whose profiles a row needs (names, avatars, who is typing). */
export function profilesNeeded(conversation: Conversation, state: ChatState): string[] {
  const others = otherMembers(conversation, state.me?.external_id);
  const typing = typingExternalIds(conversation.id, state);
  if (conversation.type === 'direct') return [...others.slice(0, 1), ...typing];
  // A named group needs no member names; an unnamed one lists a few.
  return conversation.name ? typing : [...others.slice(0, 4), ...typing];
}

function conversationName(conversation: Conversation, state: ChatState, t: Translator): string {
  const me = state.me?.external_id;
  const others = otherMembers(conversation, me);
  if (conversation.type === 'direct') {
    const other = others[0];
    return other
      ? displayName(state.profiles, other)
      : conversation.name || t('inbox.direct-fallback');
  }
  if (conversation.name) return conversation.name;
  if (others.length === 0) return t('inbox.untitled-group');
  const names = others.slice(0, 3).map((id) => displayName(state.profiles, id));
  const extra = others.length - names.length;
  return t('inbox.group-members', { names: names.join(', ') + (extra > 0 ? ` +${extra}` : '') });
}

/** External ids of the others typing in a conversation, when the members are known. */
export function typingExternalIds(conversationId: Uuid, state: ChatState): string[] {
  const meId = state.me?.id;
  const members = state.members[conversationId];
  const ids: string[] = [];
  for (const userId of state.typing[conversationId] ?? []) {
    const externalId = userId !== meId ? members?.[userId]?.external_id : undefined;
    if (externalId) ids.push(externalId);
  }
  return ids;
}

function typingNote(conversation: Conversation, state: ChatState, t: Translator): string | null {
  const meId = state.me?.id;
  const typing = (state.typing[conversation.id] ?? []).filter((id) => id !== meId);
  if (typing.length === 0) return null;
  // A direct chat has one other person: "typing…" says who.
  if (conversation.type === 'direct' || typing.length > 1) return t('inbox.typing');
  const [named] = typingExternalIds(conversation.id, state);
  return named
    ? t('inbox.typing-named', { name: displayName(state.profiles, named) })
    : t('inbox.typing');
}

function isOnline(conversation: Conversation, state: ChatState): boolean | null {
  if (conversation.type !== 'direct') return null;
  const meId = state.me?.id;
  return (state.presence[conversation.id] ?? []).some((id) => id !== meId);
}

export function buildRowView(
  conversation: Conversation,
  state: ChatState,
  ctx: RowContext,
): InboxRowView {
  const { t, locale, now } = ctx;
  const me = state.me?.external_id;
  const name = conversationName(conversation, state, t);
  const other = conversation.type === 'direct' ? otherMembers(conversation, me)[0] : undefined;
  const otherProfile = other ? state.profiles[other] : undefined;
  const typing = typingNote(conversation, state, t);
  const previewText = oneLine(
    typeof conversation.last_message_preview === 'string' ? conversation.last_message_preview : '',
  );
  const at = conversation.last_message_at ?? conversation.inserted_at;
  const unread = Number.isFinite(conversation.unread_count)
    ? Math.max(0, conversation.unread_count)
    : 0;
  return {
    id: conversation.id,
    name,
    avatarUrl:
      conversation.type === 'direct'
        ? (otherProfile?.avatarUrl ?? null)
        : (conversation.avatar_url ?? null),
    avatarSeed: other ?? conversation.id,
    isDirect: conversation.type === 'direct',
    online: isOnline(conversation, state),
    preview: typing ?? (previewText || t('inbox.no-messages')),
    previewKind: typing ? 'typing' : previewText ? 'message' : 'empty',
    time: conversation.last_message_at ? formatRowTime(at, now, locale) : '',
    timeTitle: formatDateTime(at, locale),
    timeIso: at,
    unread,
    badge: badgeText(unread),
    unreadLabel: unread > 0 ? t('inbox.unread', { count: unread }) : '',
  };
}
