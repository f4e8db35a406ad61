/**
 * The `inbox` slice and its actions: loading the conversation list,
 * applying live `conversation:*` rows, creating a conversation, the active
 * selection, and watching the newest rows' channels for presence and typing.
 * The slice's pure updates are in `inbox.ts`.
 */
import type { Conversation, ConversationCreateRequest } from '../sdk/types.js';
import type { StoreCore } from './core.js';
import { toStoreError } from './errors.js';
import { setConversations, upsertConversation } from './inbox.js';

export interface InboxDeps {
  /** What the user read per conversation as this store posted it (the list may lag). */
  readUpTo(): ReadonlyMap<string, number>;
  watch(id: string): void;
  unwatch(id: string): void;
}

export class InboxSync {
  /** The inbox conversations watched for their rows' presence and typing. */
  #watched = new Set<string>();

  constructor(
    private readonly core: StoreCore,
    private readonly deps: InboxDeps,
    /** How many of the newest rows to watch (`inboxWatchLimit`). */
    private readonly watchLimit: number,
  ) {}

  async reload(): Promise<void> {
    this.core.state.updateSlice('inbox', (inbox) => ({ ...inbox, loading: true, error: null }));
    try {
      const { data } = await this.core.client.conversations.list();
      this.core.state.updateSlice('inbox', (inbox) =>
        setConversations(inbox, data, this.deps.readUpTo()),
      );
      this.#watchNewest();
    } catch (error) {
      this.core.state.updateSlice('inbox', (inbox) => ({
        ...inbox,
        loading: false,
        error: toStoreError(error),
      }));
    }
  }

  /** A row pushed live or answered by REST; `byUserId` is who caused it. */
  apply(conversation: Conversation, byUserId: string | null | undefined): void {
    this.core.state.updateSlice('inbox', (inbox, s) =>
      upsertConversation(inbox, conversation, { byUserId, meId: s.me?.id ?? null }),
    );
    this.#watchNewest();
  }

  async create(request: ConversationCreateRequest): Promise<Conversation> {
    const conversation = await this.core.client.conversations.create(request);
    this.apply(conversation, this.core.state.getState().me?.id ?? null);
    return conversation;
  }

  select(id: string | null): void {
    this.core.state.updateSlice('activeConversationId', (current) =>
      current === id ? current : id,
    );
  }

  /** Stops watching rows (the store is being destroyed). */
  destroy(): void {
    this.#watched.clear();
  }

  /** Keeps presence and typing live for the newest rows. */
  #watchNewest(): void {
    const state = this.core.state.getState();
    if (this.core.state.closed || !state.me) return;
    const wanted = new Set(state.inbox.ids.slice(0, this.watchLimit));
    for (const id of this.#watched) if (!wanted.has(id)) this.deps.unwatch(id);
    for (const id of wanted) if (!this.#watched.has(id)) this.deps.watch(id);
    this.#watched = wanted;
  }
}
