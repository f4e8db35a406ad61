export { createChatStore, initialChatState } from './store.js';
export { toStoreError } from './errors.js';
export { createMemoryOutboxStorage, outboxScope } from './outbox-storage.js';
export { createIndexedDbOutboxStorage } from './outbox-idb.js';
export type { IndexedDbOutboxOptions } from './outbox-idb.js';
export * from './selectors.js';
export type * from './types.js';
export type * from './client-port.js';
export { draftKeyOf, isEmptyDraft } from './drafts.js';
export { isAbortError, uploadErrorFrom } from './upload-queue.js';
export type {
  AddResult,
  ImageSize,
  UploadError,
  UploadFile,
  UploadInput,
  UploadItem,
  UploadOptions,
  UploadProgress,
  UploadStatus,
  Uploader,
} from './upload-queue.js';
export { uploadChanges } from './uploads.js';
export type { UploadSource, UploadSummary } from './uploads.js';
