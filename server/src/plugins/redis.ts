import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null on the embedded setup (no REDIS_URL): features fall back to in-process state. */
    redis: Redis | null;
  }
}

/**
 * One shared connection. ioredis reconnects by itself with backoff; while Redis is down, commands
 * fail fast (no offline queue) so callers can degrade instead of hanging.
 */
export const redisPlugin = fp(async (app) => {
  if (!app.config.redisUrl) {
    app.decorate('redis', null);
    return;
  }
  const redis = new Redis(app.config.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  redis.on('error', (err) => {
    app.metrics.redisErrors.inc({ connection: 'main' });
    if (!down) app.log.warn({ err: err.message }, 'Redis unavailable: degrading to what works without it');
    down = true;
  });
  redis.on('ready', () => {
    if (down) app.log.info('Redis is back');
    down = false;
  });
  await redis.connect().catch((err: Error) => app.log.warn({ err: err.message }, 'Redis not reachable at start; will keep retrying'));
  app.decorate('redis', redis);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
}, { name: 'lait-redis' });

/**
 * A short tag of the database, for Redis keys: processes sharing a database share the keys, while
 * deployments (or test databases) sharing one Redis never see each other's.
 */
export function redisScope(database: Config['database']): string {
  const identity = database.type === 'sqlite' ? database.file : database.url;
  return `${createHash('sha256').update(identity).digest('hex').slice(0, 10)}:`;
}
