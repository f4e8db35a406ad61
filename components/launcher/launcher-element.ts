import { html, nothing, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, query, state } from 'lit/decorators.js';
import { StoreController } from '../../src/context/store-controller.js';
import { totalUnread } from '../../src/state/selectors.js';
import type { PoolseConfig } from '../../src/sdk/index.js';
import type { PoolseProvider, PoolseTheme } from '../provider/provider-element.js';
import { LocalizeController } from '../shared/controllers/localize-controller.js';
import { NextFrameResizeObserver } from '../shared/next-frame-resize-observer.js';
import './launcher.strings.js';
import { applyLocaleDirection } from '../shared/direction.js';
import { launcherStyles } from './launcher.styles.js';

export type LauncherPosition = 'bottom-end' | 'bottom-start' | 'bottom-right' | 'bottom-left';

/** Panels narrower than this show the inbox and the conversation one at a time. */
const NARROW_PANEL_PX = 600;

const chatIcon = html`<svg
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
>
  <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-5A8 8 0 1 1 21 12Z" />
</svg>`;
const closeIcon = html`<svg
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  aria-hidden="true"
>
  <path d="M6 6l12 12M18 6 6 18" />
</svg>`;
const backIcon = html`<svg
  class="flip-rtl"
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
>
  <path d="M15 18l-6-6 6-6" />
</svg>`;

/**
 * A floating chat bubble with the unread count that opens a panel holding
 * the inbox and the conversation: the element the CDN embed snippet mounts,
 * so that a site owner pastes two lines and has chat.
 *
 * It owns its own `<poolse-provider>`, so it takes the provider's settings as
 * attributes. It survives hostile host pages: layout-critical host styles are
 * `!important` in the shadow root, and everything else is shadow-scoped.
 *
 * @event poolse-launcher-toggle - The panel opened or closed by the user; `detail: { open }`.
 * @event poolse-status-change - From its provider: the realtime connection changed (see `<poolse-provider>`).
 * @event poolse-conversation-select - From its inbox: cancelable intent (see `<poolse-inbox>`).
 * @event poolse-message-send - From its composer: cancelable intent before a send (see `<poolse-composer>`).
 * @event poolse-upload-progress - From its composer: an upload moved (see `<poolse-composer>`).
 * @event poolse-upload-error - From its composer: a file could not be attached (see `<poolse-composer>`).
 * @event poolse-message-action - From a message: cancelable intent (see `<poolse-message>`).
 * @event poolse-reaction-toggle - From a reactions bar: cancelable intent (see `<poolse-reactions>`).
 * @event poolse-thread-open - A thread was opened (see `<poolse-conversation>`).
 * @event poolse-thread-close - The thread panel was closed (see `<poolse-conversation>`).
 * @event poolse-lightbox-close - From an image viewer a message opened (see `<poolse-lightbox>`).
 *
 * @csspart bubble - The round button that opens and closes the panel.
 * @csspart badge - The unread count on the bubble.
 * @csspart panel - The chat panel.
 * @csspart panel-header - The panel's title bar.
 *
 * @cssproperty --poolse-launcher-offset - Distance from the viewport corner (default 20px).
 * @cssproperty --poolse-launcher-size - Diameter of the bubble (default 56px).
 * @cssproperty --poolse-launcher-panel-width - Width of the open panel (default 760px).
 * @cssproperty --poolse-launcher-panel-height - Height of the open panel.
 * @cssproperty --poolse-launcher-z-index - Stacking order on the page.
 */
export class PoolseLauncher extends PoolseElement {
  static override styles = launcherStyles;

  /** Base URL of the poolse API (without `/v1`). */
  @property({ attribute: 'api-url' }) apiUrl = '';
  /** WebSocket origin, when it differs from the API's. */
  @property({ attribute: 'ws-url' }) wsUrl = '';
  /** Your backend's endpoint that answers `POST` with `{ token }` for the signed-in user. */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** The tenant's id: signs in without `token-url`, as `user-id` (verified by `user-hash`) or as a visitor. */
  @property({ attribute: 'tenant-id' }) tenantId = '';
  /** The signed-in user's `external_id`. */
  @property({ attribute: 'user-id' }) userId = '';
  /** Hex HMAC-SHA256 of `user-id` under the identity secret, computed by your backend. */
  @property({ attribute: 'user-hash' }) userHash = '';
  /** The signed-in user's display name. */
  @property({ attribute: 'user-name' }) userName = '';
  /** The signed-in user's email. */
  @property({ attribute: 'user-email' }) userEmail = '';
  /**
   * Corner of the viewport: `bottom-end` (default: bottom right on a
   * left-to-right page, bottom left on a right-to-left one), `bottom-start`
   * (the other side), or the fixed `bottom-right` / `bottom-left`.
   */
  @property({ reflect: true }) position: LauncherPosition = 'bottom-end';
  /** `light`, `dark` or `auto` (follows the operating system). */
  @property({ reflect: true }) theme: PoolseTheme = 'light';
  /** Brand colour for the bubble, buttons and own messages (any CSS colour). */
  @property({ attribute: 'accent-color' }) accentColor = '';
  /** BCP 47 language of the built-in strings; Arabic and Hebrew also mirror the layout (see `dir`). */
  @property() locale = '';
  /** Panel title. */
  @property({ attribute: 'panel-title' }) panelTitle = '';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Alternative to `token-url`: a function returning the user's JWT. */
  @property({ attribute: false }) getToken: PoolseConfig['getToken'] | null = null;
  /** Resolves your user ids to names and avatars. */
  @property({ attribute: false }) userResolver: PoolseConfig['userResolver'] | null = null;

  @state() private pane: 'inbox' | 'conversation' = 'inbox';
  @state() private narrow = false;

  @query('poolse-provider') private provider!: PoolseProvider | null;
  @query('.panel') private panel!: HTMLElement | null;
  @query('.bubble') private bubble!: HTMLButtonElement | null;

  private readonly unread = new StoreController(this, totalUnread, { store: undefined });
  private resizeObserver: ResizeObserver | null = null;
  private readonly localize = new LocalizeController(this, { locale: () => this.locale });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) applyLocaleDirection(this, this.locale);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('accentColor')) {
      if (this.accentColor) {
        this.style.setProperty('--poolse-color-accent', this.accentColor);
        this.style.setProperty('--poolse-color-bubble-own', this.accentColor);
        this.style.setProperty('--poolse-color-badge', this.accentColor);
      } else {
        for (const name of ['accent', 'bubble-own', 'badge'])
          this.style.removeProperty(`--poolse-color-${name}`);
      }
    }
    void this.followProviderStore();
    if (changed.has('open')) this.observePanel();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  /** The provider creates its store in its own first update; read the unread count from it. */
  private async followProviderStore(): Promise<void> {
    const provider = this.provider;
    if (!provider) return;
    await provider.updateComplete;
    if (this.unread.store !== provider.store) this.unread.store = provider.store ?? undefined;
  }

  private observePanel(): void {
    this.resizeObserver?.disconnect();
    const panel = this.panel;
    if (!panel || typeof ResizeObserver === 'undefined') return;
    this.resizeObserver = new NextFrameResizeObserver(([entry]) => {
      if (entry) this.narrow = entry.contentRect.width < NARROW_PANEL_PX;
    });
    this.resizeObserver.observe(panel);
  }

  /** Opens or closes the panel, as a click on the bubble does. */
  toggle(force?: boolean): void {
    const open = force ?? !this.open;
    if (open === this.open) return;
    this.open = open;
    this.emit('poolse-launcher-toggle', { open });
    if (!open) void this.updateComplete.then(() => this.bubble?.focus());
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open && !event.defaultPrevented) {
      event.stopPropagation();
      this.toggle(false);
    }
  }

  private onConversationSelect(): void {
    this.pane = 'conversation';
  }

  override render() {
    const unread = this.unread.value;
    const title = this.panelTitle || this.localize.t('launcher.title');
    const bubbleLabel = this.open
      ? this.localize.t('launcher.close')
      : unread > 0
        ? this.localize.t('launcher.open-unread', { count: unread })
        : this.localize.t('launcher.open');
    const showBack = this.narrow && this.pane === 'conversation';
    // The panel stays in the DOM once opened so the provider (and its socket) lives on while closed.
    return html`<div class="root" @keydown=${this.onKeydown}>
      <div
        class="panel ${this.narrow ? 'narrow' : ''}"
        part="panel"
        role="dialog"
        aria-label=${title}
        data-pane=${this.pane}
        ?hidden=${!this.open}
        @poolse-conversation-select=${this.onConversationSelect}
      >
        <div class="panel-header" part="panel-header">
          ${
            showBack
              ? html`<button
                  class="icon-button"
                  type="button"
                  aria-label=${this.localize.t('launcher.back')}
                  @click=${() => (this.pane = 'inbox')}
                >
                  ${backIcon}
                </button>`
              : nothing
          }
          <span class="panel-title">${title}</span>
          <button
            class="icon-button"
            type="button"
            aria-label=${this.localize.t('launcher.close')}
            @click=${() => this.toggle(false)}
          >
            ${closeIcon}
          </button>
        </div>
        <poolse-provider
          api-url=${this.apiUrl}
          ws-url=${this.wsUrl}
          token-url=${this.tokenUrl}
          tenant-id=${this.tenantId}
          user-id=${this.userId}
          user-hash=${this.userHash}
          user-name=${this.userName}
          user-email=${this.userEmail}
          theme=${this.theme}
          locale=${this.locale}
          .getToken=${this.getToken}
          .userResolver=${this.userResolver}
        >
          <poolse-inbox></poolse-inbox>
          <poolse-conversation></poolse-conversation>
        </poolse-provider>
      </div>
      <button
        class="bubble"
        part="bubble"
        type="button"
        aria-label=${bubbleLabel}
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => this.toggle()}
      >
        ${this.open ? closeIcon : chatIcon}
        ${
          unread > 0 && !this.open
            ? html`<span class="badge" part="badge" aria-hidden="true"
                >${unread > 99 ? '99+' : unread}</span
              >`
            : nothing
        }
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-launcher': PoolseLauncher;
  }
}
