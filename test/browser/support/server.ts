/**
 * The real local server behind the browser tests (started by
 * web-test-runner.config.mjs), and the few things a test may ask of it.
 */
import { executeServerCommand } from '@web/test-runner-commands';

interface PoolseTestGlobals {
  apiUrl: string;
  apiKey: string;
}

declare global {
  interface Window {
    __POOLSE_TEST__?: PoolseTestGlobals;
  }
}

export function testServer(): PoolseTestGlobals {
  const globals = window.__POOLSE_TEST__;
  if (!globals) throw new Error('No test server: run browser tests through web-test-runner.');
  return globals;
}

let counter = 0;
/** An id no other test on the shared server uses. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Mints an end-user JWT the way a customer's backend would (API key; provisions the user). */
export async function mintToken(externalId: string, ttlSeconds?: number): Promise<string> {
  const { apiUrl, apiKey } = testServer();
  const res = await fetch(`${apiUrl}/v1/users/${encodeURIComponent(externalId)}/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(ttlSeconds === undefined ? {} : { ttl_seconds: ttlSeconds }),
  });
  if (!res.ok)
    throw new Error(`mintToken(${externalId}) failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return token;
}

/** The server drops every WebSocket; clients are expected to reconnect. */
export async function dropSockets(): Promise<void> {
  await executeServerCommand('poolse:drop-sockets');
}

/** The server is stopped and started again on the same port and data. */
export async function restartServer(): Promise<void> {
  await executeServerCommand('poolse:restart-server');
}
