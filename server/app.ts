/**
 * The local poolse server: REST v1 (Fastify), realtime (Phoenix Channels,
 * see `realtime/`), SQLite storage and uploads on disk, in one process.
 */
import Fastify from 'fastify';
import { join } from 'node:path';
import { verifyUserToken } from './auth/tokens.js';
import type { RealtimeDeps } from './contracts.js';
import { closeDatabase, openDatabase } from './db/database.js';
import { isMember } from './domain/conversations.js';
import { createNotifier } from './domain/notify.js';
import { createTenant, serverSecret } from './domain/tenants.js';
import { API_PREFIX, type ServerContext } from './http/context.js';
import { clientErrorHandler } from './http/client-errors.js';
import { corsPlugin } from './http/cors.js';
import { docsRoutes } from './http/docs-page.js';
import { errorHandling, frameworkErrorHandler } from './http/error-handler.js';
import { jsonBodyParser, JSON_BODY_LIMIT } from './http/json-body.js';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './http/rate-limit.js';
import { requestPipeline } from './http/request-pipeline.js';
import { servicesPlugin } from './http/services.js';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type PoolseServerOptions,
  type RegisteredRoute,
  type RunningServer,
} from './options.js';
import { createRealtime } from './realtime/index.js';
import { longPollRoutes } from './realtime/longpoll-route.js';
import { attachmentRoutes } from './routes/attachments.js';
import { conversationRoutes } from './routes/conversations.js';
import { demoRoutes, testRoutes } from './routes/dev-routes.js';
import { messageRoutes } from './routes/messages.js';
import { identityRoutes } from './routes/identity.js';
import { userRoutes } from './routes/users.js';
import { customDataSizePlugin } from './http/custom-data-size.js';
import { DEFAULT_FAIR_USE, fairUsePlugin } from './http/fair-use.js';
import { webhookRoutes } from './routes/webhooks.js';
import { seedDemo } from './seed/demo-seed.js';
import { DEFAULT_UPLOAD_SLOTS, UploadSlots } from './uploads/upload-slots.js';
import { createWebhookDispatcher } from './webhooks/dispatcher.js';

export type { PoolseServerOptions, RegisteredRoute, RunningServer } from './options.js';

export async function createPoolseServer(options: PoolseServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const db = openDatabase(options.dataDir);
  const uploadsDir = join(options.dataDir, 'uploads');
  const demo = options.seed === 'demo' ? seedDemo(db, uploadsDir) : undefined;

  let apiUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  // Fastify turns Node's request timeout off; without one a client trickling a body holds its connection forever.
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    requestTimeout,
    http: {
      // Node only enforces the timeout when it is given at construction (it then also bounds the headers' time).
      requestTimeout,
      // Node checks timeouts this often (30 s by default), so short timeouts need a tighter check.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, requestTimeout / 4)),
    },
    clientErrorHandler: clientErrorHandler(() => apiUrl),
    frameworkErrors: frameworkErrorHandler(() => apiUrl),
    bodyLimit: JSON_BODY_LIMIT,
    // close() must be prompt (CLI shutdown, tests): do not wait out keep-alive connections.
    forceCloseConnections: true,
    // Route params such as reaction emoji can be long in UTF-8 percent-encoding.
    routerOptions: { maxParamLength: 500 },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        allErrors: true,
        useDefaults: false,
      },
    },
  });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  const rate = options.rateLimit;
  const ctx: ServerContext = {
    db,
    hub: undefined as unknown as ServerContext['hub'],
    apiUrl: () => apiUrl,
    uploadsDir,
    signingSecret: serverSecret(db, 'url_signing_secret'),
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    avatarHosts: options.avatarHosts ?? [],
    uploadSlots: new UploadSlots({ ...DEFAULT_UPLOAD_SLOTS, ...options.uploadSlots }),
    requestTimeoutMs: requestTimeout,
    rateLimiter: rate === false ? null : new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...rate }),
    logError: (error, context) => {
      if (options.logger) app.log.error({ err: error }, context);
      else console.error(`[poolse-server] ${context}:`, error);
    },
  };

  const deps: RealtimeDeps = {
    authenticate: (token) => verifyUserToken(db, token),
    isMember: (user, conversationId) => isMember(db, user, conversationId),
  };
  if (options.typingTimeoutMs !== undefined) deps.typingTimeoutMs = options.typingTimeoutMs;
  if (options.heartbeatTimeoutMs !== undefined)
    deps.heartbeatTimeoutMs = options.heartbeatTimeoutMs;
  const hub = createRealtime(app.server, deps);
  ctx.hub = hub;
  const webhooks = createWebhookDispatcher(db, options.webhooks, ctx.logError);
  const notify = createNotifier(db, hub, webhooks);

  if (options.demoRoutes && !demo)
    throw new Error('demoRoutes needs the demo seed (seed: "demo").');

  // Shared services and cross-cutting hooks first (fastify-plugin: they reach every route), then the routes.
  await app.register(servicesPlugin, { context: ctx, notify });
  await app.register(errorHandling);
  await app.register(corsPlugin);
  await app.register(jsonBodyParser);
  await app.register(requestPipeline, { rateLimiter: ctx.rateLimiter });
  await app.register(customDataSizePlugin);
  const fairUse = options.fairUse ?? (rate === false ? false : {});
  if (fairUse !== false) {
    await app.register(fairUsePlugin, {
      options: {
        reads: { ...DEFAULT_FAIR_USE.reads, ...fairUse.reads },
        anonymous: { ...DEFAULT_FAIR_USE.anonymous, ...fairUse.anonymous },
        maxInFlight: fairUse.maxInFlight ?? DEFAULT_FAIR_USE.maxInFlight,
      },
    });
  }
  await app.register(docsRoutes);
  await app.register(userRoutes, { prefix: API_PREFIX });
  await app.register(conversationRoutes, { prefix: API_PREFIX });
  await app.register(messageRoutes, { prefix: API_PREFIX });
  await app.register(attachmentRoutes, { prefix: API_PREFIX });
  await app.register(longPollRoutes);
  await app.register(identityRoutes, {
    prefix: API_PREFIX,
    visitorCreationLimit: options.visitorCreationLimit,
  });
  await app.register(webhookRoutes, { prefix: API_PREFIX, dispatcher: webhooks });
  if (demo && options.demoRoutes !== false)
    await app.register(demoRoutes, { demoTenantId: demo.tenantId });
  if (options.testRoutes) await app.register(testRoutes);

  try {
    await app.listen({ port: options.port ?? 4000, host });
  } catch (error) {
    await webhooks.stop();
    await hub.close().catch(() => undefined);
    closeDatabase(db);
    throw error;
  }
  const address = app.server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : (options.port ?? 4000);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  if (apiUrl === '') apiUrl = `http://${urlHost}:${port}`;

  let closing: Promise<void> | null = null;
  const running: RunningServer = {
    url: apiUrl,
    port,
    routes,
    db,
    hub,
    createTenant: (name) => createTenant(db, name),
    close: () => {
      closing ??= (async () => {
        await webhooks.stop();
        await hub.close();
        await app.close();
        closeDatabase(db);
      })();
      return closing;
    },
  };
  if (demo) running.demo = demo;
  return running;
}
