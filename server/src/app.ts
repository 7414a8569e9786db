import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import { createLoggerOptions } from './logger.js';
import { authPlugin } from './plugins/auth.js';
import { clientAddress, compileTrustProxy } from './plugins/client-address.js';
import { dbPlugin } from './plugins/db.js';
import { metricsPlugin } from './plugins/metrics.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { redisPlugin } from './plugins/redis.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { desktopLoginRoutes } from './modules/auth/desktop-login.routes.js';
import { kakaoRoutes } from './modules/auth/kakao.routes.js';
import { categoryRoutes } from './modules/categories/categories.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { avatarRoutes } from './modules/avatars/avatars.routes.js';
import { thumbnailRoutes } from './modules/thumbnails/thumbnails.routes.js';
import { docsPlugin } from './plugins/docs.js';
import { errorHandlerPlugin } from './plugins/error-handler.js';
import { sitePlugin } from './plugins/site.js';
import { socketPlugin } from './plugins/socket.js';
import { chatPlugin } from './modules/chat/chat.plugin.js';
import { chatModeratorRoutes } from './modules/chat/chat-moderators.routes.js';
import { chatWordsRoutes } from './modules/chat/chat-words.routes.js';
import { channelRoutes } from './modules/channels/channels.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { ingestHookRoutes } from './modules/streams/ingest-hooks.routes.js';
import { videoRoutes } from './modules/videos/videos.routes.js';
import { vodFileRoutes } from './modules/videos/vod-files.routes.js';
import { clipFileRoutes, clipRoutes } from './modules/clips/clips.routes.js';
import type { IngestControl } from './modules/streams/ingest-control.js';
import { authFeaturePlugin } from './modules/auth/auth.plugin.js';
import { avatarsPlugin } from './modules/avatars/avatars.plugin.js';
import { categoriesPlugin } from './modules/categories/categories.plugin.js';
import { channelsPlugin } from './modules/channels/channels.plugin.js';
import { clipsPlugin } from './modules/clips/clips.plugin.js';
import { mePlugin } from './modules/me/me.plugin.js';
import { followsPlugin } from './modules/follows/follows.plugin.js';
import { streamsPlugin } from './modules/streams/streams.plugin.js';
import { thumbnailsPlugin } from './modules/thumbnails/thumbnails.plugin.js';
import { usersPlugin } from './modules/users/users.plugin.js';
import { videosPlugin } from './modules/videos/videos.plugin.js';
import { viewersPlugin } from './modules/viewers/viewers.plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The client's address of a raw request (Socket.IO's `socket.request`), by the same TRUST_PROXY rule as `req.ip`. */
    clientAddress(req: IncomingMessage): string;
  }
}

export interface BuildOptions {
  config: Config;
  /** Replaces nginx's stat/control pages (tests of the decision logic only). */
  ingest?: IngestControl;
  /** Where log lines go instead of stdout (tests that read the log). */
  logStream?: NodeJS.WritableStream;
}

/** Registers plugins and routes; nothing else. */
export async function buildApp({ config, ingest, logStream }: BuildOptions): Promise<FastifyInstance> {
  const trust = compileTrustProxy(config.trustProxy);
  const app = Fastify({
    logger: createLoggerOptions(config, logStream),
    trustProxy: trust,
    bodyLimit: 64 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('clientAddress', (req: IncomingMessage) => clientAddress(req, trust));
  await app.register(errorHandlerPlugin);
  await app.register(metricsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(docsPlugin);
  await app.register(dbPlugin);
  await app.register(redisPlugin);
  await app.register(rateLimitPlugin);
  await app.register(authPlugin);
  // Features, each after the ones it names in its `dependencies`.
  await app.register(usersPlugin);
  await app.register(followsPlugin);
  await app.register(categoriesPlugin);
  await app.register(viewersPlugin);
  await app.register(channelsPlugin);
  await app.register(streamsPlugin, { ingest: ingest ?? (await import('./modules/streams/nginx-ingest-control.js')).createNginxIngestControl(config.nginxControlUrl, config.ingestControlUrls, config.hlsInternalUrl) });
  await app.register(videosPlugin);
  await app.register(thumbnailsPlugin);
  await app.register(avatarsPlugin);
  await app.register(clipsPlugin);
  await app.register(authFeaturePlugin);
  await app.register(mePlugin);
  await app.register(socketPlugin);
  await app.register(chatPlugin);
  await app.register(async (api) => {
    await api.register(healthRoutes);
    await api.register(channelRoutes);
    await api.register(categoryRoutes);
    await api.register(thumbnailRoutes);
    await api.register(avatarRoutes);
    await api.register(meRoutes);
    await api.register(chatWordsRoutes);
    await api.register(videoRoutes);
    await api.register(clipRoutes);
    await api.register(chatModeratorRoutes);
    await api.register(authRoutes, { prefix: '/auth' });
    await api.register(kakaoRoutes, { prefix: '/auth' });
    await api.register(desktopLoginRoutes, { prefix: '/auth' });
  }, { prefix: '/api' });
  // Only nginx's notify hooks post forms; everywhere else a form cannot reach (login CSRF, issue 9).
  await app.register(async (internal) => {
    await internal.register(formbody);
    await internal.register(ingestHookRoutes);
  }, { prefix: '/internal/rtmp' });
  await app.register(vodFileRoutes);
  await app.register(clipFileRoutes);
  await app.register(sitePlugin);
  return app;
}
