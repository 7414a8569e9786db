import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from '@lait/shared';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness and database reachability', response: { 200: HealthSchema, 503: HealthSchema } } }, async (_req, reply) => {
    let database: 'up' | 'down' = 'up';
    try {
      await app.db.query('SELECT 1');
    } catch {
      database = 'down';
    }
    const body = { status: database === 'up' ? ('ok' as const) : ('degraded' as const), database, uptimeSec: Math.round(process.uptime()) };
    return reply.status(database === 'up' ? 200 : 503).send(body);
  });
};
