import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClientConfigSchema, HealthSchema, LivenessSchema } from '@lait/shared';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Kubernetes' liveness probe: only whether the event loop answers. Readiness uses /health.
  app.get('/health/live', { schema: { tags: ['health'], summary: 'Liveness (no dependency checked)', response: { 200: LivenessSchema } } }, async () => ({
    status: 'ok' as const,
    uptimeSec: Math.round(process.uptime()),
  }));

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

  // Read by the site at start; the same for every visitor, so browsers and CDNs may keep it a while.
  const clientConfig = { sentry: app.config.sentry.webDsn ? { dsn: app.config.sentry.webDsn, environment: app.config.sentry.environment } : null };
  app.get('/client-config', { schema: { tags: ['health'], summary: 'Public settings the site reads at start', response: { 200: ClientConfigSchema } } }, async (_req, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return clientConfig;
  });
};
