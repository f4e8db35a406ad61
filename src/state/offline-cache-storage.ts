/**
 * Where the offline cache lives: IndexedDB in browsers (one database,
 * `poolse-cache`, one record per key), memory in node and tests. Records are
 * whole snapshots, so a reload reads one record and paints.
 */
import { lazyDatabase, requestResult, transactionDone } from './idb.js';

export interface OfflineCacheStorage {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Releases the storage (a database connection). */
  close?(): void;
}

const STORE = 'records';

export function createIndexedDbCacheStorage(
  options: { name?: string; factory?: IDBFactory } = {},
): OfflineCacheStorage {
  const database = lazyDatabase(
    options.name ?? 'poolse-cache',
    (db) => db.createObjectStore(STORE),
    options.factory,
  );
  const write = async (change: (store: IDBObjectStore) => void): Promise<void> => {
    const tx = (await database.get()).transaction(STORE, 'readwrite');
    change(tx.objectStore(STORE));
    await transactionDone(tx);
  };
  return {
    async read(key) {
      const tx = (await database.get()).transaction(STORE, 'readonly');
      return requestResult(tx.objectStore(STORE).get(key));
    },
    write: (key, value) => write((store) => store.put(value, key)),
    remove: (key) => write((store) => store.delete(key)),
    close: () => database.close(),
  };
}

/** A cache held in memory (structured clones, as IndexedDB would keep). */
export function createMemoryCacheStorage(): OfflineCacheStorage {
  const records = new Map<string, unknown>();
  return {
    read: (key) => Promise.resolve(structuredClone(records.get(key))),
    write(key, value) {
      records.set(key, structuredClone(value));
      return Promise.resolve();
    },
    remove(key) {
      records.delete(key);
      return Promise.resolve();
    },
  };
}
