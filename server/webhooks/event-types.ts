/** The events a webhook endpoint can subscribe to. */
import type { WebhookEventType } from '../../src/sdk/types.js';

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'message.created',
  'message.updated',
  'message.deleted',
  'conversation.created',
  'member.added',
  'member.removed',
];
