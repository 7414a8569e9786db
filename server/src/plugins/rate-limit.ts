import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { redisScope } from './redis.js';

/**
 * Rate limits are opt-in per route (`config.rateLimit`). With Redis they are shared across server
 * processes; if Redis fails, requests pass (skipOnError) rather than locking everyone out.
 */
export const rateLimitPlugin = fp(async (app) => {
  await app.register(rateLimit, {
    global: false,
    ...(app.redis ? { redis: app.redis, nameSpace: `lait:rl:${redisScope(app.config.database)}`, skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
});
