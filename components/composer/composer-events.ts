/**
 * The events `<poolse-composer>` fires, and their detail shapes.
 */
import type { Uuid } from '../../src/sdk/types.js';
import type { SendDraft } from '../../src/state/types.js';

export interface MessageSendDetail {
  conversationId: Uuid;
  /**
   * What will be sent. A listener may change it (or replace it) to transform
   * the message before the store sends it; `preventDefault()` vetoes the send.
   */
  draft: SendDraft;
}

export interface UploadProgressDetail {
  conversationId: Uuid | null;
  /** Local key of the upload (stable across retries). */
  key: string;
  name: string;
  loaded: number;
  total: number;
}

export interface UploadErrorDetail {
  conversationId: Uuid | null;
  key: string;
  name: string;
  /** The server's error code (e.g. `attachment_too_large`), or `too_many_files`. */
  code: string;
  /** The server's message, as shown on the file's chip. */
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'poolse-message-send': CustomEvent<MessageSendDetail>;
    'poolse-upload-progress': CustomEvent<UploadProgressDetail>;
    'poolse-upload-error': CustomEvent<UploadErrorDetail>;
  }
}
