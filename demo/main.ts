/**
 * The full demo: one demo user's inbox and conversation side by side,
 * against the local poolse server (`npm start`). `?user=bob` picks who you
 * are; the top bar opens the other side in a new window, so two people can
 * talk on one machine.
 */
// The provider is defined first: elements already in the page upgrade in
// definition order, and a consumer that upgrades before its provider asks
// for the store when nobody can answer yet.
import '../components/provider/provider.js';
import type { PoolseProvider } from '../components/provider/provider.js';
import '../components/avatar/avatar.js';
import type { PoolseAvatar } from '../components/avatar/avatar.js';
import '../components/conversation/conversation.js';
import '../components/inbox/inbox.js';
import { directionOf } from '../components/shared/direction.js';
import { pickTheme, readStoredTheme, type DemoTheme } from './theme.js';
import { DEMO_PEOPLE, demoUserFromLocation, otherDemoUser } from './people.js';

/** `?api=http://127.0.0.1:4321` points the page at another local server (end-to-end fault tests). */
function apiUrlFromLocation(location: Pick<Location, 'search'>): string | null {
  const wanted = new URLSearchParams(location.search).get('api');
  if (!wanted) return null;
  try {
    const url = new URL(wanted);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

const apiUrl =
  apiUrlFromLocation(window.location) ??
  (import.meta.env.VITE_POOLSE_API_URL || 'http://127.0.0.1:4000');
const user = demoUserFromLocation(window.location);
const other = otherDemoUser(user);

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo markup lacks #${id}`);
  return el as T;
}

// Who you are ---------------------------------------------------------------
const provider = byId<PoolseProvider>('provider');
// The demo app knows its people; a real app would ask its own backend.
provider.userResolver = (externalId: string) => {
  const person = DEMO_PEOPLE[externalId];
  return person ? { displayName: person.name, avatarUrl: null } : null;
};
provider.apiUrl = apiUrl;
// `?locale=ar` shows the chat in another language; the page follows its direction as a real site would.
const locale = new URLSearchParams(window.location.search).get('locale');
if (locale) {
  provider.locale = locale;
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale) ?? 'ltr';
}
// `?transport=longpoll` (or `websocket`) picks the realtime transport; the default `auto` falls back by itself.
const transport = new URLSearchParams(window.location.search).get('transport');
if (transport === 'longpoll' || transport === 'websocket') provider.transport = transport;
// The open conversation lives in the URL's hash, so a reload reopens it (from the offline cache at once).
const remembered = /^#conversation=([0-9a-f-]{36})$/.exec(window.location.hash)?.[1];
if (remembered) provider.activeConversationId = remembered;
provider.tokenUrl = `${apiUrl}/demo/token?external_id=${encodeURIComponent(user)}`;

const meName = DEMO_PEOPLE[user]?.name ?? user;
byId('me-name').textContent = meName;
const meAvatar = byId<PoolseAvatar>('me-avatar');
meAvatar.name = meName;
meAvatar.seed = user;
document.title = `${meName} · poolse elements demo`;

const otherLink = byId<HTMLAnchorElement>('other-link');
const otherUrl = new URL(window.location.href);
otherUrl.searchParams.set('user', other);
otherLink.href = otherUrl.toString();
otherLink.target = `poolse-demo-${other}`;
otherLink.textContent = `Open as ${DEMO_PEOPLE[other]?.name.split(' ')[0] ?? other} ↗`;

// Theme -----------------------------------------------------------------------
const themeButtons = [...document.querySelectorAll<HTMLButtonElement>('[data-theme-choice]')];
function applyTheme(theme: DemoTheme): void {
  provider.setAttribute('theme', theme);
  document.documentElement.dataset.theme = theme;
  for (const button of themeButtons) {
    button.setAttribute('aria-pressed', String(button.dataset.themeChoice === theme));
  }
  try {
    localStorage.setItem('poolse-demo-theme', theme);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}
for (const button of themeButtons) {
  button.addEventListener('click', () => applyTheme(pickTheme(button.dataset.themeChoice)));
}
applyTheme(readStoredTheme());

// Panes on a phone: the inbox, then the conversation with a back button -----
const app = document.querySelector<HTMLElement>('.app');
const inbox = byId('inbox');
inbox.addEventListener('poolse-conversation-select', (event) => {
  // Wait a task so a listener that cancels the selection is respected.
  setTimeout(() => {
    if (event.defaultPrevented) return;
    if (app) app.dataset.pane = 'conversation';
    const id = provider.activeConversationId;
    if (id) history.replaceState(null, '', `#conversation=${id}`);
  });
});
byId('back').addEventListener('click', () => {
  if (app) app.dataset.pane = 'inbox';
  inbox.focus();
});
