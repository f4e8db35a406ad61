/**
 * Decorates the root instance with the shared services, so every plugin
 * (routes, auth, idempotency) reads the same database, hub and notifier.
 * Wrapped in fastify-plugin: the decorations must reach the whole server,
 * not only this plugin's own scope.
 */
import fp from 'fastify-plugin';
import type { Notifier } from '../domain/notify.js';
import type { ServerContext } from './context.js';

export interface ServicesOptions {
  context: ServerContext;
  notify: Notifier;
}

export const SERVICES_PLUGIN = 'poolse-services';

export const servicesPlugin = fp<ServicesOptions>(
  async (app, { context, notify }) => {
    app.decorate('poolse', context);
    app.decorate('db', context.db);
    app.decorate('hub', context.hub);
    app.decorate('notify', notify);
  },
  { name: SERVICES_PLUGIN },
);
