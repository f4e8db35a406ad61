/**
 * The events `<poolse-composer>` fires: their detail shapes live with every
 * other event's in `shared/events.ts`.
 */
export type {
  MessageSendDetail,
  UploadErrorDetail,
  UploadProgressDetail,
} from '../shared/events.js';
