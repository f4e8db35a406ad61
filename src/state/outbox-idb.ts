/**
 * The outbox in IndexedDB, so unsent messages survive a page reload. No
 * dependency: the few requests it makes are wrapped in promises here.
 *
 * One database (`poolse-outbox` by default) with one object store keyed by
 * `[scope, id]` and indexed by `scope`, so loading a user's outbox reads only
 * that user's rows.
 */
import { lazyDatabase, requestResult, transactionDone } from './idb.js';
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

function createStores(db: IDBDatabase): void {
  const store = db.createObjectStore(STORE, { keyPath: ['scope', 'id'] });
  store.createIndex(BY_SCOPE, 'scope');
}

export { hasIndexedDb } from './idb.js';

/** An outbox storage in IndexedDB. The connection opens on first use and is reopened if closed. */
export function createIndexedDbOutboxStorage(options: IndexedDbOutboxOptions = {}): OutboxStorage {
  const database = lazyDatabase(options.name ?? 'poolse-outbox', createStores, options.factory);
  const db = (): Promise<IDBDatabase> => database.get();

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
      database.close();
    },
  };
}
