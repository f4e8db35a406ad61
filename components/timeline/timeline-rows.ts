/**
 * Pure timeline layout: turns an ordered list of messages into the rows the
 * timeline renders (day separators, an unread divider, and messages marked
 * as the start or continuation of a sender group).
 *
 * Kept free of Lit and the DOM so the grouping rules are cheap to test and
 * the virtualizer gets stable row keys.
 */
import type { Message } from '../../src/sdk/types.js';

/** Consecutive messages of one sender closer than this share one header. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export interface DayRow {
  kind: 'day';
  key: string;
  /** Local midnight of the day the following messages were sent. */
  day: Date;
}

export interface UnreadRow {
  kind: 'unread';
  key: 'unread';
}

export interface MessageRow {
  kind: 'message';
  key: string;
  message: Message;
  /** True when this message continues the previous one's sender group (no avatar, no name). */
  continued: boolean;
}

export type TimelineRow = DayRow | UnreadRow | MessageRow;

export interface TimelineLayoutOptions {
  /**
   * Read cursor frozen when the conversation opened: the divider sits above
   * the first message after it that someone else sent. `null`: no divider.
   */
  unreadAfterSequence: number | null;
  /** The reader's user id: their own messages never count as unread. */
  ownUserId: string | null;
}

function senderKey(message: Message): string | null {
  return message.sender_id ?? message.sender_external_id;
}

/** Local calendar day of an ISO time, as a sortable key and its midnight. */
export function localDay(iso: string): { key: string; day: Date } {
  const time = new Date(iso);
  const valid = Number.isFinite(time.getTime()) ? time : new Date(0);
  const day = new Date(valid.getFullYear(), valid.getMonth(), valid.getDate());
  const key = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  return { key, day };
}

function timeOf(message: Message): number {
  const time = Date.parse(message.inserted_at);
  return Number.isFinite(time) ? time : 0;
}

/** Whether `message` may share a header with `previous` (same sender, close in time, plain messages). */
export function continuesGroup(previous: Message | undefined, message: Message): boolean {
  if (!previous) return false;
  if (previous.type === 'system' || message.type === 'system') return false;
  const sender = senderKey(message);
  if (sender === null || sender !== senderKey(previous)) return false;
  const gap = timeOf(message) - timeOf(previous);
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}

/** The first message the divider should sit above, or undefined. */
export function firstUnreadMessage(
  messages: readonly Message[],
  options: TimelineLayoutOptions,
): Message | undefined {
  const after = options.unreadAfterSequence;
  if (after === null) return undefined;
  return messages.find(
    (message) =>
      message.sequence > after &&
      (options.ownUserId === null || message.sender_id !== options.ownUserId),
  );
}

/** Lays out messages (oldest first) as timeline rows. */
export function layoutTimeline(
  messages: readonly Message[],
  options: TimelineLayoutOptions,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const unread = firstUnreadMessage(messages, options);
  let previous: Message | undefined;
  let previousDay: string | undefined;
  for (const message of messages) {
    const { key: dayKey, day } = localDay(message.inserted_at);
    let breaksGroup = false;
    if (dayKey !== previousDay) {
      rows.push({ kind: 'day', key: `day:${dayKey}`, day });
      previousDay = dayKey;
      breaksGroup = true;
    }
    if (message === unread) {
      rows.push({ kind: 'unread', key: 'unread' });
      breaksGroup = true;
    }
    rows.push({
      kind: 'message',
      key: message.id,
      message,
      continued: !breaksGroup && continuesGroup(previous, message),
    });
    previous = message;
  }
  return rows;
}
