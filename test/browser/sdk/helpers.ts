/**
 * Shared pieces of the SDK's browser tests: mocha's globals typed without
 * `@types/mocha`, clients signed in as test users, and waiting for events.
 */
import { Poolse, type PoolseConfig } from '../../../src/sdk/index.js';
import { mintToken, testServer } from '../support/server.js';

type TestFn = () => void | Promise<void>;
interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: TestFn): void;
  before(body: TestFn): void;
  after(body: TestFn): void;
  afterEach(body: TestFn): void;
}
const mocha = globalThis as unknown as MochaGlobals;
export const describe = mocha.describe.bind(globalThis);
export const it = mocha.it.bind(globalThis);
export const before = mocha.before.bind(globalThis);
export const after = mocha.after.bind(globalThis);
export const afterEach = mocha.afterEach.bind(globalThis);

const clients: Poolse[] = [];

/** A client signed in as `externalId` (tokens minted like a customer backend would). */
export function clientFor(externalId: string, config: Partial<PoolseConfig> = {}): Poolse {
  const chat = new Poolse({
    apiUrl: testServer().apiUrl,
    getToken: () => mintToken(externalId),
    ...config,
  });
  clients.push(chat);
  return chat;
}

/** Destroys every client made by `clientFor` (call from `afterEach`). */
export function destroyClients(): void {
  for (const chat of clients.splice(0)) chat.destroy();
}

/** Resolves with the first value a listener receives (that `matches`, if given), or rejects after `ms`. */
export function nextEvent<T>(
  subscribe: (fn: (value: T) => void) => () => void,
  what: string,
  matches: (value: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const off = subscribe((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Polls until `check` is true, or rejects after `ms`. */
export async function waitUntil(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
