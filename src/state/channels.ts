/**
 * The conversation channels the store holds for presence and typing:
 * reference-counted watches (every open conversation, and the newest inbox
 * rows so they show who is online and typing), the `presence` and `typing`
 * slices, and the user's own typing pings (one throttle per conversation).
 */
import type { PresenceDiff, PresenceSnapshot, Unsubscribe } from '../sdk/types.js';
import { removeKey, type StoreCore } from './core.js';
import { PresenceTracker, sameIds } from './presence.js';
import { TypingThrottle } from './typing-throttle.js';
import { TypingTracker } from './typing.js';

interface WatchedConversation {
  refs: number;
  offs: Unsubscribe[];
  presence: PresenceTracker;
}

export interface ChannelHooks {
  /** Whether the conversation's timeline is open (its channel then stays joined). */
  isOpen(id: string): boolean;
  /**
   * The channel (re)joined, said by its `presence_state` when the channel
   * has no join hook of its own.
   */
  joined(id: string): void;
}

export interface ChannelOptions {
  typingExpiryMs: number;
  typingThrottleMs: number;
}

export class Channels {
  readonly #watched = new Map<string, WatchedConversation>();
  readonly #typing: TypingTracker;
  readonly #pings = new Map<string, TypingThrottle>();

  constructor(
    private readonly core: StoreCore,
    private readonly hooks: ChannelHooks,
    private readonly options: ChannelOptions,
  ) {
    this.#typing = new TypingTracker(options.typingExpiryMs, (conversationId, userIds) =>
      core.state.updateSlice('typing', (typing) => {
        const current = typing[conversationId];
        if (userIds.length === 0) return current ? removeKey(typing, conversationId) : typing;
        if (sameIds(current, userIds)) return typing;
        return { ...typing, [conversationId]: userIds };
      }),
    );
  }

  /** Holds the conversation's channel for presence and typing (reference-counted). */
  watch(id: string): void {
    const existing = this.#watched.get(id);
    if (existing) {
      existing.refs += 1;
      return;
    }
    const watched: WatchedConversation = { refs: 1, offs: [], presence: new PresenceTracker() };
    this.#watched.set(id, watched);
    const channel = this.core.client.realtime.conversation(id);
    watched.offs.push(
      channel.onTypingStart((e) => {
        if (e.user_id !== this.core.state.getState().me?.id) this.#typing.start(id, e.user_id);
      }),
      channel.onTypingStop((e) => this.#typing.stop(id, e.user_id)),
      channel.onPresenceState((snapshot) => this.#onPresenceState(id, snapshot, !channel.onJoin)),
      channel.onPresenceDiff((diff) => this.#onPresenceDiff(id, diff)),
    );
  }

  /** Releases one `watch`; the last release leaves the channel unless the timeline is open. */
  unwatch(id: string): void {
    const watched = this.#watched.get(id);
    if (!watched) return;
    watched.refs -= 1;
    if (watched.refs > 0) return;
    this.#watched.delete(id);
    for (const off of watched.offs) off();
    this.#typing.clear(id);
    this.#pings.delete(id);
    this.core.state.updateSlice('presence', (presence) => removeKey(presence, id));
    if (!this.hooks.isOpen(id)) this.core.client.realtime.leave(id);
  }

  /** Someone's message ends their "typing…" at once. */
  typingEnded(conversationId: string, userId: string): void {
    this.#typing.stop(conversationId, userId);
  }

  /** Tells the others the user is typing, at most once per `typingThrottleMs`. */
  sendTyping(conversationId: string): void {
    if (!this.hooks.isOpen(conversationId)) return;
    let throttle = this.#pings.get(conversationId);
    if (!throttle) {
      throttle = new TypingThrottle(
        () => this.core.client.realtime.conversation(conversationId).sendTyping(),
        this.options.typingThrottleMs,
        this.core.now,
      );
      this.#pings.set(conversationId, throttle);
    }
    throttle.ping();
  }

  /** The user sent a message: the server stopped their indicator, so the next key stroke pings again. */
  sent(conversationId: string): void {
    this.#pings.get(conversationId)?.reset();
  }

  /** Leaves every channel (the store is being destroyed). */
  destroy(): void {
    for (const [id, watched] of [...this.#watched]) {
      watched.refs = 1;
      this.unwatch(id);
    }
    this.#typing.destroy();
  }

  #onPresenceState(id: string, snapshot: PresenceSnapshot, meansJoined: boolean): void {
    const watched = this.#watched.get(id);
    if (!watched) return;
    watched.presence.reset(snapshot);
    this.#publish(id, watched.presence);
    // Without a join hook, the snapshot that follows every (re)join is the sign of one.
    if (meansJoined) this.hooks.joined(id);
  }

  #onPresenceDiff(id: string, diff: PresenceDiff): void {
    const watched = this.#watched.get(id);
    if (!watched) return;
    watched.presence.apply(diff);
    this.#publish(id, watched.presence);
  }

  #publish(id: string, tracker: PresenceTracker): void {
    const online = tracker.online();
    this.core.state.updateSlice('presence', (presence) =>
      sameIds(presence[id], online) ? presence : { ...presence, [id]: online },
    );
  }
}
