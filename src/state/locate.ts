/**
 * Finding a held message wherever it lives (a conversation's main feed or a
 * thread) and replacing it there, as pure functions of the state.
 */
import type { Message } from '../sdk/types.js';
import { replaceMessage, withThreadMessages, withTimelineMessages } from './timeline.js';
import type { ChatState } from './types.js';

export interface MessageLocation {
  kind: 'timeline' | 'thread';
  /** The conversation id (timeline) or the root id (thread). */
  key: string;
  message: Message;
}

export function locateMessage(state: ChatState, id: string): MessageLocation | null {
  for (const [key, tl] of Object.entries(state.timelines)) {
    const message = tl.byId[id];
    if (message) return { kind: 'timeline', key, message };
  }
  for (const [key, th] of Object.entries(state.threads)) {
    const message = th.byId[id];
    if (message) return { kind: 'thread', key, message };
  }
  return null;
}

/**
 * The state with message `id` replaced by `change(current)`; null when the
 * state holds no such message.
 */
export function patchMessage(
  state: ChatState,
  id: string,
  change: (m: Message) => Message,
): ChatState | null {
  const at = locateMessage(state, id);
  if (!at) return null;
  const next = change(at.message);
  if (next === at.message) return state;
  if (at.kind === 'timeline') {
    const tl = state.timelines[at.key];
    return {
      ...state,
      timelines: {
        ...state.timelines,
        [at.key]: withTimelineMessages(tl, (c) => replaceMessage(c, next)),
      },
    };
  }
  const th = state.threads[at.key];
  return {
    ...state,
    threads: { ...state.threads, [at.key]: withThreadMessages(th, (c) => replaceMessage(c, next)) },
  };
}
