import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property } from 'lit/decorators.js';
import { clientContext, localeContext, storeContext } from '../../src/context/contexts.js';
import type { LocaleStrings } from '../shared/localize/keys.js';
import { isLocalePending, loadLocale } from '../shared/localize/registry.js';
import { stringsContext } from '../shared/controllers/localize-controller.js';
import { applyLocaleDirection } from '../shared/direction.js';
import { identityTokenSource, Poolse, POOLSE_API_URL } from '../../src/sdk/index.js';
import type { PoolseConfig, PoolseUserProfile, RealtimeTransport } from '../../src/sdk/index.js';
import { createChatStore } from '../../src/state/store.js';
import type { ChatStore } from '../../src/state/types.js';
import { providerStyles } from './provider.styles.js';
import { tokenFromUrl } from './token-url.js';
import { browserWakeSignals } from './wake-signals.js';

export type PoolseTheme = 'light' | 'dark' | 'auto';

import type { StatusChangeDetail } from '../shared/events.js';

export type PoolseStatusChangeEvent = CustomEvent<StatusChangeDetail>;

/** Properties that decide which client the provider builds. */
const CLIENT_KEYS = [
  'apiUrl',
  'wsUrl',
  'tokenUrl',
  'transport',
  'getToken',
  'client',
  'userResolver',
  'tenantId',
  'userId',
  'userHash',
  'userName',
  'userEmail',
] as const;

/**
 * Connects everything inside it to poolse: creates (or takes, via `client`)
 * the SDK client and the chat store, provides both through context to every
 * poolse element below it, holds the active conversation, and closes the
 * socket when it leaves the page.
 *
 * ```html
 * <poolse-provider api-url="http://127.0.0.1:4000" token-url="/api/chat-token" theme="auto">
 *   <poolse-inbox></poolse-inbox>
 *   <poolse-conversation></poolse-conversation>
 * </poolse-provider>
 * ```
 *
 * @slot - The chat elements (inbox, conversation, composer, launcher...).
 *
 * @event poolse-status-change - The realtime connection changed (`detail.status`: `connecting`, `connected`, `reconnecting`, `closed`...). Not cancelable.
 *
 * @cssproperty --poolse-color-* - Semantic colour tokens; set them on the provider to theme every element below it.
 */
export class PoolseProvider extends PoolseElement {
  static override styles = providerStyles;

  /** Base URL of the poolse API, without `/v1`. Default: the hosted API. */
  @property({ attribute: 'api-url' }) apiUrl = '';
  /** WebSocket base URL, when the socket lives on another origin than `api-url`. */
  @property({ attribute: 'ws-url' }) wsUrl = '';
  /** The app's endpoint answering `POST` with `{ token }` (an End User JWT). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /**
   * Realtime transport: `auto` (default: WebSocket, long-poll where
   * WebSockets are blocked), `websocket` or `longpoll`.
   */
  @property() transport: RealtimeTransport = 'auto';
  /**
   * The tenant's id, for signing in without `token-url`: with `user-id` and
   * `user-hash` as that verified user, without them as a visitor.
   */
  @property({ attribute: 'tenant-id' }) tenantId = '';
  /** The signed-in user's `external_id` (identity verification). */
  @property({ attribute: 'user-id' }) userId = '';
  /** Hex HMAC-SHA256 of `user-id` under the identity secret, from the site's backend. */
  @property({ attribute: 'user-hash' }) userHash = '';
  /** The verified user's display name (stored on the user). */
  @property({ attribute: 'user-name' }) userName = '';
  /** The verified user's email (kept in the user's `custom_data.email`). */
  @property({ attribute: 'user-email' }) userEmail = '';
  /** Locale for every element's strings (e.g. `fr`); empty follows the page. */
  // Removing the attribute gives '' (not null): back to the page's language.
  @property({ reflect: true, converter: { fromAttribute: (value: string | null) => value ?? '' } })
  locale = '';
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). Reflected so CSS can key off it. */
  @property({ reflect: true }) theme: PoolseTheme = 'light';
  /** The conversation the elements show; follows the inbox's selection. */
  @property({ attribute: 'active-conversation-id' }) activeConversationId: string | null = null;

  /** Returns an End User JWT; takes precedence over `token-url`. */
  @property({ attribute: false }) getToken: PoolseConfig['getToken'] | null = null;
  /** An SDK client to use instead of creating one. The provider never destroys a client it was given. */
  @property({ attribute: false }) client: Poolse | null = null;
  /**
   * Overrides of single user-visible strings for every element below, by
   * key (e.g. `{ 'inbox.title': 'Support' }`); they win over the locale's table.
   */
  @property({ attribute: false }) strings: LocaleStrings | null = null;
  /** Resolves an `external_id` to a display name and avatar from the app's user data. */
  @property({ attribute: false }) userResolver:
    ((externalId: string) => Promise<PoolseUserProfile | null> | PoolseUserProfile | null) | null =
    null;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly storeProvider = new ContextProvider(this, { context: storeContext });
  private readonly localeProvider = new ContextProvider(this, {
    context: localeContext,
    initialValue: '',
  });
  private readonly stringsProvider = new ContextProvider(this, { context: stringsContext });

  private currentClient: Poolse | null = null;
  private ownsClient = false;
  private currentStore: ChatStore | null = null;
  private storeOffs: Array<() => void> = [];
  private needsSetup = true;

  /** The SDK client in use (created here, or the one given in `client`). */
  get chatClient(): Poolse | null {
    return this.currentClient;
  }

  /** The chat store the elements below share. */
  get store(): ChatStore | null {
    return this.currentStore;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.currentStore) {
      this.needsSetup = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page disconnects and reconnects in one task: keep the socket then.
    queueMicrotask(() => {
      if (!this.isConnected) this.teardown();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.provideLocale(this.locale ?? '');
      applyLocaleDirection(this, this.locale);
    }
    if (changed.has('strings')) this.stringsProvider.setValue(this.strings ?? undefined);
    const configChanged = CLIENT_KEYS.some((key) => changed.has(key));
    if (this.isConnected && (this.needsSetup || (configChanged && this.hasUpdated))) {
      this.teardown();
      this.setup();
    }
    if (changed.has('activeConversationId'))
      this.currentStore?.selectConversation(this.activeConversationId);
  }

  /**
   * Elements re-render when the locale context changes, so a built-in locale
   * still loading (French) is provided once its table is there. Removing
   * the attribute provides '' (the page's language) at once.
   */
  private provideLocale(locale: string): void {
    if (!isLocalePending(locale)) {
      this.localeProvider.setValue(locale);
      return;
    }
    void loadLocale(locale).then(() => {
      if (this.locale === locale) this.localeProvider.setValue(locale, true);
    });
  }

  override render() {
    return html`<slot></slot>`;
  }

  private setup(): void {
    this.needsSetup = false;
    const client = this.client ?? this.createClient();
    if (!client) return;
    this.currentClient = client;
    this.ownsClient = client !== this.client;
    const store = createChatStore(client, {
      onlineSignal: window,
      wakeSignals: browserWakeSignals(window),
      // Offline reloads paint the last session of this token source only.
      cacheSource: this.tokenUrl || 'app',
    });
    this.currentStore = store;
    if (this.activeConversationId) store.selectConversation(this.activeConversationId);
    this.storeOffs.push(
      // Mirror the store's selection (the inbox changes it) without firing an event: code set it.
      store.select(
        (s) => s.activeConversationId,
        (id) => {
          this.activeConversationId = id;
        },
      ),
      store.select(
        (s) => s.status,
        (status) => this.emit('poolse-status-change', { status }),
      ),
    );
    this.clientProvider.setValue(client);
    this.storeProvider.setValue(store);
    void store.start();
  }

  private createClient(): Poolse | null {
    const getToken =
      this.getToken ??
      (this.tokenUrl
        ? tokenFromUrl(this.tokenUrl)
        : this.tenantId
          ? identityTokenSource({
              apiUrl: this.apiUrl || POOLSE_API_URL,
              tenantId: this.tenantId,
              userId: this.userId,
              userHash: this.userHash,
              name: this.userName,
              email: this.userEmail,
            })
          : null);
    if (!getToken) return null; // nothing to authenticate with yet
    const config: PoolseConfig = { getToken };
    if (this.apiUrl) config.apiUrl = this.apiUrl;
    if (this.wsUrl) config.wsUrl = this.wsUrl;
    if (this.transport === 'websocket' || this.transport === 'longpoll') {
      config.transport = this.transport;
    }
    if (this.userResolver) config.userResolver = this.userResolver;
    try {
      return new Poolse(config);
    } catch (error) {
      console.error('[poolse] <poolse-provider> could not create the client:', error);
      return null;
    }
  }

  /**
   * Signs the user out of the chat: deletes their offline cache (the inbox
   * and conversations kept for reloads) and closes the connection. Call it
   * when the user signs out of your app; set new credentials to sign in again.
   */
  async signOut(): Promise<void> {
    const store = this.currentStore;
    this.teardown();
    await store?.signOut();
  }

  /** Stops the store, closes the socket of a client created here, and lets go of a given one. */
  private teardown(): void {
    for (const off of this.storeOffs) off();
    this.storeOffs = [];
    this.currentStore?.destroy();
    if (this.ownsClient) this.currentClient?.destroy();
    const hadSomething = this.currentStore !== null || this.currentClient !== null;
    this.currentStore = null;
    this.currentClient = null;
    this.ownsClient = false;
    this.needsSetup = true;
    if (hadSomething) {
      this.storeProvider.setValue(undefined);
      this.clientProvider.setValue(undefined);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-provider': PoolseProvider;
  }
}
