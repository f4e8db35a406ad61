import { useState } from 'react';
import type { PoolseTheme } from '@poolse/elements';

// ?api=<url>&user=<external_id> pick the server and who is signed in.
const params = new URLSearchParams(window.location.search);
const apiUrl = params.get('api') ?? 'http://127.0.0.1:4000';
const user = params.get('user') ?? 'alice';
const tokenUrl = `${apiUrl}/demo/token?external_id=${encodeURIComponent(user)}`;

export function App() {
  const [theme, setTheme] = useState<PoolseTheme>('light');
  const [lastSelect, setLastSelect] = useState('');
  const [lastSend, setLastSend] = useState('');

  return (
    <>
      <header className="host-bar">
        <strong>React host</strong>
        <button
          type="button"
          data-host-theme
          onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}
        >
          Theme: {theme}
        </button>
        {lastSelect && <p data-host-event>poolse-conversation-select: {lastSelect}</p>}
        {lastSend && <p data-host-event>poolse-message-send: {lastSend}</p>}
      </header>
      {/* `theme` is set as a property; `onpoolse-…` props listen to the elements' DOM events. */}
      <poolse-provider className="chat" api-url={apiUrl} token-url={tokenUrl} theme={theme}>
        <poolse-inbox
          onpoolse-conversation-select={(event) => setLastSelect(event.detail.conversationId)}
        />
        <poolse-conversation
          onpoolse-message-send={(event) => setLastSend(event.detail.draft.body ?? '')}
        />
      </poolse-provider>
    </>
  );
}
