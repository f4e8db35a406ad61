import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Conversation, Me, Membership, RealtimeStatus, Uuid } from '../../src/sdk/types.js';
import { localeContext } from '../../src/context/contexts.js';
import { StoreController } from '../../src/context/store-controller.js';
import type { ChatState, ChatStore, Profile, TimelineState } from '../../src/state/types.js';
import { THREAD_PARTS } from '../thread/thread-element.js';
import { MESSAGE_PARTS } from '../message/message-element.js';
import type { AttachmentUrlSource } from '../message/attachment-url.js';
import { TIMELINE_PARTS } from '../timeline/timeline-element.js';
import type { PoolseTimeline } from '../timeline/timeline-element.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { ConversationHold } from '../shared/controllers/conversation-hold.js';
import { shallowEqual } from '../timeline/shallow-equal.js';
import { conversationStyles } from './conversation.styles.js';
import {
  conversationTitle,
  onlineOthers,
  otherMembers,
  typingNames,
  typingText,
} from './conversation-view.js';
import './conversation.strings.js';
import { withoutBidiControls } from '../shared/bidi.js';

/** The connection as the banner tells it: the socket's status, or `offline` when the device is. */
type Connection = RealtimeStatus | 'offline';

type Slice = readonly [
  Uuid | null,
  Me | null,
  Connection,
  Conversation | undefined,
  readonly Uuid[] | undefined,
  readonly Uuid[] | undefined,
  Readonly<Record<Uuid, Membership>> | undefined,
  Readonly<Record<string, Profile>>,
  TimelineState | undefined,
];

const NO_ACTIVE: Slice = [
  null,
  null,
  'idle',
  undefined,
  undefined,
  undefined,
  undefined,
  {},
  undefined,
];

/**
 * A conversation: header (name, members, who is online), the message
 * timeline, the typing line, a banner while the connection is restored, a
 * thread panel, and the composer.
 *
 * It shows the provider's active conversation (the inbox's selection), or
 * the one named by `conversation-id`.
 *
 * @slot header - Replaces the header.
 * @slot composer - Replaces the `<poolse-composer>`.
 * @slot empty - Shown when no conversation is selected.
 *
 * @event poolse-message-action - From a message: cancelable intent (see `<poolse-message>`).
 * @event poolse-reaction-toggle - From a reactions bar: cancelable intent (see `<poolse-reactions>`).
 * @event poolse-thread-open - A thread was opened; `detail.rootId`.
 * @event poolse-thread-close - The thread panel was closed.
 * @event poolse-message-send - From its composer: cancelable intent before a send (see `<poolse-composer>`).
 * @event poolse-upload-progress - From its composer: an upload moved (see `<poolse-composer>`).
 * @event poolse-upload-error - From its composer: a file could not be attached (see `<poolse-composer>`).
 * @event poolse-lightbox-close - From an image viewer a message opened (see `<poolse-lightbox>`).
 *
 * @csspart base - The column holding everything.
 * @csspart header - The header bar.
 * @csspart header-avatars - The member avatars in the header.
 * @csspart title - The conversation's name.
 * @csspart subtitle - Members and presence under the name.
 * @csspart online-dot - The dot before "Online".
 * @csspart banner - The reconnecting banner.
 * @csspart main - The area with the timeline and the thread panel.
 * @csspart timeline - The `<poolse-timeline>`.
 * @csspart typing - The typing line.
 * @csspart composer - The composer area.
 * @csspart thread - The `<poolse-thread>` panel.
 * @csspart empty - The empty state.
 * @csspart empty-icon - Its icon.
 * @csspart empty-title - Its title.
 * @csspart empty-body - Its text.
 *
 * @cssproperty --poolse-conversation-background - Background of the conversation.
 * @cssproperty --poolse-conversation-header-background - Background of the header.
 * @cssproperty --poolse-conversation-border-color - Separators.
 * @cssproperty --poolse-conversation-thread-width - Width of the thread panel beside the timeline.
 */
export class PoolseConversation extends PoolseElement {
  static override styles = conversationStyles;

  /** Shows this conversation instead of the provider's active one. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId: Uuid | null = null;
  /** A store to use instead of the provider's. */
  @property({ attribute: false }) store: ChatStore | null = null;
  /** Overrides the provider's locale. */
  @property() locale: string | undefined = undefined;

  /** The root of the open thread, if any. */
  @state() threadRootId: Uuid | null = null;

  readonly #slice = new StoreController<Slice>(this, (state) => this.#select(state), {
    equals: shallowEqual,
  });
  readonly #localize = new LocalizeController(this, { locale: () => this.locale });
  /** Everything inside (timeline, messages, thread, composer) follows this element's locale. */
  readonly #localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: '',
  });

  /** Download URLs for attachments come from the store (which asks the SDK). */
  readonly #attachmentSource: AttachmentUrlSource = {
    attachmentUrl: (attachmentId: Uuid): Promise<string> => {
      const store = this.#store;
      if (!store) return Promise.reject(new Error('no store to ask for the download URL'));
      return store.attachmentUrl(attachmentId);
    },
  };

  readonly #hold = new ConversationHold(this);
  #unreadAfter: number | null = null;
  #unreadFrozenFor: Uuid | null = null;

  #select(state: ChatState): Slice {
    const id = this.conversationId ?? state.activeConversationId;
    if (!id) return NO_ACTIVE;
    return [
      id,
      state.me,
      state.online === false ? 'offline' : state.status,
      state.inbox.byId[id],
      state.typing[id],
      state.presence[id],
      state.members[id],
      state.profiles,
      state.timelines[id],
    ];
  }

  get #store(): ChatStore | null {
    return this.#slice.store ?? null;
  }

  /** The id of the conversation shown now. */
  get activeConversationId(): Uuid | null {
    return this.#slice.value[0];
  }

  /** Opens the thread panel of a root message. */
  openThread(rootId: Uuid): void {
    this.threadRootId = rootId;
  }

  closeThread(): void {
    this.threadRootId = null;
  }

  /** Scrolls the timeline to the newest message. */
  scrollToLatest(): void {
    this.renderRoot.querySelector<PoolseTimeline>('poolse-timeline')?.scrollToLatest();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('poolse-thread-open', this.#onThreadOpen);
    this.addEventListener('poolse-thread-close', this.#onThreadClose);
    this.addEventListener('poolse-message-action', this.#onMessageAction);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('poolse-thread-open', this.#onThreadOpen);
    this.removeEventListener('poolse-thread-close', this.#onThreadClose);
    this.removeEventListener('poolse-message-action', this.#onMessageAction);
  }

  #onThreadOpen = (event: CustomEvent<{ rootId: Uuid }>): void => {
    // Our own thread panel opens threads too (its root's "replies"); the panel just follows.
    if (!this.threadRootId) this.#threadOpener = focusedElement();
    this.threadRootId = event.detail.rootId;
    // The reader asked to reply: put them in the thread's composer.
    void this.updateComplete.then(async () => {
      const thread = this.renderRoot.querySelector('poolse-thread');
      await thread?.updateComplete;
      thread?.shadowRoot?.querySelector<HTMLElement>('poolse-composer')?.focus();
    });
  };

  /** Edit and quote put the message in the composer: take the reader there too. */
  #onMessageAction = (event: CustomEvent<{ action: string }>): void => {
    if (event.detail.action !== 'edit' && event.detail.action !== 'quote') return;
    // After the message has run the action (the event is dispatched before it), unless cancelled.
    setTimeout(() => {
      if (event.defaultPrevented) return;
      const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="composer"]');
      const composer = (slot?.assignedElements()[0] ?? slot?.querySelector('poolse-composer')) as
        HTMLElement | undefined;
      composer?.focus();
    });
  };

  #onThreadClose = (): void => {
    this.threadRootId = null;
    // Back to where the reader opened the thread from, when it is still on screen.
    const opener = this.#threadOpener;
    this.#threadOpener = null;
    if (opener?.isConnected) opener.focus();
  };

  #threadOpener: HTMLElement | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store') && this.store) this.#slice.store = this.store;
    if (changed.has('conversationId')) this.#slice.setSelector((state) => this.#select(state));
    this.#localeProvider.setValue(this.#localize.locale ?? '');
    const [id, , , conversation] = this.#slice.value;
    const store = this.#store;
    // Hold the shown conversation open in the store (channel joined, newest page loaded).
    if (this.isConnected && this.#hold.hold(store, id)) {
      this.threadRootId = null;
      this.#unreadFrozenFor = null;
    }
    // The unread divider's position is decided once, when the conversation opens.
    if (id && this.#unreadFrozenFor !== id && conversation) {
      this.#unreadFrozenFor = id;
      this.#unreadAfter = conversation.unread_count > 0 ? conversation.last_read_sequence : null;
    }
    this.#resolveMembers(conversation);
  }

  #resolveMembers(conversation: Conversation | undefined): void {
    const store = this.#store;
    if (!store || !conversation) return;
    store.ensureProfiles(conversation.member_external_ids);
  }

  protected override render() {
    const [id, me, status, conversation, typing, presence, members, profiles] = this.#slice.value;
    const t = this.#localize.t;
    if (!id) {
      return html`<slot name="empty">
        <div part="empty">
          <span part="empty-icon">${chatIcon}</span>
          <p part="empty-title">${t('conversation.empty.title')}</p>
          <p part="empty-body">${t('conversation.empty.body')}</p>
        </div>
      </slot>`;
    }
    const title = conversationTitle(conversation, me, profiles, t);
    const typingLine = typingText(
      typingNames(typing, members, profiles, t('common.unknown-user')),
      t,
    );
    return html`<section part="base" aria-label=${title || t('conversation.label')}>
      <slot name="header">${this.#renderHeader(title, conversation, me, presence, members, profiles)}</slot>
      ${
        status === 'offline'
          ? html`<div part="banner" role="status">${t('conversation.offline')}</div>`
          : status === 'reconnecting'
            ? html`<div part="banner" role="status">${t('conversation.reconnecting')}</div>`
            : nothing
      }
      <div part="main">
        <div class="feed">
          <poolse-timeline
            part="timeline"
            exportparts=${TIMELINE_EXPORTS}
            .conversationId=${id}
            .store=${this.#store}
            .attachmentSource=${this.#attachmentSource}
            .unreadAfterSequence=${this.#unreadFrozenFor === id ? this.#unreadAfter : null}
          ></poolse-timeline>
          <div part="typing" role="status">
            ${typingLine ? html`<span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>` : nothing}
            <span>${typingLine}</span>
          </div>
          <div part="composer">
            <slot name="composer"><poolse-composer conversation-id=${id}></poolse-composer></slot>
          </div>
        </div>
        ${
          this.threadRootId
            ? html`<poolse-thread
              part="thread"
              exportparts=${THREAD_EXPORTS}
              .rootId=${this.threadRootId}
              .conversationId=${id}
              .store=${this.#store}
              .attachmentSource=${this.#attachmentSource}
            ></poolse-thread>`
            : nothing
        }
      </div>
    </section>`;
  }

  #renderHeader(
    title: string,
    conversation: Conversation | undefined,
    me: Me | null,
    presence: readonly Uuid[] | undefined,
    members: Readonly<Record<Uuid, Membership>> | undefined,
    profiles: Readonly<Record<string, Profile>>,
  ) {
    const t = this.#localize.t;
    const others = otherMembers(conversation, me);
    const online = new Set(onlineOthers(presence, members, me));
    const direct = conversation?.type === 'direct';
    let subtitle: string;
    if (direct)
      subtitle =
        online.size > 0 ? t('conversation.direct-online') : t('conversation.direct-offline');
    else {
      const count = conversation?.member_external_ids.length ?? 0;
      subtitle = t('conversation.members', { count });
      if (online.size > 0) subtitle += ` · ${t('conversation.online', { count: online.size })}`;
    }
    return html`<header part="header">
      <span part="header-avatars">
        ${others.slice(0, direct ? 1 : 3).map((externalId) => {
          const name = profiles[externalId]?.displayName || externalId;
          return html`<poolse-avatar
            size=${direct ? 'md' : 'sm'}
            decorative
            .name=${name}
            .seed=${externalId}
            .src=${profiles[externalId]?.avatarUrl ?? null}
            .presence=${direct ? (online.has(externalId) ? 'online' : 'offline') : ''}
          ></poolse-avatar>`;
        })}
      </span>
      <span class="header-text">
        <h2 part="title" dir="auto">${withoutBidiControls(title)}</h2>
        <span part="subtitle">
          ${direct && online.size > 0 ? html`<span part="online-dot" aria-hidden="true"></span>` : nothing}${subtitle}
        </span>
      </span>
    </header>`;
  }
}

/** The focused element, looking through open shadow roots (the button that opened something). */
function focusedElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Timeline and message parts, forwarded as they are: `poolse-conversation::part(bubble)`. */
const TIMELINE_EXPORTS = [...TIMELINE_PARTS, ...MESSAGE_PARTS].join(', ');

/** Thread panel parts, forwarded as `thread-<part>` (its messages as `thread-message-<part>`). */
const THREAD_EXPORTS = [
  ...THREAD_PARTS.map((part) => `${part}: thread-${part}`),
  ...MESSAGE_PARTS.map((part) => `message-${part}: thread-message-${part}`),
].join(', ');

const chatIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">
  <path d="M4 5.5h16v10H10l-5 4v-4H4z" />
  <path d="M8 9.5h8M8 12.5h5" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'poolse-conversation': PoolseConversation;
  }
}
