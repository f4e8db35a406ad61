/**
 * The composer's window on the store: which conversation it writes in, and
 * the slices it renders (draft, uploads, members, profiles, the feed for
 * quotes). It re-renders the host only when one of those slices changes,
 * tells it at once when the draft's uploads change (for progress and error
 * events), and holds the conversation open (the store reference-counts it)
 * so a composer used alone still gets the members and the timeline.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Me, Membership, Message, Uuid } from '../../src/sdk/types.js';
import { ConversationHold } from '../shared/controllers/conversation-hold.js';
import type {
  ChatState,
  ChatStore,
  ComposerDraft,
  Profile,
  ThreadState,
  TimelineState,
} from '../../src/state/types.js';
import type { UploadItem } from '../../src/state/upload-queue.js';

export interface ComposerSlice {
  conversationId: Uuid | null;
  /** Where the draft is kept: the thread root for a thread composer, else the conversation. */
  draftKey: string | null;
  me: Me | null;
  draft: ComposerDraft | undefined;
  uploads: readonly UploadItem[] | undefined;
  members: Readonly<Record<Uuid, Membership>> | undefined;
  profiles: Readonly<Record<string, Profile>>;
  timeline: TimelineState | undefined;
  thread: ThreadState | undefined;
}

export interface ComposerTarget {
  conversationId: string | null;
  threadRootId: string | null;
}

const EMPTY_DRAFT: ComposerDraft = { body: '' };

const EMPTY_SLICE: ComposerSlice = {
  conversationId: null,
  draftKey: null,
  me: null,
  draft: undefined,
  uploads: undefined,
  members: undefined,
  profiles: {},
  timeline: undefined,
  thread: undefined,
};

function sameSlice(a: ComposerSlice, b: ComposerSlice): boolean {
  return (
    a.conversationId === b.conversationId &&
    a.draftKey === b.draftKey &&
    a.me === b.me &&
    a.draft === b.draft &&
    a.uploads === b.uploads &&
    a.members === b.members &&
    a.profiles === b.profiles &&
    a.timeline === b.timeline &&
    a.thread === b.thread
  );
}

export class ComposerStoreLink implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #target: () => ComposerTarget;
  readonly #getStore: () => ChatStore | null;
  readonly #onUploads: (previous: readonly UploadItem[], next: readonly UploadItem[]) => void;
  #slice: ComposerSlice = EMPTY_SLICE;
  #subscribedStore: ChatStore | null = null;
  #unsubscribe: (() => void) | null = null;
  readonly #conversation = new ConversationHold();
  #connected = false;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    target: () => ComposerTarget,
    getStore: () => ChatStore | null,
    /** Called synchronously when the same draft's uploads change. */
    onUploads: (previous: readonly UploadItem[], next: readonly UploadItem[]) => void = () => {},
  ) {
    this.#host = host;
    this.#target = target;
    this.#getStore = getStore;
    this.#onUploads = onUploads;
    host.addController(this);
  }

  /** The store the slice was read from (null outside a provider). */
  get store(): ChatStore | null {
    return this.#subscribedStore;
  }

  get slice(): ComposerSlice {
    return this.#slice;
  }

  /** The draft on screen (empty when there is none). */
  get draft(): ComposerDraft {
    return this.#slice.draft ?? EMPTY_DRAFT;
  }

  /** Changes part of the draft on screen. */
  updateDraft(patch: Partial<ComposerDraft>): void {
    const key = this.#slice.draftKey;
    if (key) this.#subscribedStore?.updateDraft(key, patch);
  }

  /** A message of this composer's feed (or a pending send), for quotes and edits. */
  findMessage(id: Uuid): Message | null {
    const { timeline, thread } = this.#slice;
    return (
      thread?.byId[id] ??
      timeline?.byId[id] ??
      this.#subscribedStore?.getState().outbox[id]?.message ??
      null
    );
  }

  /** A user's name now (a fallback until it resolves; the store then updates and the host renders). */
  nameOf(externalId: string): string {
    return this.#subscribedStore?.resolveUser(externalId).displayName ?? externalId;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#resubscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#subscribedStore = null;
    this.#conversation.release();
  }

  /** Runs before each render: the store or the target attributes may have changed. */
  hostUpdate(): void {
    this.refresh();
  }

  /** Re-reads the slice now (the host calls it early in its update, before it reads the slice). */
  refresh(): void {
    if (this.#getStore() !== this.#subscribedStore) this.#resubscribe(false);
    else this.#refresh(false);
  }

  #resubscribe(requestUpdate = true): void {
    const store = this.#connected ? this.#getStore() : null;
    if (store !== this.#subscribedStore) {
      this.#unsubscribe?.();
      this.#subscribedStore = store;
      this.#unsubscribe = store ? store.subscribe(() => this.#refresh(true)) : null;
    }
    this.#refresh(requestUpdate);
  }

  #refresh(requestUpdate: boolean): void {
    const store = this.#subscribedStore;
    const next = store ? this.#select(store.getState()) : EMPTY_SLICE;
    this.#hold(store, next.conversationId);
    if (sameSlice(next, this.#slice)) return;
    const previous = this.#slice;
    this.#slice = next;
    if (previous.draftKey === next.draftKey && previous.uploads !== next.uploads)
      this.#onUploads(previous.uploads ?? [], next.uploads ?? []);
    if (requestUpdate) this.#host.requestUpdate();
  }

  #select(state: ChatState): ComposerSlice {
    const target = this.#target();
    const thread = target.threadRootId ? state.threads[target.threadRootId] : undefined;
    const conversationId =
      target.conversationId ?? thread?.conversationId ?? state.activeConversationId ?? null;
    const draftKey = target.threadRootId ?? conversationId;
    return {
      conversationId,
      draftKey,
      me: state.me,
      draft: draftKey ? state.drafts[draftKey] : undefined,
      uploads: draftKey ? state.uploads[draftKey] : undefined,
      members: conversationId ? state.members[conversationId] : undefined,
      profiles: state.profiles,
      timeline: conversationId ? state.timelines[conversationId] : undefined,
      thread,
    };
  }

  /** Keeps exactly one `openConversation` for the conversation on screen. */
  #hold(store: ChatStore | null, id: Uuid | null): void {
    if (this.#connected) this.#conversation.hold(store, id);
  }
}
