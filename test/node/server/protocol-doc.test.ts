/**
 * The protocol document describes the server as it is: every route the
 * server registers has its own section in `docs/protocol.md`, and every
 * route section there is a route the server serves.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/test-server.js';

const document = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

/** `### \`GET /v1/me\`` headings, as "GET /v1/me". */
function documentedRoutes(): Set<string> {
  const headings = document.matchAll(/^### `([A-Z]+) (\/[^`]*)`$/gm);
  return new Set([...headings].map((match) => `${match[1]} ${match[2]}`));
}

let server: TestServer;

before(async () => {
  // Every optional route on: the demo token route and the test hooks are part of the document too.
  server = await startTestServer({ seed: 'demo', testRoutes: true });
});
after(async () => {
  await server.close();
});

describe('docs/protocol.md', () => {
  it('has a section for every route the server registers', () => {
    const registered = server.server.routes
      // Fastify adds a HEAD route for every GET by itself.
      .filter((route) => route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    assert.ok(registered.length > 20, `only ${registered.length} routes seen`);
    const documented = documentedRoutes();
    const missing = registered.filter((route) => !documented.has(route));
    assert.deepEqual(missing, [], 'routes the server registers but the document does not describe');
  });

  it('describes no route the server does not serve', () => {
    const registered = new Set(server.server.routes.map((route) => `${route.method} ${route.url}`));
    const stale = [...documentedRoutes()].filter((route) => !registered.has(route));
    assert.deepEqual(stale, [], 'routes the document describes but the server does not register');
  });
});
