import type { Channel } from 'phoenix';
import { ListenerSet } from '../listeners.js';
import { handleJoinRefusal, type JoinErrorEvent } from './join-refusal.js';
import type {
  ConversationCreatedEvent,
  ConversationUpdatedEvent,
  MentionEvent,
  Unsubscribe,
  UserTopicEvents,
} from '../types.js';

type UserEventListeners = { [E in keyof UserTopicEvents]: ListenerSet<UserTopicEvents[E]> };

const USER_EVENTS: (keyof UserTopicEvents)[] = [
  'mention:new',
  'conversation:created',
  'conversation:updated',
];

/**
 * The signed-in user's own channel (`user:<id>`). Get it from
 * `chat.realtime.user(id)`; only the user the JWT names may join it.
 */
export class UserChannel {
  private channel: Channel | null = null;
  private joined = false;
  private readonly events: UserEventListeners = {
    'mention:new': new ListenerSet(),
    'conversation:created': new ListenerSet(),
    'conversation:updated': new ListenerSet(),
  };
  private readonly joinListeners = new ListenerSet<void>();
  private readonly joinErrorListeners = new ListenerSet<JoinErrorEvent>();

  constructor(readonly userId: string) {}

  /** `mention:new`: you were mentioned (`{message_id, conversation_id, sender_id}`). */
  onMention(fn: (evt: MentionEvent) => void): Unsubscribe {
    return this.events['mention:new'].add(fn);
  }

  /**
   * `conversation:created`: you were added to a conversation (also one you
   * created). The payload is the full `Conversation`.
   */
  onConversationCreated(fn: (conv: ConversationCreatedEvent) => void): Unsubscribe {
    return this.events['conversation:created'].add(fn);
  }

  /**
   * `conversation:updated`: after every message in any of your
   * conversations, `{conversation, by_user_id}` with the new preview,
   * `last_message_at` and `last_sequence`.
   */
  onConversationUpdated(fn: (evt: ConversationUpdatedEvent) => void): Unsubscribe {
    return this.events['conversation:updated'].add(fn);
  }

  /** Fires after every successful join and rejoin (an addition to `@poolse/sdk`). */
  onJoin(fn: () => void): Unsubscribe {
    return this.joinListeners.add(fn);
  }

  /**
   * Fires when the server refuses the join (another user's id answers
   * `unauthorized`, and the channel then stops instead of retrying; other
   * refusals are retried). An addition to `@poolse/sdk`.
   */
  onJoinError(fn: (evt: JoinErrorEvent) => void): Unsubscribe {
    return this.joinErrorListeners.add(fn);
  }

  /** Whether the channel is joined right now (an addition). */
  isJoined(): boolean {
    return this.joined;
  }

  /** @internal Binds this handle to a phoenix channel and joins it. */
  _attach(channel: Channel): void {
    this.channel = channel;
    this.joined = false;
    for (const event of USER_EVENTS) {
      channel.on(event, (payload: unknown) => {
        if (this.channel === channel) (this.events[event] as ListenerSet<unknown>).emit(payload);
      });
    }
    channel.onError(() => {
      if (this.channel === channel) this.joined = false;
    });
    channel.onClose(() => {
      if (this.channel === channel) this.joined = false;
    });
    channel
      .join()
      .receive('ok', () => {
        if (this.channel !== channel) return;
        this.joined = true;
        this.joinListeners.emit();
      })
      .receive('error', (response: unknown) => {
        if (this.channel === channel) handleJoinRefusal(channel, response, this.joinErrorListeners);
      });
  }

  /** @internal */
  _isClosed(): boolean {
    return this.channel === null || this.channel.state === 'closed';
  }

  /** @internal Leaves the channel and drops every listener. */
  _destroy(): void {
    const channel = this.channel;
    this.channel = null;
    this.joined = false;
    if (channel && channel.state !== 'closed') channel.leave();
    for (const set of Object.values(this.events)) set.clear();
    this.joinListeners.clear();
    this.joinErrorListeners.clear();
  }
}
