/**
 * `@poolse/elements`: registers every element and exports the SDK, the store,
 * the contexts and the element classes.
 *
 * ```js
 * import '@poolse/elements';          // <poolse-provider>, <poolse-inbox>, ... are defined
 * import { Poolse } from '@poolse/elements/sdk';   // the headless client alone (no Lit)
 * ```
 */
export * from './sdk/index.js';
export * from './state/index.js';
export * from './context/index.js';
export * from './elements.js';
