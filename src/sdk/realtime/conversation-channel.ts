import { Presence, type Channel } from 'phoenix';
import { ListenerSet, callSafely } from '../listeners.js';
import type {
  ConversationTopicEvents,
  MemberReadEvent,
  MessageDeletedEvent,
  MessageNewEvent,
  MessageUpdatedEvent,
  PresenceDiff,
  PresenceMeta,
  PresenceSnapshot,
  ReactionEvent,
  TypingEvent,
  Unsubscribe,
} from '../types.js';

import { handleJoinRefusal, type JoinErrorEvent } from './join-refusal.js';

export type { JoinErrorEvent } from './join-refusal.js';

type ForwardedEvent = Exclude<keyof ConversationTopicEvents, 'presence_state' | 'presence_diff'>;

const FORWARDED_EVENTS: ForwardedEvent[] = [
  'message:new',
  'message:updated',
  'message:deleted',
  'reaction:added',
  'reaction:removed',
  'member:read',
  'typing:start',
  'typing:stop',
];

type EventListeners = { [E in ForwardedEvent]: ListenerSet<ConversationTopicEvents[E]> };

function copySnapshot(state: PresenceSnapshot): PresenceSnapshot {
  const snapshot: PresenceSnapshot = {};
  for (const [key, value] of Object.entries(state)) {
    snapshot[key] = { metas: value.metas.map((meta) => ({ ...meta })) };
  }
  return snapshot;
}

/** The state phoenix's `Presence` helper keeps, as our snapshot shape. */
function presenceState(presence: Presence): PresenceSnapshot {
  const snapshot: PresenceSnapshot = {};
  presence.list((id: string, entry: { metas: PresenceMeta[] }) => {
    snapshot[id] = { metas: entry.metas.map((meta) => ({ ...meta })) };
  });
  return snapshot;
}

/**
 * The live events of one conversation (`conversation:<id>`). Get it from
 * `chat.realtime.conversation(id)`; the same id always gives the same handle.
 * Listeners survive reconnects: the channel rejoins by itself.
 */
export class ConversationChannel {
  private channel: Channel | null = null;
  private presenceSnapshot: PresenceSnapshot = {};
  private hasPresenceState = false;
  private joined = false;
  private readonly events: EventListeners = {
    'message:new': new ListenerSet(),
    'message:updated': new ListenerSet(),
    'message:deleted': new ListenerSet(),
    'reaction:added': new ListenerSet(),
    'reaction:removed': new ListenerSet(),
    'member:read': new ListenerSet(),
    'typing:start': new ListenerSet(),
    'typing:stop': new ListenerSet(),
  };
  private readonly presenceStateListeners = new ListenerSet<PresenceSnapshot>();
  private readonly presenceDiffListeners = new ListenerSet<PresenceDiff>();
  private readonly joinListeners = new ListenerSet<void>();
  private readonly joinErrorListeners = new ListenerSet<JoinErrorEvent>();
  private readonly closeListeners = new ListenerSet<void>();

  constructor(readonly conversationId: string) {}

  /** `message:new`: a message was sent (the full `Message`, also your own). */
  onMessage(fn: (msg: MessageNewEvent) => void): Unsubscribe {
    return this.events['message:new'].add(fn);
  }

  /** `message:updated`: a message was edited, or its reactions/replies changed. */
  onMessageUpdated(fn: (msg: MessageUpdatedEvent) => void): Unsubscribe {
    return this.events['message:updated'].add(fn);
  }

  /** `message:deleted`: the tombstone `{id, conversation_id, deleted_at}`. */
  onMessageDeleted(fn: (evt: MessageDeletedEvent) => void): Unsubscribe {
    return this.events['message:deleted'].add(fn);
  }

  /** `reaction:added`: `{message_id, conversation_id, emoji, user_id}`. */
  onReactionAdded(fn: (evt: ReactionEvent) => void): Unsubscribe {
    return this.events['reaction:added'].add(fn);
  }

  /** `reaction:removed`: `{message_id, conversation_id, emoji, user_id}`. */
  onReactionRemoved(fn: (evt: ReactionEvent) => void): Unsubscribe {
    return this.events['reaction:removed'].add(fn);
  }

  /** `member:read`: a member's read cursor moved (read receipts). */
  onMemberRead(fn: (evt: MemberReadEvent) => void): Unsubscribe {
    return this.events['member:read'].add(fn);
  }

  /** `typing:start`: another member started typing (never yourself). */
  onTypingStart(fn: (evt: TypingEvent) => void): Unsubscribe {
    return this.events['typing:start'].add(fn);
  }

  /** `typing:stop`: another member stopped typing, sent, or left. */
  onTypingStop(fn: (evt: TypingEvent) => void): Unsubscribe {
    return this.events['typing:stop'].add(fn);
  }

  /**
   * `presence_state`: who is online, after every (re)join. A listener added
   * after the first snapshot arrived is called at once with the current one.
   */
  onPresenceState(fn: (state: PresenceSnapshot) => void): Unsubscribe {
    const off = this.presenceStateListeners.add(fn);
    if (this.hasPresenceState) callSafely(fn, this.getPresenceState());
    return off;
  }

  /** `presence_diff`: `{joins, leaves}` as members come and go. */
  onPresenceDiff(fn: (diff: PresenceDiff) => void): Unsubscribe {
    return this.presenceDiffListeners.add(fn);
  }

  /**
   * Fires after every successful join, including each rejoin after a
   * reconnect: the moment to fetch what was missed with
   * `messages.list({ after: lastSequence })`. An addition to `@poolse/sdk`;
   * not replayed to late subscribers (see {@link isJoined}).
   */
  onJoin(fn: () => void): Unsubscribe {
    return this.joinListeners.add(fn);
  }

  /**
   * Fires when the server refuses the join. An `unauthorized` refusal (not a
   * member) also closes the channel instead of retrying; other refusals are
   * retried by phoenix. An addition to `@poolse/sdk`.
   */
  onJoinError(fn: (evt: JoinErrorEvent) => void): Unsubscribe {
    return this.joinErrorListeners.add(fn);
  }

  /**
   * Fires when the server closes the channel (e.g. you were removed from
   * the conversation); calling `realtime.conversation(id)` again rejoins
   * with the same handle. An addition.
   */
  onClose(fn: () => void): Unsubscribe {
    return this.closeListeners.add(fn);
  }

  /** Whether the channel is joined right now. An addition. */
  isJoined(): boolean {
    return this.joined;
  }

  /** The current presence list (a copy): user id to that user's metas, one per tab. */
  getPresenceState(): PresenceSnapshot {
    return copySnapshot(this.presenceSnapshot);
  }

  /**
   * Tells the other members you are typing. Cheap to call on every
   * keystroke: the server rate-limits and ends the typing state by itself.
   * Dropped while the channel is not joined.
   */
  sendTyping(): void {
    if (this.channel && this.joined) this.channel.push('typing', {});
  }

  /** @internal Binds this handle to a phoenix channel and joins it. */
  _attach(channel: Channel): void {
    this.channel = channel;
    this.joined = false;
    this.hasPresenceState = false;
    this.presenceSnapshot = {};
    // Presence binds its own handlers first, so ours below see the synced state.
    const presence = new Presence(channel);
    for (const event of FORWARDED_EVENTS) {
      channel.on(event, (payload: unknown) => {
        if (this.channel === channel) (this.events[event] as ListenerSet<unknown>).emit(payload);
      });
    }
    channel.on('presence_state', () => {
      if (this.channel !== channel) return;
      this.presenceSnapshot = presenceState(presence);
      this.hasPresenceState = true;
      this.presenceStateListeners.emit(this.getPresenceState());
    });
    channel.on('presence_diff', (diff: PresenceDiff) => {
      if (this.channel !== channel) return;
      if (!presence.inPendingSyncState()) this.presenceSnapshot = presenceState(presence);
      this.presenceDiffListeners.emit(diff);
    });
    channel.onError(() => {
      if (this.channel === channel) this.joined = false;
    });
    channel.onClose(() => {
      if (this.channel !== channel) return;
      this.joined = false;
      this.closeListeners.emit();
    });
    channel
      .join()
      .receive('ok', () => {
        if (this.channel !== channel) return;
        this.joined = true;
        this.joinListeners.emit();
      })
      .receive('error', (response: unknown) => {
        // `realtime.conversation(id)` joins again after a refusal (e.g. once added back).
        if (this.channel === channel) handleJoinRefusal(channel, response, this.joinErrorListeners);
      });
  }

  /** @internal Whether the server closed the channel (a new `_attach` is needed). */
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
    this.presenceStateListeners.clear();
    this.presenceDiffListeners.clear();
    this.joinListeners.clear();
    this.joinErrorListeners.clear();
    this.closeListeners.clear();
  }
}
