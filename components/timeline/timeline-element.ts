import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
import { provideResizeObserver } from '@lit-labs/virtualizer/polyfillLoaders/ResizeObserver.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Membership, Message, Me, Uuid } from '../../src/sdk/types.js';
import { timelineItems, type TimelineItem } from '../../src/state/selectors.js';
import type {
  ChatState,
  ChatStore,
  Profile,
  Receipt,
  TimelineState,
} from '../../src/state/types.js';
import type { AttachmentUrlSource } from '../message/attachment-url.js';
import { MESSAGE_PARTS } from '../message/message-element.js';
import { formatDayLabel } from '../shared/format.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import '../conversation/conversation.strings.js';
import { StoreController } from '../../src/context/store-controller.js';
import { NextFrameResizeObserver } from '../shared/next-frame-resize-observer.js';
import { STICK_PX, StickToBottomController } from '../shared/controllers/stick-to-bottom.js';
import { shallowEqual } from './shallow-equal.js';
import { keyedFlow } from './keyed-flow-layout.js';
import { layoutTimeline, type TimelineRow } from './timeline-rows.js';
import { timelineStyles } from './timeline.styles.js';
import {
  announcementText,
  displayName,
  externalIdFor,
  seenByOnNewestOwn,
} from './timeline-view.js';

// The virtualizer measures and moves rows from its ResizeObserver callbacks;
// done inside the observation round, that reports a "ResizeObserver loop"
// error on the host page's window. A frame later it is a fresh round.
provideResizeObserver(NextFrameResizeObserver);


type Slice = readonly [
  Me | null,
  TimelineState | undefined,
  readonly TimelineItem[],
  Readonly<Record<string, Profile>>,
  Readonly<Record<Uuid, Receipt>> | undefined,
  Readonly<Record<Uuid, Membership>> | undefined,
];

const EMPTY_SLICE: Slice = [null, undefined, [], {}, undefined, undefined];

/**
 * The virtualized message list of one conversation (used by
 * `<poolse-conversation>`). It renders only the rows near the viewport and
 * adds what the virtualizer lacks: it sticks to the bottom while the reader
 * is there (also when images load), keeps the reader's place when older
 * pages are prepended, loads older pages near the top, shows "jump to
 * latest" with a count when new messages arrive while the reader is scrolled
 * up, announces messages from others politely, and marks the conversation
 * read when the newest message is on screen in a visible page.
 *
 * @event poolse-message-action - From a message: cancelable intent (see `<poolse-message>`).
 * @event poolse-thread-open - From a message: a thread was asked for (see `<poolse-message>`).
 * @event poolse-reaction-toggle - From a reactions bar: cancelable intent (see `<poolse-reactions>`).
 * @event poolse-lightbox-close - From an image viewer a message opened (see `<poolse-lightbox>`).
 *
 * @csspart scroller - The scrolling `role="log"` region.
 * @csspart announcer - The visually hidden live region.
 * @csspart history - The top line ("Loading older messages…" / beginning of the conversation).
 * @csspart day - A day separator.
 * @csspart unread - The unread divider.
 * @csspart jump-button - "Jump to latest".
 * @csspart jump-count - The count of new messages on the jump button.
 * @csspart status - Loading and error states.
 *
 * @cssproperty --poolse-timeline-background - Background behind the messages.
 */
export class PoolseTimeline extends PoolseElement {
  static override styles = timelineStyles;

  @property({ attribute: 'conversation-id' }) conversationId: Uuid | null = null;
  @property({ attribute: false }) store: ChatStore | null = null;
  /** Where attachment download URLs come from (handed to each message). */
  @property({ attribute: false }) attachmentSource: AttachmentUrlSource | null = null;
  readonly #localize = new LocalizeController(this, { locale: () => this.locale });
  @property() locale: string | undefined = undefined;
  /**
   * The read cursor frozen when the conversation opened: the unread divider
   * sits above the first later message from someone else. `null`: none.
   */
  @property({ attribute: false }) unreadAfterSequence: number | null = null;

  @state() private newBelow = 0;
  @state() private detached = false;
  @state() private announcement = '';

  readonly #slice = new StoreController<Slice>(this, () => EMPTY_SLICE, { equals: shallowEqual });

  #rows: TimelineRow[] = [];
  #rowsInput: readonly unknown[] = [];
  #messages: Message[] = [];
  #statusById = new Map<Uuid, TimelineItem['status']>();
  #seenBy: { messageId: Uuid; names: string[] } | null = null;

  readonly #scroll = new StickToBottomController(this, {
    scroller: () => this.#scroller(),
    rows: () => this.#virtualizer()?.children ?? [],
    // Anchor on a message: day separators keep their key while their day grows older messages above.
    canAnchor: (row) => row.localName === 'poolse-message',
    detachedChanged: (detached) => {
      if (detached !== this.detached) this.detached = detached;
    },
    reachedBottom: () => {
      if (this.newBelow) this.newBelow = 0;
      this.#maybeMarkRead();
    },
    nearTop: () => this.#loadOlder(),
  });
  #initialScrollDone = false;
  #firstKey: string | null = null;
  #lastKey: string | null = null;

  /** The slice of one conversation: a new selector per conversation, so its item cache stays per conversation. */
  static #selectorFor(id: Uuid | null): (state: ChatState) => Slice {
    if (!id) return () => EMPTY_SLICE;
    const items = timelineItems(id);
    return (state) => [
      state.me,
      state.timelines[id],
      items(state),
      state.profiles,
      state.receipts[id],
      state.members[id],
    ];
  }

  /** The store in use: the `store` property, else the provider's. */
  get #store(): ChatStore | null {
    return this.#slice.store ?? null;
  }

  /** Scrolls to the newest message and sticks there. */
  scrollToLatest(): void {
    this.#scroll.scrollToLatest();
    this.newBelow = 0;
    this.detached = false;
    this.#maybeMarkRead();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('conversationId')) {
      // Another conversation: start over at its bottom.
      this.#scroll.follow();
      this.#initialScrollDone = false;
      this.#firstKey = null;
      this.#lastKey = null;
      this.newBelow = 0;
      this.detached = false;
      this.announcement = '';
    }
    if (changed.has('store') && this.store) this.#slice.store = this.store;
    if (changed.has('conversationId'))
      this.#slice.setSelector(PoolseTimeline.#selectorFor(this.conversationId));
    const [me, , items, profiles, receipts, members] = this.#slice.value;
    const input = [
      items,
      me,
      this.unreadAfterSequence,
      profiles,
      receipts,
      members,
      this.#localize.locale,
      this.#localize.revision,
      this.attachmentSource,
    ];
    if (shallowEqual(input, this.#rowsInput)) return;
    const itemsChanged = items !== this.#rowsInput[0];
    this.#rowsInput = input;

    this.#messages = items.map((item) => item.message);
    this.#statusById = new Map(items.map((item) => [item.message.id, item.status]));
    this.#rows = layoutTimeline(this.#messages, {
      unreadAfterSequence: this.unreadAfterSequence,
      ownUserId: me?.id ?? null,
    });
    this.#resolveProfiles(this.#messages);
    const seen = seenByOnNewestOwn(this.#messages, me?.id ?? null, receipts);
    this.#seenBy = seen
      ? {
          messageId: seen.messageId,
          names: seen.readerIds.map((userId) => {
            const externalId = externalIdFor(userId, members, this.#messages);
            return displayName(
              externalId ? profiles[externalId] : undefined,
              externalId,
              this.#localize.t('common.unknown-user'),
            );
          }),
        }
      : null;
    if (itemsChanged) {
      this.#onItemsChanged(items, me?.id ?? null, profiles);
      this.#announceOwnSends(items, me?.id ?? null);
    }
  }

  /** The reader's own sends still in flight, by id, to say when each lands or fails. */
  #inFlight = new Set<Uuid>();

  /**
   * Says "Sent" or "Not sent." politely when one of the reader's own
   * messages leaves the pending state. Only the few in-flight ids are
   * looked up, so a long timeline costs nothing here.
   */
  #announceOwnSends(items: readonly TimelineItem[], ownId: Uuid | null): void {
    if (!ownId) return;
    const last = items[items.length - 1];
    if (last && last.message.sender_id === ownId && last.status === 'pending')
      this.#inFlight.add(last.message.id);
    if (this.#inFlight.size === 0) return;
    for (let i = items.length - 1; i >= 0 && i >= items.length - 50; i -= 1) {
      const item = items[i];
      if (!item || !this.#inFlight.has(item.message.id) || item.status === 'pending') continue;
      this.#inFlight.delete(item.message.id);
      this.announcement = this.#localize.t(
        item.status === 'failed' ? 'message.failed' : 'message.sent',
      );
    }
  }

  #resolveProfiles(messages: readonly Message[]): void {
    const store = this.#store;
    if (!store) return;
    store.ensureProfiles(
      messages.flatMap((m) => [m.sender_external_id, m.quoted_message?.sender_external_id]),
    );
  }

  /** Notices prepends (keep the anchor) and appends (stick, count, announce). */
  #onItemsChanged(
    items: readonly TimelineItem[],
    ownId: Uuid | null,
    profiles: Readonly<Record<string, Profile>>,
  ): void {
    const firstKey = items[0]?.message.id ?? null;
    const lastKey = items[items.length - 1]?.message.id ?? null;
    const previousFirst = this.#firstKey;
    const previousLast = this.#lastKey;
    this.#firstKey = firstKey;
    this.#lastKey = lastKey;
    if (previousFirst === null || previousLast === null) return;

    if (firstKey !== previousFirst && items.some((item) => item.message.id === previousFirst))
      this.#scroll.keepPlace();
    if (lastKey !== previousLast) {
      const previousIndex = items.findIndex((item) => item.message.id === previousLast);
      if (previousIndex < 0) return;
      const appended = items.slice(previousIndex + 1);
      // The reader's own fresh send brings them to the bottom, like every chat app.
      if (appended.some((item) => item.message.sender_id === ownId && item.status === 'pending')) {
        this.#scroll.follow();
        this.newBelow = 0;
        this.detached = false;
      }
      const fromOthers = appended.filter(
        (item) => item.status === 'sent' && item.message.sender_id !== ownId,
      );
      if (fromOthers.length === 0) return;
      if (!this.#scroll.stuck) this.newBelow += fromOthers.length;
      const last = fromOthers[fromOthers.length - 1];
      if (last) {
        const externalId = last.message.sender_external_id;
        const name = displayName(
          externalId ? profiles[externalId] : undefined,
          externalId,
          this.#localize.t('common.unknown-user'),
        );
        this.announcement = this.#localize.t('conversation.announce', {
          name,
          text: announcementText(last.message, this.#localize.t('message.attachment')),
        });
      }
    }
  }

  #scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="scroller"]');
  }

  #virtualizer(): LitVirtualizer<TimelineRow> | null {
    return this.renderRoot.querySelector('lit-virtualizer') as LitVirtualizer<TimelineRow> | null;
  }

  #onVisibility = (): void => this.#maybeMarkRead();

  #loadOlder(): void {
    const id = this.conversationId;
    const timeline = this.#slice.value[1];
    const store = this.#store;
    if (!id || !store || !timeline?.loaded || !timeline.hasOlder || timeline.loadingOlder) return;
    void store.loadOlder(id);
  }

  #maybeMarkRead(): void {
    const id = this.conversationId;
    const store = this.#store;
    if (!id || !store || !this.#scroll.stuck || document.visibilityState !== 'visible') return;
    if (!this.#slice.value[1]?.loaded || this.#messages.length === 0) return;
    void store.markRead(id).catch(() => undefined);
  }

  protected override updated(): void {
    const virtualizer = this.#virtualizer();
    const scroller = this.#scroller();
    if (virtualizer && scroller) this.#scroll.observe(virtualizer, scroller);
    if (!virtualizer) return;
    const loaded = this.#slice.value[1]?.loaded ?? false;
    if (loaded && !this.#initialScrollDone && this.#rows.length > 0) {
      this.#initialScrollDone = true;
      void this.#initialScroll();
      return;
    }
    // layoutComplete rejects when the list is torn down mid-layout; nothing to do then.
    virtualizer.layoutComplete
      ?.then(() => {
        this.#scroll.settle();
        this.#fillViewport();
        this.#maybeMarkRead();
      })
      .catch(() => undefined);
  }

  /** Opens at the unread divider when it is far up, else at the bottom. */
  async #initialScroll(): Promise<void> {
    const virtualizer = this.#virtualizer();
    if (!virtualizer) return;
    try {
      await virtualizer.layoutComplete;
    } catch {
      return;
    }
    const unreadIndex = this.#rows.findIndex((row) => row.kind === 'unread');
    const scroller = this.#scroller();
    if (unreadIndex >= 0 && scroller && this.#rows.length - unreadIndex > 12) {
      this.#scroll.release();
      this.detached = true;
      try {
        virtualizer.element(unreadIndex)?.scrollIntoView({ block: 'start' });
      } catch {
        // The layout was torn down meanwhile (another conversation): nothing to keep.
        return;
      }
      this.#scroll.holdAt('unread');
    } else {
      this.#scroll.scrollToLatest();
      this.#scroll.scheduleFrame();
    }
    this.#fillViewport();
    this.#maybeMarkRead();
  }

  /** A short first page does not fill the view, so no scroll would ever ask for more. */
  #fillViewport(): void {
    const scroller = this.#scroller();
    const virtualizer = this.#virtualizer();
    if (!scroller || !virtualizer) return;
    // Judge only when every row is rendered (real sizes, not the virtualizer's estimates).
    const rendered = virtualizer.querySelectorAll(':scope > [data-key]').length;
    if (rendered >= this.#rows.length && scroller.scrollHeight <= scroller.clientHeight + STICK_PX)
      this.#loadOlder();
  }

  #renderRow = (row: TimelineRow) => {
    switch (row.kind) {
      case 'day':
        return html`<div part="day" data-key=${row.key}>${formatDayLabel(row.day, Date.now(), this.#localize.locale)}</div>`;
      case 'unread':
        return html`<div part="unread" data-key=${row.key}>${this.#localize.t('conversation.unread')}</div>`;
      default: {
        const [me, , , profiles] = this.#slice.value;
        const message = row.message;
        const sender = message.sender_external_id;
        const quoted = message.quoted_message?.sender_external_id;
        return html`<poolse-message
          data-key=${row.key}
          exportparts=${MESSAGE_EXPORTS}
          .message=${message}
          .status=${this.#statusById.get(message.id) ?? 'sent'}
          .continued=${row.continued}
          .profile=${sender ? (profiles[sender] ?? null) : null}
          .quotedProfile=${quoted ? (profiles[quoted] ?? null) : null}
          .ownUserId=${me?.id ?? null}
          .ownExternalId=${me?.external_id ?? null}
          .seenBy=${this.#seenBy?.messageId === message.id ? this.#seenBy.names : NO_NAMES}
          .store=${this.#store}
          .attachmentSource=${this.attachmentSource}
        ></poolse-message>`;
      }
    }
  };

  #keyOf = (row: TimelineRow): string => row.key;

  protected override render() {
    const timeline = this.#slice.value[1];
    if (!timeline || (!timeline.loaded && this.#rows.length === 0)) {
      if (timeline?.error)
        return html`<div part="status" role="alert">${this.#localize.t('conversation.error')}</div>`;
      return html`<div part="status" role="status" aria-label=${this.#localize.t('conversation.loading')}>
        <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span><span></span></div>
      </div>`;
    }
    return html`<div
        part="scroller"
        role="log"
        aria-live="polite"
        aria-label=${this.#localize.t('conversation.timeline')}
        tabindex="0"
        @scroll=${this.#scroll.onScroll}
        @wheel=${this.#scroll.onScrollIntent}
        @touchmove=${this.#scroll.onScrollIntent}
        @keydown=${this.#scroll.onScrollIntent}
        @pointerdown=${this.#scroll.onPointerDown}
      >
        <div part="announcer" class="visually-hidden">${this.announcement}</div>
        <div part="history" aria-live="off">
          ${
            timeline.loadingOlder
              ? this.#localize.t('conversation.loading-older')
              : timeline.hasOlder
                ? nothing
                : this.#localize.t('conversation.beginning')
          }
        </div>
        <lit-virtualizer
          aria-live="off"
          .layout=${keyedFlow}
          .items=${this.#rows}
          .keyFunction=${this.#keyOf}
          .renderItem=${this.#renderRow}
        ></lit-virtualizer>
      </div>
      ${
        this.detached && (this.newBelow > 0 || !this.#scroll.stuck)
          ? html`<button part="jump-button" type="button" @click=${this.#onJump}>
            ${arrowDown}<span>${this.#localize.t('conversation.jump-latest')}</span>
            ${
              this.newBelow > 0
                ? html`<span part="jump-count" aria-label=${this.#localize.t('conversation.new-below', { count: this.newBelow })}
                  >${this.newBelow}</span
                >`
                : nothing
            }
          </button>`
          : nothing
      }`;
  }

  #onJump = (): void => {
    this.scrollToLatest();
    this.#scroller()?.focus({ preventScroll: true });
  };
}

const NO_NAMES: readonly string[] = [];

/** The message parts, forwarded so the page can reach them through the conversation. */
const MESSAGE_EXPORTS = MESSAGE_PARTS.join(', ');

/** The parts of the timeline itself. */
export const TIMELINE_PARTS = [
  'scroller',
  'announcer',
  'history',
  'day',
  'unread',
  'jump-button',
  'jump-count',
  'status',
] as const;

const arrowDown = html`<svg viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
  <path d="M10 4v12M5 11l5 5 5-5" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'poolse-timeline': PoolseTimeline;
  }
}
