export { clientContext, storeContext, localeContext } from './contexts.js';
export { StoreController } from './store-controller.js';
export type { StoreControllerOptions } from './store-controller.js';
