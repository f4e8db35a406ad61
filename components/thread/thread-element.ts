import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property } from 'lit/decorators.js';
import type { Me, Message, Uuid } from '../../src/sdk/types.js';
import { threadItems, type TimelineItem } from '../../src/state/selectors.js';
import type { ChatState, ChatStore, Profile, ThreadState } from '../../src/state/types.js';
import type { AttachmentUrlSource } from '../message/attachment-url.js';
import { MESSAGE_PARTS } from '../message/message-element.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import '../conversation/conversation.strings.js';
import { StoreController } from '../../src/context/store-controller.js';
import { shallowEqual } from '../timeline/shallow-equal.js';
import { continuesGroup } from '../timeline/timeline-rows.js';
import { threadStyles } from './thread.styles.js';

type Slice = readonly [
  Me | null,
  ThreadState | undefined,
  Message | undefined,
  readonly TimelineItem[],
  Readonly<Record<string, Profile>>,
];

const EMPTY_SLICE: Slice = [null, undefined, undefined, [], {}];

/**
 * A thread panel: the root message, its replies oldest first, and a
 * composer that replies in the thread.
 *
 * @event poolse-thread-close - The reader closed the panel (close button or Escape).
 * @event poolse-message-action - From a message: cancelable intent (see `<poolse-message>`).
 * @event poolse-reaction-toggle - From a reactions bar: cancelable intent (see `<poolse-reactions>`).
 * @event poolse-message-send - From its composer: cancelable intent before a reply is sent (see `<poolse-composer>`).
 * @event poolse-upload-progress - From its composer: an upload moved (see `<poolse-composer>`).
 * @event poolse-upload-error - From its composer: a file could not be attached (see `<poolse-composer>`).
 * @event poolse-lightbox-close - From an image viewer a message opened (see `<poolse-lightbox>`).
 *
 * @slot composer - Replaces the thread's `<poolse-composer>`.
 *
 * @csspart header - Title row.
 * @csspart title - "Thread".
 * @csspart close-button - Closes the panel.
 * @csspart body - The scrolling area with the root and the replies.
 * @csspart root - The root message.
 * @csspart divider - "N replies" line under the root.
 * @csspart replies - The list of replies.
 * @csspart empty - Shown when there are no replies yet.
 * @csspart status - Loading and error line.
 * @csspart composer - The composer area.
 *
 * @cssproperty --poolse-thread-background - Panel background.
 * @cssproperty --poolse-thread-border-color - Panel borders.
 */
export class PoolseThread extends PoolseElement {
  static override styles = threadStyles;

  @property({ attribute: 'root-id' }) rootId: Uuid | null = null;
  @property({ attribute: 'conversation-id' }) conversationId: Uuid | null = null;
  @property({ attribute: false }) store: ChatStore | null = null;
  /** Where attachment download URLs come from (handed to each message). */
  @property({ attribute: false }) attachmentSource: AttachmentUrlSource | null = null;
  readonly #localize = new LocalizeController(this, { locale: () => this.locale });
  @property() locale: string | undefined = undefined;

  readonly #slice = new StoreController<Slice>(this, () => EMPTY_SLICE, { equals: shallowEqual });
  #loadedFor: string | null = null;

  static #selectorFor(
    rootId: Uuid | null,
    givenConversationId: Uuid | null,
  ): (state: ChatState) => Slice {
    if (!rootId) return () => EMPTY_SLICE;
    const items = threadItems(rootId);
    return (state) => {
      const conversationId = givenConversationId ?? state.threads[rootId]?.conversationId ?? null;
      const root = conversationId ? state.timelines[conversationId]?.byId[rootId] : undefined;
      return [state.me, state.threads[rootId], root, items(state), state.profiles];
    };
  }

  close(): void {
    this.emit('poolse-thread-close');
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store') && this.store) this.#slice.store = this.store;
    if (changed.has('rootId') || changed.has('conversationId')) {
      this.#slice.setSelector(PoolseThread.#selectorFor(this.rootId, this.conversationId));
    }
    const store = this.#slice.store;
    const key = `${this.rootId ?? ''}`;
    if (store && this.rootId && this.#loadedFor !== key) {
      this.#loadedFor = key;
      // Errors land in the thread state (`error`) and are shown from there.
      void store.loadThread(this.rootId).catch(() => undefined);
    }
    if (store) {
      const [, , root, items] = this.#slice.value;
      store.ensureProfiles(
        [root, ...items.map((item) => item.message)].map((m) => m?.sender_external_id),
      );
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('rootId')) {
      const body = this.renderRoot.querySelector<HTMLElement>('[part~="body"]');
      if (body) body.scrollTop = body.scrollHeight;
    }
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.close();
    }
  };

  #message(message: Message, status: TimelineItem['status'], continued: boolean) {
    const [me, , , , profiles] = this.#slice.value;
    const sender = message.sender_external_id;
    const quoted = message.quoted_message?.sender_external_id;
    return html`<poolse-message
      data-key=${message.id}
      exportparts=${MESSAGE_EXPORTS}
      in-thread
      .message=${message}
      .status=${status}
      .continued=${continued}
      .profile=${sender ? (profiles[sender] ?? null) : null}
      .quotedProfile=${quoted ? (profiles[quoted] ?? null) : null}
      .ownUserId=${me?.id ?? null}
      .ownExternalId=${me?.external_id ?? null}
      .store=${this.#slice.store ?? null}
      .attachmentSource=${this.attachmentSource}
    ></poolse-message>`;
  }

  protected override render() {
    const [, thread, root, items] = this.#slice.value;
    const conversationId =
      this.conversationId ?? thread?.conversationId ?? root?.conversation_id ?? null;
    const confirmed = items.filter((item) => item.status === 'sent').length;
    return html`<section aria-label=${this.#localize.t('thread.title')} @keydown=${this.#onKeydown} class="thread-root">
      <div part="header">
        <h2 part="title">${this.#localize.t('thread.title')}</h2>
        <button part="close-button" type="button" aria-label=${this.#localize.t('thread.close')} @click=${() => this.close()}>
          ${closeIcon}
        </button>
      </div>
      <div part="body" role="log" aria-live="polite" aria-label=${this.#localize.t('thread.title')} tabindex="0">
        ${root ? html`<div part="root">${this.#message(root, 'sent', false)}</div>` : nothing}
        ${
          items.length > 0
            ? html`<div part="divider">${this.#localize.t('thread.replies', { count: Math.max(confirmed, root?.reply_count ?? 0) })}</div>`
            : nothing
        }
        ${
          thread?.loading && items.length === 0
            ? html`<div part="status" role="status">${this.#localize.t('common.loading')}</div>`
            : thread?.error
              ? html`<div part="status" role="alert">${this.#localize.t('common.error')}</div>`
              : items.length === 0 && thread?.loaded
                ? html`<div part="empty">${this.#localize.t('thread.empty')}</div>`
                : nothing
        }
        <div part="replies">
          ${items.map((item, index) => this.#message(item.message, item.status, continuesGroup(items[index - 1]?.message, item.message)))}
        </div>
      </div>
      <div part="composer">
        <slot name="composer">
          ${
            conversationId && this.rootId
              ? html`<poolse-composer
                conversation-id=${conversationId}
                thread-root-id=${this.rootId}
              ></poolse-composer>`
              : nothing
          }
        </slot>
      </div>
    </section>`;
  }
}

/** The message parts, forwarded (as `message-<part>`) so a page can style thread messages apart. */
const MESSAGE_EXPORTS = MESSAGE_PARTS.map((part) => `${part}: message-${part}`).join(', ');

/** The parts of the thread panel itself. */
export const THREAD_PARTS = [
  'header',
  'title',
  'close-button',
  'body',
  'root',
  'divider',
  'replies',
  'empty',
  'status',
  'composer',
] as const;

const closeIcon = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
  <path d="M5 5l10 10M15 5L5 15" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'poolse-thread': PoolseThread;
  }
}
