/**
 * What a screen reader hears about uploads: the milestones (an upload
 * started, finished or failed), never the percentages in between, so a
 * large file does not flood the reader with progress.
 */
import type { Translator } from '../shared/localize/keys.js';
import type { UploadItem } from '../../src/state/upload-queue.js';

/**
 * The sentence for what changed between two lists of uploads, or `''` when
 * nothing worth saying did (progress only, a removal, a cancel the reader
 * made themselves).
 */
export function uploadMilestones(
  previous: readonly UploadItem[],
  next: readonly UploadItem[],
  t: Translator,
): string {
  const before = new Map(previous.map((item) => [item.key, item.status]));
  const said: string[] = [];
  for (const item of next) {
    const was = before.get(item.key);
    if (was === item.status) continue;
    if (item.status === 'uploading')
      said.push(t('composer.attachment.progress', { name: item.name }));
    else if (item.status === 'done') said.push(t('composer.attachment.done', { name: item.name }));
    else said.push(t('composer.attachment.failed-named', { name: item.name }));
  }
  return said.join('. ');
}
