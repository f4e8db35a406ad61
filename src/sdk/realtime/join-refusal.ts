/**
 * A join the server refused. Phoenix retries every refused join forever, but
 * an `unauthorized` refusal (not a member, or another user's topic) stays
 * refused, so the channel is left instead: one join, one error, no retries.
 * Other refusals (rate limits) are worth the retry and keep it.
 */
import type { Channel } from 'phoenix';
import type { ListenerSet } from '../listeners.js';

/** Why a join was refused, e.g. `{ reason: 'unauthorized' }` for a non-member. */
export interface JoinErrorEvent {
  reason: string;
}

function joinReason(response: unknown): string {
  if (
    typeof response === 'object' &&
    response !== null &&
    'reason' in response &&
    typeof response.reason === 'string'
  ) {
    return response.reason;
  }
  return 'join_failed';
}

/** Tells the listeners, and leaves the channel when retrying cannot help. */
export function handleJoinRefusal(
  channel: Channel,
  response: unknown,
  listeners: ListenerSet<JoinErrorEvent>,
): void {
  const reason = joinReason(response);
  listeners.emit({ reason });
  if (reason === 'unauthorized') channel.leave();
}
