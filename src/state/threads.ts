/** Threads: loading a thread's replies (all pages), once at a time per root. */
import { MAX_PAGES, setThread, type StoreCore } from './core.js';
import { toStoreError } from './errors.js';
import type { MessageFeed } from './message-feed.js';

/** Replies fetched per page of a thread load. */
const THREAD_PAGE = 500;

export class Threads {
  readonly #loads = new Map<string, Promise<void>>();

  constructor(
    private readonly core: StoreCore,
    private readonly feed: MessageFeed,
  ) {}

  load(rootId: string): Promise<void> {
    const running = this.#loads.get(rootId);
    if (running) return running;
    const load = this.#fetch(rootId).finally(() => this.#loads.delete(rootId));
    this.#loads.set(rootId, load);
    return load;
  }

  /** Loads every thread loaded before again (after a reconnect). */
  reloadLoaded(): void {
    for (const [rootId, thread] of Object.entries(this.core.state.getState().threads))
      if (thread.loaded) void this.load(rootId);
  }

  async #fetch(rootId: string): Promise<void> {
    const conversationId = this.feed.locate(rootId)?.message.conversation_id ?? null;
    setThread(this.core, rootId, (th) => ({
      ...th,
      conversationId: th.conversationId ?? conversationId,
      loading: true,
      error: null,
    }));
    try {
      const handle = this.core.client.messages.one(rootId);
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const th = this.core.state.getState().threads[rootId];
        const last =
          th && th.replyIds.length
            ? th.byId[th.replyIds[th.replyIds.length - 1]].sequence
            : undefined;
        const { data } = await handle.replies(
          last === undefined ? { limit: THREAD_PAGE } : { limit: THREAD_PAGE, after: last },
        );
        this.feed.receive(data, 'page');
        if (data.length < THREAD_PAGE) break;
      }
      setThread(this.core, rootId, (th) => ({ ...th, loading: false, loaded: true }));
    } catch (error) {
      setThread(this.core, rootId, (th) => ({ ...th, loading: false, error: toStoreError(error) }));
    }
  }
}
