/**
 * Who is typing in each conversation. The server sends `typing:stop` after
 * 5 s without a ping, but a lost stop (a dropped socket) must not leave
 * "typing…" on screen forever, so each start also arms a local expiry.
 */
export class TypingTracker {
  /** conversation id -> user id -> expiry timer */
  private readonly timers = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();

  constructor(
    private readonly expiryMs: number,
    /** Called with the conversation's typing user ids (in start order) whenever they change. */
    private readonly onChange: (conversationId: string, userIds: string[]) => void,
  ) {}

  start(conversationId: string, userId: string): void {
    let users = this.timers.get(conversationId);
    if (!users) {
      users = new Map();
      this.timers.set(conversationId, users);
    }
    const existing = users.get(userId);
    if (existing !== undefined) clearTimeout(existing);
    users.set(
      userId,
      setTimeout(() => this.stop(conversationId, userId), this.expiryMs),
    );
    if (existing === undefined) this.onChange(conversationId, [...users.keys()]);
  }

  stop(conversationId: string, userId: string): void {
    const users = this.timers.get(conversationId);
    const timer = users?.get(userId);
    if (!users || timer === undefined) return;
    clearTimeout(timer);
    users.delete(userId);
    if (users.size === 0) this.timers.delete(conversationId);
    this.onChange(conversationId, [...users.keys()]);
  }

  /** Forgets a conversation (its channel was left). */
  clear(conversationId: string): void {
    const users = this.timers.get(conversationId);
    if (!users) return;
    for (const timer of users.values()) clearTimeout(timer);
    this.timers.delete(conversationId);
    this.onChange(conversationId, []);
  }

  destroy(): void {
    for (const users of this.timers.values())
      for (const timer of users.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
