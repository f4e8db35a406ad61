export { createChatStore, initialChatState } from './store.js';
export { toStoreError } from './errors.js';
export { createMemoryOutboxStorage, outboxScope } from './outbox-storage.js';
export { createIndexedDbOutboxStorage } from './outbox-idb.js';
export type { IndexedDbOutboxOptions } from './outbox-idb.js';
export * from './selectors.js';
export type * from './types.js';
export type * from './client-port.js';
