import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { PoolseTheme } from '@poolse/elements';

// ?api=<url>&user=<external_id> pick the server and who is signed in.
const params = new URLSearchParams(window.location.search);
const apiUrl = params.get('api') ?? 'http://127.0.0.1:4000';
const user = params.get('user') ?? 'alice';

/** Asks the demo server for an End User JWT (a real app asks its own backend). */
async function getToken(): Promise<string> {
  const response = await fetch(`${apiUrl}/demo/token?external_id=${encodeURIComponent(user)}`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`token request answered ${response.status}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

@Component({
  selector: 'app-root',
  // <poolse-*> are custom elements: Angular binds their properties and events as the DOM's.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <header class="host-bar">
      <strong>Angular host</strong>
      <button type="button" data-host-theme (click)="toggleTheme()">Theme: {{ theme() }}</button>
      @if (lastSelect()) {
        <p data-host-event>poolse-conversation-select: {{ lastSelect() }}</p>
      }
      @if (lastSend()) {
        <p data-host-event>poolse-message-send: {{ lastSend() }}</p>
      }
    </header>
    <poolse-provider class="chat" [apiUrl]="apiUrl" [getToken]="getToken" [theme]="theme()">
      <poolse-inbox (poolse-conversation-select)="onConversationSelect($event)"></poolse-inbox>
      <poolse-conversation (poolse-message-send)="onMessageSend($event)"></poolse-conversation>
    </poolse-provider>
  `,
})
export class AppComponent {
  protected readonly apiUrl = apiUrl;
  protected readonly getToken = getToken;
  protected readonly theme = signal<PoolseTheme>('light');
  protected readonly lastSelect = signal('');
  protected readonly lastSend = signal('');

  protected toggleTheme(): void {
    this.theme.update((theme) => (theme === 'light' ? 'dark' : 'light'));
  }

  // The event types come from the package's global event map.
  protected onConversationSelect(
    event: GlobalEventHandlersEventMap['poolse-conversation-select'],
  ): void {
    this.lastSelect.set(event.detail.conversationId);
  }

  protected onMessageSend(event: GlobalEventHandlersEventMap['poolse-message-send']): void {
    this.lastSend.set(event.detail.draft.body ?? '');
  }
}
