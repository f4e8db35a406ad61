/**
 * The outbox in IndexedDB, so unsent messages survive a page reload. No
 * dependency: the few requests it makes are wrapped in promises here.
 *
 * One database (`poolse-outbox` by default) with one object store keyed by
 * `[scope, id]` and indexed by `scope`, so loading a user's outbox reads only
 * that user's rows.
 */
import type { OutboxStorage, StoredOutboxEntry } from './types.js';

const STORE = 'entries';
const BY_SCOPE = 'by-scope';

interface Row extends StoredOutboxEntry {
  scope: string;
  id: string;
}

export interface IndexedDbOutboxOptions {
  /** Database name (default `poolse-outbox`). */
  name?: string;
  /** The IndexedDB factory (default the global `indexedDB`). */
  factory?: IDBFactory;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    const store = db.createObjectStore(STORE, { keyPath: ['scope', 'id'] });
    store.createIndex(BY_SCOPE, 'scope');
  };
  return requestResult(request);
}

/** Whether this environment has IndexedDB. */
export function hasIndexedDb(): boolean {
  return typeof globalThis.indexedDB !== 'undefined' && globalThis.indexedDB !== null;
}

/** An outbox storage in IndexedDB. The connection opens on first use and is reopened if closed. */
export function createIndexedDbOutboxStorage(options: IndexedDbOutboxOptions = {}): OutboxStorage {
  const name = options.name ?? 'poolse-outbox';
  let connection: Promise<IDBDatabase> | null = null;

  const db = (): Promise<IDBDatabase> => {
    if (!connection) {
      const factory = options.factory ?? globalThis.indexedDB;
      connection = open(factory, name).then((opened) => {
        // Another tab upgrading the database must not be blocked by us: let go, reopen on next use.
        opened.onversionchange = () => {
          opened.close();
          connection = null;
        };
        opened.onclose = () => {
          connection = null;
        };
        return opened;
      });
      // A failed open is not cached: the next call tries again.
      connection.catch(() => {
        connection = null;
      });
    }
    return connection;
  };

  const write = async (change: (store: IDBObjectStore) => void): Promise<void> => {
    const tx = (await db()).transaction(STORE, 'readwrite');
    change(tx.objectStore(STORE));
    await transactionDone(tx);
  };

  return {
    async load(scope) {
      const tx = (await db()).transaction(STORE, 'readonly');
      const rows = (await requestResult(
        tx.objectStore(STORE).index(BY_SCOPE).getAll(scope),
      )) as Row[];
      return rows.map((row) => ({ entry: row.entry, order: row.order }));
    },
    put(scope, record) {
      const row: Row = { scope, id: record.entry.id, entry: record.entry, order: record.order };
      return write((store) => store.put(row));
    },
    remove(scope, id) {
      return write((store) => store.delete([scope, id]));
    },
    close() {
      const current = connection;
      connection = null;
      void current?.then(
        (opened) => opened.close(),
        () => undefined,
      );
    },
  };
}
