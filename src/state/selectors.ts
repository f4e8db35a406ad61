/**
 * Ready-made selectors for the elements. Each returns the same reference
 * while its inputs are unchanged, so `StoreController` re-renders a host only
 * when what it shows changed.
 */
import type { Conversation, Message } from '../sdk/types.js';
import type {
  ChatState,
  OutboxEntry,
  OutboxStatus,
  Profile,
  Selector,
  StoreError,
} from './types.js';

/** One row of a timeline or thread: a confirmed message or an outbox entry. */
export interface TimelineItem {
  message: Message;
  /** `sent` for confirmed messages. */
  status: 'sent' | OutboxStatus;
  error: StoreError | null;
}

function sameItems(a: readonly TimelineItem[], b: readonly TimelineItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1)
    if (a[i].message !== b[i].message || a[i].status !== b[i].status) return false;
  return true;
}

function itemsOf(
  ids: readonly string[],
  byId: Readonly<Record<string, Message>>,
  pendingIds: readonly string[],
  outbox: Readonly<Record<string, OutboxEntry>>,
  cache: Map<string, TimelineItem>,
): TimelineItem[] {
  const items: TimelineItem[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const message = byId[id];
    let item = cache.get(id);
    if (!item || item.message !== message || item.status !== 'sent')
      item = { message, status: 'sent', error: null };
    items.push(item);
    seen.add(id);
  }
  for (const id of pendingIds) {
    const entry = outbox[id];
    if (!entry || seen.has(id)) continue;
    let item = cache.get(id);
    if (
      !item ||
      item.message !== entry.message ||
      item.status !== entry.status ||
      item.error !== entry.error
    ) {
      item = { message: entry.message, status: entry.status, error: entry.error };
    }
    items.push(item);
  }
  cache.clear();
  for (const item of items) cache.set(item.message.id, item);
  return items;
}

/** Confirmed messages in sequence order, then this conversation's pending and failed sends. */
export function timelineItems(conversationId: string): Selector<readonly TimelineItem[]> {
  let last: readonly TimelineItem[] = [];
  const cache = new Map<string, TimelineItem>();
  return (state) => {
    const tl = state.timelines[conversationId];
    if (!tl) return (last = last.length ? [] : last);
    const next = itemsOf(tl.messageIds, tl.byId, tl.pendingIds, state.outbox, cache);
    if (sameItems(last, next)) return last;
    return (last = next);
  };
}

/** A thread's replies in order, then its pending and failed replies. */
export function threadItems(rootId: string): Selector<readonly TimelineItem[]> {
  let last: readonly TimelineItem[] = [];
  const cache = new Map<string, TimelineItem>();
  return (state) => {
    const th = state.threads[rootId];
    if (!th) return (last = last.length ? [] : last);
    const next = itemsOf(th.replyIds, th.byId, th.pendingIds, state.outbox, cache);
    if (sameItems(last, next)) return last;
    return (last = next);
  };
}

/** The inbox as a list, newest activity first. */
export function inboxConversations(): Selector<readonly Conversation[]> {
  let ids: readonly string[] | null = null;
  let byId: ChatState['inbox']['byId'] | null = null;
  let last: readonly Conversation[] = [];
  return (state) => {
    if (state.inbox.ids === ids && state.inbox.byId === byId) return last;
    ids = state.inbox.ids;
    byId = state.inbox.byId;
    const b = byId;
    last = ids.map((id) => b[id]);
    return last;
  };
}

/** Sum of unread counts over the inbox (for a launcher badge). */
export function totalUnread(state: ChatState): number {
  let total = 0;
  for (const id of state.inbox.ids) total += state.inbox.byId[id]?.unread_count ?? 0;
  return total;
}

/** The user's external id for a user id, from members or presence metas (null when unknown). */
export function externalIdOf(
  state: ChatState,
  conversationId: string,
  userId: string,
): string | null {
  if (state.me?.id === userId) return state.me.external_id;
  return state.members[conversationId]?.[userId]?.external_id ?? null;
}

/** A profile to show now, before (or without) the resolver: display name falls back to the external id. */
export function profileOf(state: ChatState, externalId: string): Profile {
  return (
    state.profiles[externalId] ?? {
      externalId,
      displayName:
        state.me?.external_id === externalId && state.me.display_name
          ? state.me.display_name
          : externalId,
      avatarUrl: null,
      resolved: false,
    }
  );
}
