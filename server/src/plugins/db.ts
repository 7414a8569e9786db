import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../db/data-source.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: DataSource;
  }
}

/** How long start-up waits for a database that is not up yet (MySQL starting alongside us). */
const START_TIMEOUT_MS = 60_000;

/** Opens the database (running migrations), waiting for it at start, and closes it with the app. */
export const dbPlugin = fp(async (app) => {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let ds: DataSource | undefined;
  for (let attempt = 1; !ds; attempt++) {
    try {
      ds = await openDatabase(app.config.database, { onQueryError: () => app.metrics.dbErrors.inc({ kind: 'query' }) });
    } catch (err) {
      const message = (err as Error).message;
      if (Date.now() > deadline || !/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|PROTOCOL_CONNECTION_LOST/.test(message)) {
        throw new Error(`cannot open the database (${app.config.database.type}): ${message}`);
      }
      app.log.warn({ attempt, err: message }, 'database not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
    }
  }
  app.decorate('db', ds);
  app.addHook('onClose', async () => {
    if (ds.isInitialized) await ds.destroy();
  });
}, { name: 'lait-db' });
