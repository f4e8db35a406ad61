/**
 * The `drafts` slice and the composer's rules, headless: what counts as an
 * empty draft, quote / thread-reply / edit modes and cancelling an edit
 * (which brings back what was in the box before), which mentions still
 * stand, and turning a draft plus its finished uploads into a send. A
 * composer element renders this and forwards the user's intents.
 *
 * Drafts are keyed by conversation id, or by the thread root id for a thread
 * composer, so the two never clash.
 */
import type { Message, Uuid } from '../sdk/types.js';
import { removeKey, type StoreCore } from './core.js';
import type { MessageFeed } from './message-feed.js';
import type { Profiles } from './profiles.js';
import type { Uploads } from './uploads.js';
import type { ComposerDraft, ComposerTarget, SendDraft, ChatState } from './types.js';

const EMPTY_DRAFT: ComposerDraft = { body: '' };

/** A draft with nothing in it: no text, no mode, no attachment. Such a draft is not kept. */
export function isEmptyDraft(draft: ComposerDraft): boolean {
  return (
    draft.body === '' &&
    !draft.quotedMessageId &&
    !draft.replyToId &&
    !draft.editingMessageId &&
    !(draft.attachmentIds && draft.attachmentIds.length > 0)
  );
}

/** The draft key of a composer: the thread root for a thread composer, else the conversation. */
export function draftKeyOf(target: ComposerTarget): string {
  return target.threadRootId ?? target.conversationId;
}

/** The user's newest message that can still be edited in this composer's feed (for Up arrow). */
export function lastEditableMessage(state: ChatState, target: ComposerTarget): Message | null {
  const me = state.me;
  if (!me) return null;
  const thread = target.threadRootId ? state.threads[target.threadRootId] : undefined;
  const timeline = state.timelines[target.conversationId];
  const ids = target.threadRootId ? thread?.replyIds : timeline?.messageIds;
  const byId = target.threadRootId ? thread?.byId : timeline?.byId;
  if (!ids || !byId) return null;
  for (let i = ids.length - 1; i >= 0; i -= 1) {
    const message = byId[ids[i]];
    if (message && message.sender_id === me.id && !message.deleted_at && message.type === 'text')
      return message;
  }
  return null;
}

export interface DraftDeps {
  feed: MessageFeed;
  profiles: Profiles;
  uploads: Uploads;
}

export class Drafts {
  /** What was in the box before an edit began, restored when the edit ends. */
  readonly #beforeEdit = new Map<string, ComposerDraft>();

  constructor(
    private readonly core: StoreCore,
    private readonly deps: DraftDeps,
  ) {}

  get(key: string): ComposerDraft {
    return this.core.state.getState().drafts[key] ?? EMPTY_DRAFT;
  }

  /** Stores the draft as given (null clears it). */
  set(key: string, draft: ComposerDraft | null): void {
    this.core.state.updateSlice('drafts', (drafts) => {
      if (draft === null) return removeKey(drafts, key);
      return drafts[key] === draft ? drafts : { ...drafts, [key]: draft };
    });
  }

  /** Changes part of the draft; an empty result clears it. */
  update(key: string, patch: Partial<ComposerDraft>): void {
    this.#write(key, { ...this.get(key), ...patch });
  }

  /** Quotes a message in the next send (leaves edit mode). */
  quote(key: string, messageId: Uuid): void {
    this.update(key, { quotedMessageId: messageId, editingMessageId: null });
  }

  /** Makes the next send a reply in the thread of `messageId` (leaves edit mode). */
  replyInThread(key: string, messageId: Uuid): void {
    this.update(key, { replyToId: messageId, editingMessageId: null });
  }

  /** Puts one of the user's messages in the box for editing; false when the message is unknown. */
  startEdit(key: string, messageId: Uuid): boolean {
    const message = this.#find(messageId);
    if (!message) return false;
    const draft = this.get(key);
    if (!draft.editingMessageId) this.#beforeEdit.set(key, draft);
    this.#write(key, { body: message.body ?? '', editingMessageId: messageId });
    return true;
  }

  /** Leaves edit mode and brings back what was in the box before. */
  cancelEdit(key: string): void {
    if (!this.get(key).editingMessageId) return;
    this.#endEdit(key);
  }

  /**
   * Saves the edit in the box: leaves edit mode at once, then edits the
   * message (optimistic) unless its text did not change. Rejects when the
   * server refuses (the message is rolled back).
   */
  async saveEdit(key: string): Promise<void> {
    const draft = this.get(key);
    const messageId = draft.editingMessageId;
    const body = draft.body.trim();
    if (!messageId || body === '') return;
    const original = this.#find(messageId);
    this.#endEdit(key);
    if (original && original.body === body) return;
    await this.deps.feed.edit(messageId, body);
  }

  /** The draft's finished uploads, mirrored so a store reader sees them. */
  mirrorAttachments(key: string, ids: readonly Uuid[]): void {
    const draft = this.get(key);
    const previous = draft.attachmentIds ?? [];
    if (previous.length === ids.length && previous.every((id, i) => id === ids[i])) return;
    this.#write(key, { ...draft, attachmentIds: [...ids] });
  }

  /**
   * What sending the draft would send now: the trimmed text, the finished
   * uploads (with image sizes), the quote, the thread, and the mentions whose
   * `@Name` is still in the text. Null when there is nothing to send.
   */
  prepareSend(target: ComposerTarget): SendDraft | null {
    const key = draftKeyOf(target);
    const draft = this.get(key);
    const body = draft.body.trim();
    const { attachmentIds, imageSizes } = this.deps.uploads.summary(key);
    if (body === '' && attachmentIds.length === 0) return null;
    return {
      body: body === '' ? null : body,
      attachmentIds,
      quotedMessageId: draft.quotedMessageId ?? null,
      replyToId: target.threadRootId ?? draft.replyToId ?? null,
      mentions: this.#mentionsIn(target.conversationId, body, draft.mentions ?? []),
      ...(Object.keys(imageSizes).length > 0
        ? { customData: { attachment_dimensions: imageSizes } }
        : {}),
    };
  }

  /** After a send: the box empties (a thread composer keeps its thread) and the files are let go. */
  sent(target: ComposerTarget): void {
    const key = draftKeyOf(target);
    this.deps.uploads.clear(key);
    this.#write(key, EMPTY_DRAFT);
  }

  /** Keeps only the chosen mentions whose `@Name` is still in the text. */
  #mentionsIn(conversationId: string, body: string, chosen: readonly Uuid[]): Uuid[] {
    const members = this.core.state.getState().members[conversationId];
    const result: Uuid[] = [];
    for (const userId of chosen) {
      const member = members?.[userId];
      const name = member ? this.deps.profiles.resolveUser(member.external_id).displayName : null;
      if (name && !body.includes(`@${name}`)) continue;
      if (!result.includes(userId)) result.push(userId);
    }
    return result;
  }

  #endEdit(key: string): void {
    const previous = this.#beforeEdit.get(key) ?? EMPTY_DRAFT;
    this.#beforeEdit.delete(key);
    this.#write(key, { ...previous, editingMessageId: null });
  }

  #find(id: Uuid): Message | null {
    return (
      this.deps.feed.locate(id)?.message ?? this.core.state.getState().outbox[id]?.message ?? null
    );
  }

  #write(key: string, next: ComposerDraft): void {
    this.set(key, isEmptyDraft(next) ? null : next);
  }
}
