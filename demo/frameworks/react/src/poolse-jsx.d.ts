/**
 * JSX types for the <poolse-*> elements. React 19 passes a custom element's
 * props as properties when the element has them (`theme`), as attributes
 * otherwise (`api-url`), and `on<event-name>` props as listeners for that
 * exact DOM event.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PoolseConversation, PoolseInbox, PoolseProvider } from '@poolse/elements';

type Listener<K extends keyof GlobalEventHandlersEventMap> = (
  event: GlobalEventHandlersEventMap[K],
) => void;
type ElementProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'poolse-provider': ElementProps<PoolseProvider> &
        Partial<Pick<PoolseProvider, 'theme' | 'getToken' | 'userResolver' | 'locale'>> & {
          'api-url'?: string;
          'token-url'?: string;
          'onpoolse-status-change'?: Listener<'poolse-status-change'>;
        };
      'poolse-inbox': ElementProps<PoolseInbox> & {
        'onpoolse-conversation-select'?: Listener<'poolse-conversation-select'>;
      };
      'poolse-conversation': ElementProps<PoolseConversation> &
        Partial<Pick<PoolseConversation, 'conversationId'>> & {
          'onpoolse-message-send'?: Listener<'poolse-message-send'>;
        };
    }
  }
}
