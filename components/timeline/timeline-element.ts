import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '@lit-labs/virtualizer';
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

/** Within this distance of the bottom the reader counts as "at the bottom" (and the view sticks there). */
const STICK_PX = 48;
/** Older pages load when the reader gets this close to the top. */
const LOAD_OLDER_PX = 800;
/** How long after a prepend the reader's anchor is held in place while rows get measured. */
const ANCHOR_HOLD_MS = 600;
/** A scroll this soon after a wheel, touch, key or pointer press is the reader's own. */
const INTENT_MS = 800;

type Slice = readonly [
  Me | null,
  TimelineState | undefined,
  readonly TimelineItem[],
  Readonly<Record<string, Profile>>,
  Readonly<Record<Uuid, Receipt>> | undefined,
  Readonly<Record<Uuid, Membership>> | undefined,
];

const EMPTY_SLICE: Slice = [null, undefined, [], {}, undefined, undefined];

interface Anchor {
  key: string;
  /** Distance of the row's top from the scroller's top. */
  offset: number;
  until: number;
}

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
export class PoolseTimeline extends LitElement {
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
  #requestedProfiles = new Set<string>();

  #stick = true;
  #lastScrollTop = 0;
  #intentAt = -Infinity;
  #pointerDown = false;
  #anchor: Anchor | null = null;
  #initialScrollDone = false;
  #firstKey: string | null = null;
  #lastKey: string | null = null;
  #resize: ResizeObserver | null = null;
  #frame = 0;

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
    this.#stick = true;
    this.#anchor = null;
    this.newBelow = 0;
    this.detached = false;
    this.#scrollToBottom();
    this.#maybeMarkRead();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#resize?.disconnect();
    this.#resize = null;
    cancelAnimationFrame(this.#frame);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('conversationId')) {
      // Another conversation: start over at its bottom.
      this.#stick = true;
      this.#anchor = null;
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
    if (itemsChanged) this.#onItemsChanged(items, me?.id ?? null, profiles);
  }

  #resolveProfiles(messages: readonly Message[]): void {
    const store = this.#store;
    if (!store) return;
    for (const message of messages) {
      for (const externalId of [
        message.sender_external_id,
        message.quoted_message?.sender_external_id,
      ]) {
        if (!externalId || this.#requestedProfiles.has(externalId)) continue;
        this.#requestedProfiles.add(externalId);
        store.resolveUser(externalId);
      }
    }
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

    if (
      firstKey !== previousFirst &&
      items.some((item) => item.message.id === previousFirst) &&
      !this.#stick
    ) {
      this.#captureAnchor();
    }
    if (lastKey !== previousLast) {
      const previousIndex = items.findIndex((item) => item.message.id === previousLast);
      if (previousIndex < 0) return;
      const appended = items.slice(previousIndex + 1);
      // The reader's own fresh send brings them to the bottom, like every chat app.
      if (appended.some((item) => item.message.sender_id === ownId && item.status === 'pending')) {
        this.#stick = true;
        this.#anchor = null;
        this.newBelow = 0;
        this.detached = false;
      }
      const fromOthers = appended.filter(
        (item) => item.status === 'sent' && item.message.sender_id !== ownId,
      );
      if (fromOthers.length === 0) return;
      if (!this.#stick) this.newBelow += fromOthers.length;
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

  /**
   * Remembers the first message on screen and its offset. The layout keeps
   * it in place by itself (`KeyedFlowLayout`); this is the safety net that
   * corrects what estimates leave over once the row is measured again.
   */
  #captureAnchor(): void {
    const scroller = this.#scroller();
    const virtualizer = this.#virtualizer();
    if (!scroller || !virtualizer) return;
    const top = scroller.getBoundingClientRect().top;
    for (const child of virtualizer.children) {
      const element = child as HTMLElement;
      const key = element.dataset['key'];
      // Anchor on a message: day separators keep their key while their day grows older messages above.
      if (!key || element.localName !== 'poolse-message') continue;
      const rect = element.getBoundingClientRect();
      if (rect.bottom > top + 1) {
        this.#anchor = { key, offset: rect.top - top, until: performance.now() + ANCHOR_HOLD_MS };
        return;
      }
    }
  }

  /** Puts the anchored row back where the reader saw it. */
  #restoreAnchor(): void {
    const anchor = this.#anchor;
    const scroller = this.#scroller();
    const virtualizer = this.#virtualizer();
    if (!anchor || !scroller || !virtualizer) return;
    if (performance.now() > anchor.until) {
      this.#anchor = null;
      return;
    }
    const element = [...virtualizer.children].find(
      (child) => (child as HTMLElement).dataset['key'] === anchor.key,
    );
    if (!element) {
      // Not rendered yet at the estimated position: look again next frame.
      this.#scheduleFrame();
      return;
    }
    const delta =
      element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(delta) >= 1) {
      scroller.scrollTop += delta;
      this.#lastScrollTop = scroller.scrollTop;
    }
  }

  #scheduleFrame(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#settle());
  }

  /** After layout changes: hold the anchor, or stay at the bottom. */
  #settle(): void {
    if (this.#anchor) {
      this.#restoreAnchor();
      if (this.#anchor) this.#scheduleFrame();
      return;
    }
    if (!this.#stick) return;
    const scroller = this.#scroller();
    if (scroller && this.#byReader() && scroller.scrollTop < this.#lastScrollTop - 2) {
      // The reader started moving up before their scroll event arrived: let them go.
      this.#stick = false;
      this.detached = true;
      return;
    }
    this.#scrollToBottom();
  }

  #byReader(): boolean {
    return this.#pointerDown || performance.now() - this.#intentAt < INTENT_MS;
  }

  #scrollToBottom(): void {
    const scroller = this.#scroller();
    if (!scroller) return;
    scroller.scrollTop = scroller.scrollHeight;
    this.#lastScrollTop = scroller.scrollTop;
  }

  #onScroll = (): void => {
    const scroller = this.#scroller();
    if (!scroller) return;
    const top = scroller.scrollTop;
    if (this.#anchor) {
      // Our own (or the virtualizer's) moves while the reader's place is held say nothing about the reader.
      this.#lastScrollTop = top;
      return;
    }
    const distance = scroller.scrollHeight - top - scroller.clientHeight;
    const movedUp = top < this.#lastScrollTop - 2;
    this.#lastScrollTop = top;
    const byReader = this.#byReader();
    if (distance <= STICK_PX) {
      this.#stick = true;
      if (this.newBelow) this.newBelow = 0;
      this.#maybeMarkRead();
    } else if (movedUp && byReader) {
      // Only the reader moving up detaches. The virtualizer corrects its
      // size estimates by moving scrollTop too, and growth below (new rows,
      // images) must not detach either.
      this.#stick = false;
    } else if (this.#stick) {
      // The virtualizer corrected its estimates by moving the view: back to the bottom.
      this.#scheduleFrame();
    }
    const detached = !this.#stick;
    if (detached !== this.detached) this.detached = detached;
    // Older pages follow the reader's own scrolling, not the virtualizer's corrections.
    if (top < LOAD_OLDER_PX && byReader) this.#loadOlder();
  };

  #onUserScrollIntent = (): void => {
    // A wheel, touch or key move takes precedence over a held anchor.
    this.#anchor = null;
    this.#intentAt = performance.now();
  };

  #onPointerDown = (event: PointerEvent): void => {
    // Dragging the scrollbar: the press lands on the scroller itself.
    if (event.target !== event.currentTarget) return;
    this.#pointerDown = true;
    this.#onUserScrollIntent();
    window.addEventListener(
      'pointerup',
      () => {
        this.#pointerDown = false;
        this.#intentAt = performance.now();
      },
      { once: true },
    );
  };

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
    if (!id || !store || !this.#stick || document.visibilityState !== 'visible') return;
    if (!this.#slice.value[1]?.loaded || this.#messages.length === 0) return;
    void store.markRead(id).catch(() => undefined);
  }

  protected override firstUpdated(): void {
    // Settle on the next frame, not inside the observer callback, so the
    // scroll it may cause never feeds back into the same observation round.
    this.#resize = new ResizeObserver(() => this.#scheduleFrame());
  }

  protected override updated(): void {
    const virtualizer = this.#virtualizer();
    const scroller = this.#scroller();
    if (this.#resize && virtualizer && scroller && !virtualizer.hasAttribute('data-observed')) {
      virtualizer.setAttribute('data-observed', '');
      this.#resize.observe(virtualizer);
      this.#resize.observe(scroller);
    }
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
        this.#settle();
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
      this.#stick = false;
      this.detached = true;
      try {
        virtualizer.element(unreadIndex)?.scrollIntoView({ block: 'start' });
      } catch {
        // The layout was torn down meanwhile (another conversation): nothing to keep.
        return;
      }
      this.#anchor = { key: 'unread', offset: 0, until: performance.now() + ANCHOR_HOLD_MS };
      this.#scheduleFrame();
    } else {
      this.#stick = true;
      this.#scrollToBottom();
      this.#scheduleFrame();
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
        @scroll=${this.#onScroll}
        @wheel=${this.#onUserScrollIntent}
        @touchmove=${this.#onUserScrollIntent}
        @keydown=${this.#onUserScrollIntent}
        @pointerdown=${this.#onPointerDown}
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
        this.detached && (this.newBelow > 0 || !this.#stick)
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
