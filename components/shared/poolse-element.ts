/**
 * The base of every poolse element: a LitElement with a typed `emit()`, so
 * every event is built one way (bubbling, composed, cancelable where it is
 * an intent) and its name and detail are checked against `events.ts`.
 */
import { LitElement } from 'lit';
import type { PoolseEventDetails, PoolseEventName } from './events.js';

export interface EmitOptions {
  /** Intents are cancelable: the element checks `defaultPrevented` before acting. */
  cancelable?: boolean;
}

type EmitArgs<Name extends PoolseEventName> = PoolseEventDetails[Name] extends void
  ? [detail?: undefined, options?: EmitOptions]
  : [detail: PoolseEventDetails[Name], options?: EmitOptions];

export class PoolseElement extends LitElement {
  /**
   * Fires `name` from this element, bubbling and composed, and returns the
   * event (a listener may have changed its detail or called `preventDefault()`).
   * @internal
   */
  protected emit<Name extends PoolseEventName>(
    name: Name,
    ...[detail, options]: EmitArgs<Name>
  ): CustomEvent<PoolseEventDetails[Name]> {
    const event = new CustomEvent(name, {
      detail: detail as PoolseEventDetails[Name],
      bubbles: true,
      composed: true,
      cancelable: options?.cancelable ?? false,
    });
    this.dispatchEvent(event);
    return event;
  }
}
