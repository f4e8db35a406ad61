/**
 * The attachment chips of the composer: name, size or the server's error,
 * thumbnail, a progress bar exposed as `role="progressbar"`, and cancel /
 * retry buttons. Rendering only: the composer owns the upload queue.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatFileSize } from '../shared/format.js';
import type { Translator } from '../shared/localize/keys.js';
import { closeIcon, retryIcon } from './icons.js';
import type { UploadItem } from '../../src/state/upload-queue.js';
import { cssProps } from '../shared/css-props.js';

export interface ChipHandlers {
  t: Translator;
  /** Object URL of an image file's thumbnail, or null. */
  thumbnail(item: UploadItem): string | null;
  retry(key: string): void;
  cancel(key: string): void;
}

function percentOf(item: UploadItem): number {
  if (item.total > 0) return Math.round((item.loaded / item.total) * 100);
  return item.status === 'done' ? 100 : 0;
}

/** A short file-type badge (`pdf`, `mov`) for files without a thumbnail. */
function badgeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1, dot + 5) : 'file';
}

function renderChip(item: UploadItem, handlers: ChipHandlers): TemplateResult {
  const { t } = handlers;
  const thumbnail = handlers.thumbnail(item);
  const percent = percentOf(item);
  const cancelLabel = t(
    item.status === 'uploading' ? 'composer.attachment.cancel' : 'composer.attachment.remove',
    {
      name: item.name,
    },
  );
  const retryLabel = t('composer.attachment.retry', { name: item.name });
  return html`<li class="chip" part="attachment" data-status=${item.status}>
    ${
      thumbnail
        ? html`<img class="thumb" part="attachment-thumbnail" src=${thumbnail} alt="" />`
        : html`<span class="thumb" part="attachment-thumbnail" aria-hidden="true">${badgeOf(item.name)}</span>`
    }
    <span class="chip-text">
      <span class="chip-name" part="attachment-name" title=${item.name}>${item.name}</span>
      ${
        item.status === 'failed' && item.error
          ? html`<span class="chip-error" part="attachment-error">${item.error.message}</span>`
          : html`<span class="chip-meta">${formatFileSize(item.size)}</span>`
      }
    </span>
    <span class="chip-actions">
      ${
        item.status === 'failed'
          ? html`<button
            class="icon-button small"
            part="attachment-retry"
            type="button"
            aria-label=${retryLabel}
            title=${retryLabel}
            @click=${() => handlers.retry(item.key)}
          >
            ${retryIcon}
          </button>`
          : nothing
      }
      <button
        class="icon-button small"
        part="attachment-cancel"
        type="button"
        aria-label=${cancelLabel}
        title=${cancelLabel}
        @click=${() => handlers.cancel(item.key)}
      >
        ${closeIcon}
      </button>
    </span>
    ${
      item.status === 'failed'
        ? nothing
        : html`<div
          class="progress"
          part="progress"
          role="progressbar"
          aria-label=${t('composer.attachment.progress', { name: item.name })}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
          style=${cssProps({ '--_progress': String(percent / 100) })}
        >
          <div class="progress-bar"></div>
        </div>`
    }
  </li>`;
}

export function renderAttachmentChips(
  items: readonly UploadItem[],
  handlers: ChipHandlers,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<ul class="attachments" part="attachments" aria-label=${handlers.t('composer.attachments')}>
    ${repeat(
      items,
      (item) => item.key,
      (item) => renderChip(item, handlers),
    )}
  </ul>`;
}
