/**
 * The demo's sample "website" and its backend, started by `npm start`: what a
 * site owner runs next to the chat server.
 *
 * - Sets the demo tenant up through the API-key routes, as a site owner
 *   would: an identity secret, visitor chat answered by alice, and a webhook
 *   endpoint pointing here.
 * - Serves two pages with the two-line launcher snippet: `/` for a signed-in
 *   user (the page carries the user's id and the HMAC this backend computes
 *   with the identity secret) and `/visitor` for someone not signed in.
 * - Receives the webhooks, checks each signature with the SDK's
 *   `verifyWebhook`, and prints one line per event.
 *
 * Environment: POOLSE_API_URL, DEMO_WEB_URL (the Vite server that serves the
 * embed script), DEMO_SITE_PORT, POOLSE_API_KEY, POOLSE_TENANT_ID.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type {
  IdentitySecretInfo,
  TenantSettings,
  WebhookEndpoint,
  WebhookEvent,
} from '../src/sdk/types.js';
import { verifyWebhook } from '../src/sdk/webhooks.js';
import { WEBHOOK_EVENT_TYPES } from '../server/webhooks/event-types.js';

const apiUrl = process.env.POOLSE_API_URL ?? 'http://127.0.0.1:4000';
const webUrl = process.env.DEMO_WEB_URL ?? 'http://127.0.0.1:5173';
const port = Number(process.env.DEMO_SITE_PORT ?? 4010);
const apiKey = process.env.POOLSE_API_KEY ?? '';
const tenantId = process.env.POOLSE_TENANT_ID ?? '';
const siteUrl = `http://127.0.0.1:${port}`;
const webhookUrl = `${siteUrl}/webhooks`;
/** The signed-in user of the sample site. */
const SIGNED_IN = { id: 'carol', name: 'Carol Diaz', email: 'carol@example.com' };
const MAX_WEBHOOK_BYTES = 1024 * 1024;

async function api<T>(method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${apiUrl}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Idempotent: reuses the current secret and the endpoint when they exist. */
async function setUpTenant(): Promise<{ identitySecret: string; webhookSecret: string }> {
  const secrets = await api<{ data: IdentitySecretInfo[] }>('GET', '/identity-secrets');
  const current = secrets.data.find((s) => s.expires_at === null);
  const identitySecret = current
    ? current.secret
    : (await api<IdentitySecretInfo>('POST', '/identity-secrets', {})).secret;
  await api<TenantSettings>('PATCH', '/tenant/settings', {
    visitors_enabled: true,
    support_name: 'Help desk',
    support_team_external_ids: ['alice'],
  });
  const endpoints = await api<{ data: WebhookEndpoint[] }>('GET', '/webhooks');
  const existing = endpoints.data.find((e) => e.url === webhookUrl);
  const endpoint = existing
    ? await api<WebhookEndpoint>('GET', `/webhooks/${existing.id}`)
    : await api<WebhookEndpoint>('POST', '/webhooks', {
        url: webhookUrl,
        event_types: WEBHOOK_EVENT_TYPES,
        description: 'npm start demo site',
      });
  return { identitySecret, webhookSecret: endpoint.secret ?? '' };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function page(title: string, lead: string, attributes: Record<string, string>): string {
  const data = Object.entries(attributes)
    .map(([name, value]) => `\n      data-${name}="${escapeAttribute(value)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; }
      header { background: #0f766e; color: white; padding: 16px 32px; display: flex; justify-content: space-between; }
      main { padding: 32px; max-width: 720px; }
      a { color: inherit; }
    </style>
  </head>
  <body>
    <header><strong>Example Shop</strong><span>${lead}</span></header>
    <main>
      <h1>${title}</h1>
      <p>This page embeds the chat with the two-line snippet. Open the bubble in the corner.</p>
      <p><a href="/" style="color:#0f766e">Signed in as ${SIGNED_IN.name}</a> ·
         <a href="/visitor" style="color:#0f766e">Not signed in (visitor)</a></p>
    </main>
    <script type="module" src="${webUrl}/src/cdn.ts"${data}></script>
  </body>
</html>`;
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

function describe(event: WebhookEvent): string {
  const data = event.data as {
    message?: {
      body?: string | null;
      conversation_id?: string;
      sender_external_id?: string | null;
    };
    conversation?: { name?: string | null; id?: string };
    member?: { external_id?: string };
    external_id?: string;
    conversation_id?: string;
  };
  if (data.message)
    return `${data.message.sender_external_id ?? ''}: ${JSON.stringify(data.message.body ?? null)} in ${data.message.conversation_id}`;
  if (data.conversation) return `${JSON.stringify(data.conversation.name)} ${data.conversation.id}`;
  return `${data.member?.external_id ?? data.external_id} in ${data.conversation_id}`;
}

async function main(): Promise<void> {
  const { identitySecret, webhookSecret } = await setUpTenant();
  const userHash = createHmac('sha256', identitySecret).update(SIGNED_IN.id).digest('hex');
  const snippet = { 'api-url': apiUrl, 'tenant-id': tenantId, title: 'Example Shop support' };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'POST' && path === '/webhooks') {
      const body = await readBody(request);
      try {
        const event = await verifyWebhook(
          body ?? '',
          request.headers['poolse-signature'],
          webhookSecret,
        );
        console.log(`webhook ${event.type} (signature ok) ${describe(event)}`);
        response.writeHead(204).end();
      } catch (error) {
        console.log(`webhook refused: ${error instanceof Error ? error.message : String(error)}`);
        response.writeHead(400).end();
      }
      return;
    }
    if (request.method === 'GET' && (path === '/' || path === '/visitor')) {
      const html =
        path === '/'
          ? page(`Welcome back, ${SIGNED_IN.name}`, `Signed in as ${SIGNED_IN.name}`, {
              ...snippet,
              'user-id': SIGNED_IN.id,
              'user-hash': userHash,
              'user-name': SIGNED_IN.name,
              'user-email': SIGNED_IN.email,
            })
          : page('Browse our products', 'Not signed in', snippet);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.listen(port, '127.0.0.1', () => console.log(`sample website on ${siteUrl}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
