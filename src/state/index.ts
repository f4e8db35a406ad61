export { createChatStore, initialChatState } from './store.js';
export { toStoreError } from './errors.js';
export * from './selectors.js';
export type * from './types.js';
export type * from './client-port.js';
