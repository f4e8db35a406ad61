/**
 * Which channel subscriptions listen on which topic. Broadcasts look a topic
 * up here once and write one already-serialized frame to each subscriber, so
 * fan-out costs a map lookup plus one socket write per listener.
 */
import type { AuthUser } from '../contracts.js';
import type { PresenceMeta } from '../../src/sdk/types.js';

/** The socket holding a subscription: where its frames go, and its channels by topic. */
export interface ChannelOwner {
  /** A Buffer is sent as a text frame: broadcasts encode once and write the same bytes to every socket. */
  send(frame: string | Buffer): void;
  readonly channels: Map<string, ChannelSub>;
}

/** One joined channel: a topic on one socket, for one join. */
export interface ChannelSub {
  readonly owner: ChannelOwner;
  readonly topic: string;
  /** The ref of the `phx_join` that opened it; the client drops frames of older joins. */
  readonly joinRef: string;
  readonly user: AuthUser;
  /** Conversation topics carry typing and (below the size limit) presence. */
  readonly kind: 'conversation' | 'user';
  /** This channel's presence entry: conversation topics with per-member presence on. */
  presence: PresenceMeta | null;
}

const EMPTY: ReadonlySet<ChannelSub> = new Set();

export class TopicRegistry {
  private readonly byTopic = new Map<string, Set<ChannelSub>>();

  add(sub: ChannelSub): void {
    let subs = this.byTopic.get(sub.topic);
    if (!subs) {
      subs = new Set();
      this.byTopic.set(sub.topic, subs);
    }
    subs.add(sub);
  }

  /** Returns false when the subscription was already gone. */
  remove(sub: ChannelSub): boolean {
    const subs = this.byTopic.get(sub.topic);
    if (!subs || !subs.delete(sub)) return false;
    if (subs.size === 0) this.byTopic.delete(sub.topic);
    return true;
  }

  subscribers(topic: string): ReadonlySet<ChannelSub> {
    return this.byTopic.get(topic) ?? EMPTY;
  }

  /** Does any socket listen on the topic? */
  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  /** Does the user still hold any channel on the topic (any tab)? */
  hasUser(topic: string, userId: string): boolean {
    for (const sub of this.subscribers(topic)) {
      if (sub.user.userId === userId) return true;
    }
    return false;
  }

  /** Writes the frame to every subscriber of the topic, except the sockets of `exceptUserId`. */
  fanOut(topic: string, frame: string | Buffer, exceptUserId?: string): void {
    for (const sub of this.subscribers(topic)) {
      if (sub.user.userId !== exceptUserId) sub.owner.send(frame);
    }
  }
}
