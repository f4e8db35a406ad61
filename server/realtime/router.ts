/**
 * The Phoenix Channels protocol as the `phoenix` client speaks it: heartbeats,
 * joins (with authorization), leaves, channel events, and the server closing
 * channels. Presence and typing hang off joins and leaves here.
 */
import type { AuthUser, RealtimeDeps } from '../contracts.js';
import { encodeFrame, encodeReply, type InboundFrame } from './frames.js';
import type { RealtimeLimits } from './limits.js';
import { newPresenceMeta, presenceSnapshot } from './presence.js';
import { PresenceBatcher } from './presence-batch.js';
import type { ChannelOwner, ChannelSub, TopicRegistry } from './registry.js';
import { reportUnexpected } from './report.js';
import { mayJoin, parseTopic } from './topics.js';
import type { TypingTracker } from './typing.js';

/** How the client learns that the server ended a channel. */
export type ChannelEnd = 'phx_close' | 'phx_error' | 'silent';

const UNAUTHORIZED = { reason: 'unauthorized' };

/** What the router needs of a client socket. */
export interface ClientSocket extends ChannelOwner {
  readonly user: AuthUser;
  /** Rate of `phx_join` frames. */
  readonly joins: { take(): boolean };
}

export class ChannelRouter {
  private readonly presence: PresenceBatcher;

  constructor(
    private readonly deps: RealtimeDeps,
    private readonly limits: RealtimeLimits,
    private readonly registry: TopicRegistry,
    private readonly typing: TypingTracker,
  ) {
    this.presence = new PresenceBatcher(limits.presenceTickMs, (topic, diff) =>
      registry.fanOut(topic, Buffer.from(encodeFrame(null, null, topic, 'presence_diff', diff))),
    );
  }

  /** Stops the presence tick (the hub is closing). */
  dispose(): void {
    this.presence.dispose();
  }

  handle(session: ClientSocket, frame: InboundFrame): void {
    if (frame.topic === 'phoenix') {
      this.handleSocketEvent(session, frame);
      return;
    }
    switch (frame.event) {
      case 'phx_join':
        this.join(session, frame);
        return;
      case 'phx_leave':
        this.leave(session, frame);
        return;
      default:
        this.channelEvent(session, frame);
    }
  }

  /**
   * Ends a channel: unsubscribes it, tells the client (unless silent), updates
   * presence, and ends the user's typing if this was their last channel there
   * (unless `settleTyping` is false because another join of theirs follows).
   */
  endChannel(sub: ChannelSub, how: ChannelEnd, settleTyping = true): void {
    if (sub.owner.channels.get(sub.topic) === sub) sub.owner.channels.delete(sub.topic);
    if (!this.registry.remove(sub)) return;
    if (how !== 'silent') sub.owner.send(encodeFrame(sub.joinRef, sub.joinRef, sub.topic, how, {}));
    if (sub.presence) this.presence.leave(sub.topic, sub.user.userId, sub.presence);
    if (settleTyping) this.settleTyping(sub.topic, sub.user.userId);
  }

  /** The socket is gone: end all its channels without writing to it. */
  dropSession(session: ClientSocket): void {
    for (const sub of [...session.channels.values()]) this.endChannel(sub, 'silent');
  }

  private handleSocketEvent(session: ClientSocket, frame: InboundFrame): void {
    const ok = frame.event === 'heartbeat';
    session.send(
      encodeReply(
        frame.joinRef,
        frame.ref,
        frame.topic,
        ok ? 'ok' : 'error',
        ok ? {} : { reason: 'unknown_event' },
      ),
    );
  }

  private join(session: ClientSocket, frame: InboundFrame): void {
    const previous = session.channels.get(frame.topic);
    if (!previous) {
      this.openChannel(session, frame);
      return;
    }
    // A second join of the same topic replaces the first, as in Phoenix. The
    // user's typing survives the swap unless the new join fails.
    this.endChannel(previous, 'phx_close', false);
    try {
      this.openChannel(session, frame);
    } finally {
      this.settleTyping(frame.topic, session.user.userId);
    }
  }

  private openChannel(session: ClientSocket, frame: InboundFrame): void {
    const { topic } = frame;
    // Phoenix sends join replies with the join's own ref as join_ref.
    const joinRef = frame.joinRef ?? frame.ref;
    const refuse = (response: Record<string, unknown>): void =>
      session.send(encodeReply(joinRef, frame.ref, topic, 'error', response));
    if (!joinRef) {
      refuse({ reason: 'missing_ref' });
      return;
    }

    if (!session.joins.take()) {
      refuse({ reason: 'rate_limited' });
      return;
    }
    if (session.channels.size >= this.limits.maxChannelsPerSocket) {
      refuse({ reason: 'too_many_channels' });
      return;
    }
    const parsed = parseTopic(topic);
    let allowed = false;
    try {
      allowed = parsed !== null && mayJoin(parsed, session.user, this.deps);
    } catch (error) {
      reportUnexpected('membership check', error);
      refuse({ reason: 'internal' });
      return;
    }
    if (!parsed || !allowed) {
      refuse(UNAUTHORIZED);
      return;
    }

    const sub: ChannelSub = {
      owner: session,
      topic,
      joinRef,
      user: session.user,
      kind: parsed.kind,
      presence: null,
    };
    session.channels.set(topic, sub);
    this.registry.add(sub);
    session.send(encodeReply(joinRef, frame.ref, topic, 'ok', {}));

    if (parsed.kind === 'conversation') {
      // Large conversations have no per-member presence: an empty state, and no diffs.
      if (this.presenceOn(parsed.id)) sub.presence = newPresenceMeta(session.user.externalId);
      session.send(
        encodeFrame(
          joinRef,
          null,
          topic,
          'presence_state',
          sub.presence ? presenceSnapshot(this.registry.subscribers(topic)) : {},
        ),
      );
      if (sub.presence) this.presence.join(topic, session.user.userId, sub.presence);
    }
  }

  private leave(session: ClientSocket, frame: InboundFrame): void {
    const sub = this.currentChannel(session, frame);
    session.send(encodeReply(frame.joinRef, frame.ref, frame.topic, 'ok', {}));
    if (sub) this.endChannel(sub, 'phx_close');
  }

  private channelEvent(session: ClientSocket, frame: InboundFrame): void {
    const sub = this.currentChannel(session, frame);
    if (!sub) {
      session.send(
        encodeReply(frame.joinRef, frame.ref, frame.topic, 'error', { reason: 'unmatched topic' }),
      );
      return;
    }
    try {
      if (frame.event === 'typing' && sub.kind === 'conversation') {
        this.typing.ping(sub.topic, sub.user.userId);
        session.send(encodeReply(sub.joinRef, frame.ref, sub.topic, 'ok', {}));
        return;
      }
      session.send(
        encodeReply(sub.joinRef, frame.ref, sub.topic, 'error', { reason: 'unknown_event' }),
      );
    } catch (error) {
      // Like a crashed Phoenix channel: the client sees phx_error and rejoins.
      this.endChannel(sub, 'phx_error');
      reportUnexpected('channel event', error);
    }
  }

  private presenceOn(conversationId: string): boolean {
    try {
      return this.deps.presenceEnabled?.(conversationId) ?? true;
    } catch (error) {
      reportUnexpected('presence check', error);
      return false;
    }
  }

  private settleTyping(topic: string, userId: string): void {
    if (!this.registry.hasUser(topic, userId)) this.typing.forget(topic, userId);
  }

  /** The socket's channel for the frame's topic, if the frame belongs to its current join. */
  private currentChannel(session: ClientSocket, frame: InboundFrame): ChannelSub | null {
    const sub = session.channels.get(frame.topic);
    if (!sub) return null;
    if (frame.joinRef !== null && frame.joinRef !== sub.joinRef) return null;
    return sub;
  }
}
