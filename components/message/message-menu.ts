/**
 * A message's hover toolbar and its actions menu: a top-layer popover under
 * the "more" button, arrow keys / Home / End among the items, Escape closes
 * and gives focus back to the button, Tab closes and moves on.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Translator, StringKey } from '../shared/localize/keys.js';
import { moveFocus } from '../shared/controllers/roving-list.js';
import { placePopover } from '../shared/controllers/popover-placement.js';
import { icons } from './icons.js';
import type { MessageAction } from './message-actions.js';

const ACTION_LABELS: Record<MessageAction, StringKey> = {
  reply: 'message.action.reply',
  quote: 'message.action.quote',
  react: 'message.action.react',
  copy: 'message.action.copy',
  edit: 'message.action.edit',
  delete: 'message.action.delete',
  retry: 'common.retry',
  'open-thread': 'message.action.reply',
};

const ACTION_ICONS: Partial<Record<MessageAction, unknown>> = {
  reply: icons.reply,
  quote: icons.quote,
  react: icons.react,
  copy: icons.copy,
  edit: icons.edit,
  delete: icons.trash,
};

type MenuHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

export class MessageMenuController implements ReactiveController {
  #open = false;

  constructor(
    private readonly host: MenuHost,
    /** Runs an action (the host fires its intent event first). */
    private readonly perform: (action: MessageAction) => void,
  ) {
    host.addController(this);
  }

  get open(): boolean {
    return this.#open;
  }

  /** Opens the menu and focuses its first item. */
  async show(): Promise<void> {
    this.#setOpen(true);
    await this.host.updateComplete;
    const menu = this.#menu();
    const trigger = this.#trigger();
    if (!menu || !trigger) return;
    if (!menu.matches(':popover-open')) menu.showPopover();
    placePopover(menu, trigger, { prefer: 'below', align: 'end', gap: 4 });
    this.#items()[0]?.focus();
  }

  close(returnFocus = true): void {
    if (!this.#open) return;
    this.#setOpen(false);
    if (returnFocus) this.#trigger()?.focus();
  }

  hostUpdated(): void {
    const menu = this.#menu();
    if (!this.#open && menu?.matches(':popover-open')) menu.hidePopover();
  }

  #setOpen(open: boolean): void {
    if (open === this.#open) return;
    this.#open = open;
    this.host.toggleAttribute('menu-open', open);
    this.host.requestUpdate();
  }

  #menu(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
  }

  #trigger(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('[data-menu-trigger]');
  }

  #items(): HTMLElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLElement>('[part~="menu-item"]')];
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const items = this.#items();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.close();
        return;
      case 'Tab':
        this.close(false);
        return;
      default:
        moveFocus(event, items, items.indexOf(event.target as HTMLElement), { wrap: true });
    }
  };

  #onToggle = (event: Event): void => {
    // Light dismiss (a click outside) closes the popover behind our back.
    if ((event as ToggleEvent).newState === 'closed') this.#setOpen(false);
  };

  #choose(action: MessageAction): void {
    this.close(action !== 'react' && action !== 'delete');
    this.perform(action);
  }

  /** The toolbar: react and reply buttons when they apply, and the "more" button with its menu. */
  render(actions: readonly MessageAction[], t: Translator) {
    const quick = (action: 'react' | 'reply', icon: unknown) =>
      actions.includes(action)
        ? html`<button part="action-button" type="button" aria-label=${t(ACTION_LABELS[action])} @click=${() => this.perform(action)}>
            ${icon}
          </button>`
        : nothing;
    return html`<div part="actions">
      ${quick('react', icons.react)} ${quick('reply', icons.reply)}
      <button
        part="action-button"
        type="button"
        data-menu-trigger
        aria-label=${t('message.actions')}
        aria-haspopup="menu"
        aria-expanded=${this.#open ? 'true' : 'false'}
        @click=${() => (this.#open ? this.close() : void this.show())}
      >
        ${icons.more}
      </button>
      ${
        this.#open
          ? html`<div
            part="menu"
            popover="auto"
            role="menu"
            aria-label=${t('message.menu')}
            @keydown=${this.#onKeydown}
            @toggle=${this.#onToggle}
          >
            ${actions.map(
              (action) => html`<button
                part="menu-item"
                type="button"
                role="menuitem"
                tabindex="-1"
                data-action=${action}
                ?data-danger=${action === 'delete'}
                @click=${() => this.#choose(action)}
              >
                ${ACTION_ICONS[action] ?? nothing}<span>${t(ACTION_LABELS[action])}</span>
              </button>`,
            )}
          </div>`
          : nothing
      }
    </div>`;
  }
}
