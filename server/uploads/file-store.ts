/**
 * Attachment bytes on disk, one file per attachment named by its uuid (never
 * by the user's filename, so no name can escape the folder).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function storedFilePath(uploadsDir: string, attachmentId: string): string {
  if (!UUID.test(attachmentId)) throw new Error(`not an attachment id: ${attachmentId}`);
  return join(uploadsDir, attachmentId.toLowerCase());
}

export function writeStoredFile(uploadsDir: string, attachmentId: string, bytes: Buffer): void {
  mkdirSync(uploadsDir, { recursive: true });
  const target = storedFilePath(uploadsDir, attachmentId);
  const partial = `${target}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, target);
}

export function removeStoredFile(uploadsDir: string, attachmentId: string): void {
  rmSync(storedFilePath(uploadsDir, attachmentId), { force: true });
}
