/** The generic state container under the chat store. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StateContainer } from '../../../src/state/container.js';

interface S {
  a: { n: number };
  b: { n: number };
}

describe('StateContainer', () => {
  it('replaces the state, keeps untouched slices, and calls subscribers with both states', () => {
    const store = new StateContainer<S>({ a: { n: 0 }, b: { n: 0 } });
    const first = store.getState();
    const seen: Array<[S, S]> = [];
    store.subscribe((next, previous) => seen.push([next, previous]));
    store.updateSlice('a', (a) => ({ n: a.n + 1 }));
    const second = store.getState();
    assert.notEqual(second, first);
    assert.equal(second.b, first.b, 'an untouched slice keeps its reference');
    assert.deepEqual(first.a, { n: 0 }, 'the old state is not mutated');
    assert.deepEqual(seen, [[second, first]]);
  });

  it('does nothing for an update that returns the same state or slice', () => {
    const store = new StateContainer<S>({ a: { n: 0 }, b: { n: 0 } });
    let calls = 0;
    store.subscribe(() => (calls += 1));
    const before = store.getState();
    store.update((s) => s);
    store.updateSlice('a', (a) => a);
    assert.equal(store.getState(), before);
    assert.equal(calls, 0);
  });

  it('select calls back only when the selected slice changes', () => {
    const store = new StateContainer<S>({ a: { n: 0 }, b: { n: 0 } });
    const values: number[] = [];
    const off = store.select(
      (s) => s.a,
      (a) => values.push(a.n),
    );
    store.updateSlice('b', () => ({ n: 5 }));
    store.updateSlice('a', () => ({ n: 1 }));
    off();
    store.updateSlice('a', () => ({ n: 2 }));
    assert.deepEqual(values, [1]);
  });

  it('ignores updates after close', () => {
    const store = new StateContainer<S>({ a: { n: 0 }, b: { n: 0 } });
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.close();
    store.updateSlice('a', () => ({ n: 1 }));
    assert.equal(store.getState().a.n, 0);
    assert.equal(calls, 0);
    assert.equal(store.closed, true);
  });
});
