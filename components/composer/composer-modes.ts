/**
 * Which banners say what the next send will be: an edit (alone), else a
 * reply in a thread and / or a quote, each with the line it concerns.
 */
import type { Message, Uuid } from '../../src/sdk/types.js';
import type { ComposerDraft } from '../../src/state/types.js';
import type { Translator } from '../shared/localize/keys.js';
import { excerptOf, type ModeBanner } from './mode-banner.js';

export interface ModeContext {
  t: Translator;
  /** Set for a thread composer, which shows no thread banner (it is always in its thread). */
  threadRootId: string | null;
  findMessage(id: Uuid): Message | null;
  senderName(message: Message): string;
  cancelEdit(): void;
  leaveThread(): void;
  dropQuote(): void;
}

export function modeBanners(draft: ComposerDraft, c: ModeContext): ModeBanner[] {
  const { t } = c;
  const excerpt = (message: Message) =>
    excerptOf(message.body, message.attachments.length, t('composer.quote.attachment'));
  if (draft.editingMessageId) {
    return [
      {
        mode: 'edit',
        title: t('composer.edit'),
        closeLabel: t('composer.edit.cancel'),
        onClose: c.cancelEdit,
      },
    ];
  }
  const banners: ModeBanner[] = [];
  const replyToId = c.threadRootId ? null : (draft.replyToId ?? null);
  if (replyToId) {
    const root = c.findMessage(replyToId);
    banners.push({
      mode: 'thread',
      title: t('composer.thread'),
      ...(root ? { excerpt: excerpt(root) } : {}),
      closeLabel: t('common.close'),
      onClose: c.leaveThread,
    });
  }
  if (draft.quotedMessageId) {
    const quoted = c.findMessage(draft.quotedMessageId);
    banners.push({
      mode: 'quote',
      title: t('composer.quote', { name: quoted ? c.senderName(quoted) : '…' }),
      ...(quoted ? { excerpt: excerpt(quoted) } : {}),
      closeLabel: t('composer.quote.close'),
      onClose: c.dropQuote,
    });
  }
  return banners;
}
