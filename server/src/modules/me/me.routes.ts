import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelUpdateSchema, FollowingListSchema, MeSchema, PublishTokenResponseSchema, StreamKeyResponseSchema } from '@lait/shared';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** The signed-in streamer's own account and channel. Every route here acts only on the caller's channel. */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const me = app.me.service;
  app.addHook('onRequest', app.authenticate);
  /** Sensitive: a token whose sign-in was logged out (everywhere) cannot do these, even within its 15 minutes. */
  const activeSession = async (req: FastifyRequest) => app.auth.service.sessions.assertActive(req.user);

  app.get('/me', { schema: { tags: ['me'], summary: 'My account and channel (with stream health while live)', response: { 200: MeSchema, ...errors } } }, async (req) => {
    return me.account(req.userId());
  });

  app.patch('/me/channel', { schema: { tags: ['me'], summary: 'Edit my channel', body: ChannelUpdateSchema, response: { 200: MeSchema.properties.channel, ...errors } } }, async (req) => {
    return me.editChannel(req.userId(), req.body);
  });

  app.post('/me/channel/stream-key', {
    schema: { tags: ['me'], summary: 'Create or rotate my stream key (shown once; ends a stream live on the old key)', response: { 200: StreamKeyResponseSchema, ...errors } },
    preHandler: activeSession,
    config: { rateLimit: { max: app.config.rateLimits.keyPerHour, timeWindow: '1 hour', keyGenerator: (req) => `key:${req.user?.sub ?? req.ip}` } },
  }, async (req) => me.rotateStreamKey(req.userId()));

  app.post('/me/channel/publish-token', {
    schema: { tags: ['me'], summary: 'A short-lived token that works as a stream key (desktop app)', response: { 200: PublishTokenResponseSchema, ...errors } },
    preHandler: activeSession,
    config: { rateLimit: { max: 60, timeWindow: '1 hour', keyGenerator: (req) => `pt:${req.user?.sub ?? req.ip}` } },
  }, async (req) => me.createPublishToken(req.userId()));

  app.get('/me/following', { schema: { tags: ['follows'], summary: 'Channels I follow, live ones first', response: { 200: FollowingListSchema, ...errors } } }, async (req) => {
    return me.following(req.userId());
  });
};
