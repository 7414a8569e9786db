import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { MetricsHeadersSchema } from '@lait/shared';
import { AppError } from '../errors/app-error.js';
import { refreshLiveGauges } from './metrics-live.js';
import { createLaitMetrics, type LaitMetrics } from './metrics-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: LaitMetrics;
  }
}

/** Compares digests so that neither the token's content nor its length leaks through timing. */
function isToken(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/**
 * Prometheus metrics. Registered before every other plugin so they can write to `app.metrics`.
 * `GET /metrics` exists only when METRICS_TOKEN is set, and answers only to `Authorization: Bearer
 * <METRICS_TOKEN>`: the API port is public behind the Ingress, and a token keeps the scrape
 * config the same in every topology (no second port to expose per pod).
 */
export const metricsPlugin = fp(async (app) => {
  const metrics = createLaitMetrics();
  app.decorate('metrics', metrics);

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern (`/api/channels/:slug`), never the URL: labels stay bounded.
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const token = app.config.metricsToken;
  if (token) {
    app.get('/metrics', { schema: { hide: true, headers: MetricsHeadersSchema } }, async (req, reply) => {
      if (!isToken(req.headers.authorization, token)) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('UNAUTHORIZED', 'A valid metrics token is required', 401);
      }
      await refreshLiveGauges(metrics.live, {
        channels: app.channels.repository,
        viewers: app.viewers.presence,
        ingest: app.streams.ingest,
        socketCount: () => app.io.engine.clientsCount,
        log: req.log,
      });
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  app.addHook('onClose', async () => metrics.registry.clear());
}, { name: 'lait-metrics' });
