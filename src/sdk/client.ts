import { resolveConfig, type PoolseConfig, type ResolvedConfig } from './config.js';
import { PoolseRealtime } from './realtime/realtime.js';
import { AttachmentsResource } from './resources/attachments.js';
import { ConversationsResource } from './resources/conversations.js';
import { MeResource } from './resources/me.js';
import { MessagesResource } from './resources/messages.js';
import { UsersResource, type ServerProfile } from './resources/users.js';
import { RestClient } from './rest-client.js';
import { sessionOf, sessionToken, type PoolseSession } from './session.js';
import { TokenCache } from './token-cache.js';

/**
 * The poolse client: typed REST resources, a profile cache and the realtime
 * socket, all sharing one cached End User JWT.
 *
 * ```ts
 * const chat = new Poolse({ apiUrl: 'http://127.0.0.1:4000', getToken: () => fetchToken() });
 * const { data } = await chat.conversations.list();
 * ```
 */
export class Poolse {
  /** `/v1/me`: the signed-in user. */
  readonly me: MeResource;
  /** `/v1/conversations` and per-conversation handles. */
  readonly conversations: ConversationsResource;
  /** `/v1/messages/:id` handles. */
  readonly messages: MessagesResource;
  /** `/v1/attachments`: uploads, download URLs. */
  readonly attachments: AttachmentsResource;
  /** Display names and avatars from `config.userResolver`; `users.lookup` asks the server's user records. */
  readonly users: UsersResource;
  /** The authenticated REST client, for routes without a typed resource. */
  readonly rest: RestClient;
  /** Live events over the WebSocket (opens lazily). */
  readonly realtime: PoolseRealtime;
  /** The configuration with its defaults filled in. */
  readonly config: Readonly<ResolvedConfig>;

  private readonly tokenCache: TokenCache;

  /** @throws {PoolseError} `getToken` missing, a bad number, or no way to generate UUIDs. */
  constructor(config: PoolseConfig) {
    this.config = resolveConfig(config);
    this.tokenCache = new TokenCache(this.config.getToken);
    this.rest = new RestClient(this.config, this.tokenCache);
    this.me = new MeResource(this.rest);
    this.conversations = new ConversationsResource(this.rest);
    this.messages = new MessagesResource(this.rest);
    this.attachments = new AttachmentsResource(this.rest, this.config.fetch, this.config.apiUrl);
    // Names from the server's user records, for apps without a resolver (see `users.lookup`).
    this.users = new UsersResource(this.config.userResolver, (externalIds, signal) =>
      this.rest
        .request<{ data: ServerProfile[] }>({
          method: 'POST',
          path: '/v1/users/lookup',
          body: { external_ids: externalIds },
          idempotencyKey: null,
          ...(signal ? { signal } : {}),
        })
        .then((answer) => answer.data),
    );
    this.realtime = new PoolseRealtime(this.config, this.tokenCache);
  }

  /**
   * The current session (the End User JWT and what it is for), for apps that
   * keep it in storage of their own; null while there is no token. Never
   * holds anything but a JWT. An addition to `@poolse/sdk`.
   */
  exportSession(): PoolseSession | null {
    const token = this.tokenCache.peekToken();
    return token === null ? null : sessionOf(this.config.apiUrl, token);
  }

  /**
   * The session, asking `getToken` when no fresh token is cached; null when
   * there is no token or `getToken` fails (offline, say). An addition.
   */
  async session(): Promise<PoolseSession | null> {
    try {
      const token = await this.tokenCache.getToken();
      return token === null ? null : sessionOf(this.config.apiUrl, token);
    } catch {
      return null;
    }
  }

  /**
   * Starts from a session saved by `exportSession()`: its token is used
   * until it nears expiry, then `getToken` is asked as usual. Returns false
   * (and changes nothing) for a session of another API, a malformed one, or
   * an expired one. An addition to `@poolse/sdk`.
   */
  restoreSession(session: unknown): boolean {
    const token = sessionToken(session, this.config.apiUrl);
    return token !== null && this.tokenCache.seed(token);
  }

  /**
   * Closes the WebSocket and leaves every channel. REST keeps no state, so
   * nothing else needs closing. Call it on sign-out or when replacing the
   * instance.
   */
  destroy(): void {
    this.realtime.disconnect();
  }
}
