/** The state of a store before anything loaded: every slice empty. */
import { emptyInbox } from './inbox.js';
import type { ChatState } from './types.js';

export function initialChatState(): ChatState {
  return {
    me: null,
    status: 'idle',
    online: true,
    started: false,
    error: null,
    inbox: emptyInbox,
    activeConversationId: null,
    timelines: {},
    threads: {},
    outbox: {},
    presence: {},
    typing: {},
    receipts: {},
    members: {},
    drafts: {},
    profiles: {},
    uploads: {},
  };
}
