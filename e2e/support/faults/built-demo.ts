/**
 * The built demo app served by a static server, for a whole spec file.
 * Built rather than served by Vite's dev server because the dev client
 * reloads the page when the network comes back after a page was offline, and
 * whenever a source file changes on disk while a test runs.
 */
import { test } from '@playwright/test';
import { buildDemo, type Build } from './builds.js';
import { startStaticServer, type StaticServer, type StaticServerOptions } from './static-server.js';

export interface BuiltDemo {
  /** Origin of the static server (no trailing slash). */
  url(): string;
}

/** Builds the demo before the file's tests and serves it (with `headers`, if any) until they end. */
export function useBuiltDemo(options: Omit<StaticServerOptions, 'roots'> = {}): BuiltDemo {
  let build: Build | null = null;
  let server: StaticServer | null = null;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    build = await buildDemo();
    server = await startStaticServer({ ...options, roots: [{ dir: build.dir }] });
  });
  test.afterAll(async () => {
    await server?.close();
    build?.remove();
  });
  return {
    url: () => {
      if (!server) throw new Error('the built demo is not served (beforeAll did not run)');
      return server.url;
    },
  };
}
