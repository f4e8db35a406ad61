/**
 * Where a persisted outbox lives, and which part of it belongs to whom.
 * The in-memory storage here serves node and tests; browsers use IndexedDB
 * (`outbox-idb.ts`).
 */
import type { OutboxStorage, StoredOutboxEntry } from './types.js';

/**
 * The storage key of one user's outbox on one server. Two users of one
 * browser, or one user on two servers, never share an outbox.
 */
export function outboxScope(apiUrl: string, userId: string): string {
  return `${apiUrl}\n${userId}`;
}

/**
 * Copies a record the way IndexedDB does (structured clone), so a caller
 * never shares objects with what is stored and a test sees what a reload
 * would see.
 */
function copy(record: StoredOutboxEntry): StoredOutboxEntry {
  return structuredClone(record);
}

/** An outbox storage held in memory: survives a new store over it, not a real page reload. */
export function createMemoryOutboxStorage(): OutboxStorage {
  const scopes = new Map<string, Map<string, StoredOutboxEntry>>();
  return {
    load(scope) {
      return Promise.resolve([...(scopes.get(scope)?.values() ?? [])].map(copy));
    },
    put(scope, record) {
      let entries = scopes.get(scope);
      if (!entries) {
        entries = new Map();
        scopes.set(scope, entries);
      }
      entries.set(record.entry.id, copy(record));
      return Promise.resolve();
    },
    remove(scope, id) {
      scopes.get(scope)?.delete(id);
      return Promise.resolve();
    },
  };
}
