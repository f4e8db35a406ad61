/**
 * The little IndexedDB plumbing the store's durable parts share (outbox,
 * offline cache): requests and transactions as promises, and a connection
 * that opens on first use, lets another tab upgrade the database, and
 * reopens on the next use after it was closed. No dependency.
 */

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Whether this environment has IndexedDB. */
export function hasIndexedDb(): boolean {
  return typeof globalThis.indexedDB !== 'undefined' && globalThis.indexedDB !== null;
}

export interface LazyDatabase {
  /** The open connection (opening it when needed). A failed open is retried on the next call. */
  get(): Promise<IDBDatabase>;
  close(): void;
}

/** A connection to database `name` (version 1, created by `create`), opened on first use. */
export function lazyDatabase(
  name: string,
  create: (db: IDBDatabase) => void,
  factory?: IDBFactory,
): LazyDatabase {
  let connection: Promise<IDBDatabase> | null = null;
  return {
    get() {
      if (!connection) {
        const request = (factory ?? globalThis.indexedDB).open(name, 1);
        request.onupgradeneeded = () => create(request.result);
        connection = requestResult(request).then((opened) => {
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
        connection.catch(() => {
          connection = null;
        });
      }
      return connection;
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
