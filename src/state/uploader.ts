/**
 * Finds the upload function on whatever client the provider holds: the SDK's
 * `client.attachments.upload(input, { onProgress, signal })`. The store's
 * client port leaves attachments out, so the client is checked at run time
 * rather than trusted by type.
 */
import type { Uploader } from './upload-queue.js';

interface AttachmentsCapable {
  attachments: { upload: Uploader };
}

function hasAttachments(client: unknown): client is AttachmentsCapable {
  if (typeof client !== 'object' || client === null) return false;
  const attachments = (client as { attachments?: unknown }).attachments;
  return (
    typeof attachments === 'object' &&
    attachments !== null &&
    typeof (attachments as { upload?: unknown }).upload === 'function'
  );
}

/** The client's uploader, bound to its resource, or null when the client cannot upload. */
export function uploaderFrom(client: unknown): Uploader | null {
  if (!hasAttachments(client)) return null;
  const { attachments } = client;
  return (input, options) => attachments.upload(input, options);
}
