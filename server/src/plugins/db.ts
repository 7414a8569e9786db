import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../db/data-source.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: DataSource;
  }
}

/** Opens the database (running migrations) and closes it with the app. */
export const dbPlugin = fp(async (app) => {
  const ds = await openDatabase(app.config.database);
  app.decorate('db', ds);
  app.addHook('onClose', async () => {
    if (ds.isInitialized) await ds.destroy();
  });
});
