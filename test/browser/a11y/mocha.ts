/**
 * Typed access to the mocha globals web-test-runner installs (the project
 * has no @types/mocha in its own dependencies).
 */
type Body = (this: unknown) => void | Promise<void>;
type Hook = (body: Body) => void;

interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Body): void;
  beforeEach: Hook;
  afterEach: Hook;
}

const mocha = globalThis as unknown as MochaGlobals;
export const describe = mocha.describe.bind(globalThis);
export const it = mocha.it.bind(globalThis);
export const beforeEach: Hook = mocha.beforeEach.bind(globalThis);
export const afterEach: Hook = mocha.afterEach.bind(globalThis);
