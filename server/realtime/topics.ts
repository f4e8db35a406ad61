/**
 * The two kinds of topics a client may join, and who may join them.
 */
import type { AuthUser, RealtimeDeps } from '../contracts.js';
import type { Uuid } from '../../src/sdk/types.js';

export type ParsedTopic = { kind: 'conversation'; id: Uuid } | { kind: 'user'; id: Uuid };

/**
 * Canonical (lower-case) UUIDs only: broadcasts address topics by the ids the
 * server stores, so a topic spelled another way would never receive anything.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function conversationTopic(conversationId: Uuid): string {
  return `conversation:${conversationId}`;
}

export function userTopic(userId: Uuid): string {
  return `user:${userId}`;
}

export function parseTopic(topic: string): ParsedTopic | null {
  const colon = topic.indexOf(':');
  if (colon < 0) return null;
  const prefix = topic.slice(0, colon);
  const id = topic.slice(colon + 1);
  if (!UUID.test(id)) return null;
  if (prefix === 'conversation') return { kind: 'conversation', id };
  if (prefix === 'user') return { kind: 'user', id };
  return null;
}

/** Members join their conversations; a user joins only their own `user:` topic. */
export function mayJoin(topic: ParsedTopic, user: AuthUser, deps: RealtimeDeps): boolean {
  if (topic.kind === 'user') return topic.id === user.userId;
  return deps.isMember(user, topic.id);
}
