/**
 * The contexts `<poolse-provider>` provides to every element below it.
 * Elements consume them with `@consume({ context, subscribe: true })` or
 * through `StoreController`, which consumes `storeContext` by itself.
 */
import { createContext } from '@lit/context';
import type { Poolse } from '../sdk/index.js';
import type { ChatStore } from '../state/types.js';

/** The SDK client (REST, uploads, realtime); undefined until a provider has one. */
export const clientContext = createContext<Poolse | undefined>(Symbol.for('poolse-client'));

/** The chat store; undefined until a provider has one. */
export const storeContext = createContext<ChatStore | undefined>(Symbol.for('poolse-store'));

/** The provider's `locale` (BCP 47, e.g. `fr`); empty when the page's language applies. */
export const localeContext = createContext<string>(Symbol.for('poolse-locale'));
