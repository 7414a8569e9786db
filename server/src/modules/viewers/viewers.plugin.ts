import fp from 'fastify-plugin';
import { ViewerPresence } from './presence.js';

/** Viewer counts are chat presence: every open channel page holds a chat socket (see presence.ts). */
export interface Viewers {
  presence: ViewerPresence;
}

declare module 'fastify' {
  interface FastifyInstance {
    viewers: Viewers;
  }
}

export function createViewers(): Viewers {
  return { presence: new ViewerPresence() };
}

/** The chat plugin feeds and starts the presence (the CLI never does); it stops with the app. */
export const viewersPlugin = fp(async (app) => {
  const viewers = createViewers();
  app.decorate('viewers', viewers);
  app.addHook('onClose', async () => viewers.presence.stop());
}, { name: 'lait-viewers' });
