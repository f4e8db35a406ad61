import { html, nothing } from 'lit';
import { PoolseElement } from '../shared/poolse-element.js';
import { property, state } from 'lit/decorators.js';
import { avatarColor, initialsOf } from './avatar-color.js';
import { avatarStyles } from './avatar.styles.js';
import { cssProps } from '../shared/css-props.js';

export type AvatarPresence = 'online' | 'offline' | '';
export type AvatarSize = 'xs' | 'sm' | 'md' | 'lg';

/**
 * A person's or a group's picture: the image when there is one (and it
 * loads), otherwise initials on a colour derived from `seed`, with an
 * optional presence dot.
 *
 * @csspart base - The round frame holding the image or the initials.
 * @csspart image - The `<img>`, when `src` is set and loads.
 * @csspart initials - The initials text.
 * @csspart presence - The presence dot (only with `presence`).
 *
 * @cssproperty --poolse-avatar-size - Diameter (36px; xs 20px, sm 28px, lg 44px).
 * @cssproperty --poolse-avatar-radius - Corner radius (round by default).
 * @cssproperty --poolse-avatar-background - Initials background (default: from `seed`).
 * @cssproperty --poolse-avatar-color - Initials colour.
 * @cssproperty --poolse-avatar-presence-size - Diameter of the presence dot.
 * @cssproperty --poolse-avatar-presence-online-color - Dot colour when online.
 * @cssproperty --poolse-avatar-presence-offline-color - Dot colour when offline.
 * @cssproperty --poolse-avatar-presence-ring-color - Ring separating the dot from the picture.
 */
export class PoolseAvatar extends PoolseElement {
  static override styles = avatarStyles;

  /** Who or what this is; gives the initials and the accessible name. */
  @property() name = '';
  /** Image URL; when empty or failing, initials are shown. */
  @property() src: string | null = null;
  /** Stable id the initials colour derives from (defaults to `name`). */
  @property() seed = '';
  /** `online` or `offline` shows the presence dot; empty hides it. */
  @property({ reflect: true }) presence: AvatarPresence = '';
  @property({ reflect: true }) size: AvatarSize = 'md';
  /** Accessible label override (e.g. "Alice, online"); defaults to `name`. */
  @property() label = '';
  /** Hides the avatar from assistive technology when the name is already next to it. */
  @property({ type: Boolean, reflect: true }) decorative = false;

  @state() private failedSrc: string | null = null;

  override render() {
    const showImage = !!this.src && this.failedSrc !== this.src;
    const label = this.label || this.name;
    return html`<span
        part="base"
        role=${this.decorative ? nothing : 'img'}
        aria-label=${this.decorative ? nothing : label}
        aria-hidden=${this.decorative ? 'true' : nothing}
        style=${cssProps({ '--_color': avatarColor(this.seed || this.name || '?') })}
      >
        ${
          showImage
            ? html`<img
                part="image"
                src=${this.src ?? ''}
                alt=""
                loading="lazy"
                decoding="async"
                @error=${this.onImageError}
              />`
            : html`<span part="initials" aria-hidden="true">${initialsOf(this.name)}</span>`
        }
      </span>
      ${
        this.presence
          ? html`<span part="presence" data-state=${this.presence} aria-hidden="true"></span>`
          : nothing
      }`;
  }

  private onImageError = () => {
    this.failedSrc = this.src;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'poolse-avatar': PoolseAvatar;
  }
}
