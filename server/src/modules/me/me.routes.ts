import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelUpdateSchema, FollowingListSchema, MeSchema, PublishTokenResponseSchema, StreamKeyResponseSchema, type ChannelOwner } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';
import type { ChannelRow } from '../../db/entities.js';
import { readStreamHealth } from '../streams/stream-health.js';
import { toUser } from '../users/user.repository.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** The signed-in streamer's own account and channel. Every route here acts only on the caller's channel. */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { service: channelService, views: channelViews } = app.channels;
  const { service: publishService, ingest, ladderLag } = app.streams;
  app.addHook('onRequest', app.authenticate);
  /** Sensitive: a token whose sign-in was logged out (everywhere) cannot do these, even within its 15 minutes. */
  const activeSession = async (req: FastifyRequest) => app.auth.service.sessions.assertActive(req.user);

  const myChannel = (userId: number): Promise<ChannelRow> => channelService.getOwned(userId);
  const ownerView = async (channel: ChannelRow): Promise<ChannelOwner> => {
    const pub = await channelViews.one(channel);
    return {
      ...pub,
      hasStreamKey: channel.streamKeyHash !== null,
      rtmpUrl: app.config.rtmpPublicUrl,
      health: await readStreamHealth(channel, ingest, app.config.hlsInternalUrl, pub.viewerCount, ladderLag),
      recordVods: channel.recordVods,
      vodRetentionDays: channel.vodRetentionDays,
      ladderEnabled: channel.ladderEnabled,
      slugChangeable: channel.slugChosenAt === null,
    };
  };

  app.get('/me', { schema: { tags: ['me'], summary: 'My account and channel (with stream health while live)', response: { 200: MeSchema, ...errors } } }, async (req) => {
    const user = await app.users.repository.findById(req.userId());
    if (!user) throw new AppError('UNAUTHORIZED', 'This account no longer exists', 401);
    return { user: toUser(user), channel: await ownerView(await myChannel(user.id)) };
  });

  app.patch('/me/channel', { schema: { tags: ['me'], summary: 'Edit my channel', body: ChannelUpdateSchema, response: { 200: MeSchema.properties.channel, ...errors } } }, async (req) => {
    return ownerView(await channelService.edit(await myChannel(req.userId()), req.body));
  });

  app.post('/me/channel/stream-key', {
    schema: { tags: ['me'], summary: 'Create or rotate my stream key (shown once; ends a stream live on the old key)', response: { 200: StreamKeyResponseSchema, ...errors } },
    preHandler: activeSession,
    config: { rateLimit: { max: app.config.rateLimits.keyPerHour, timeWindow: '1 hour', keyGenerator: (req) => `key:${req.user?.sub ?? req.ip}` } },
  }, async (req) => {
    const channel = await myChannel(req.userId());
    const creds = await publishService.rotateKey(channel.slug);
    return { streamKey: creds.streamKey, rtmpUrl: creds.rtmpUrl };
  });

  app.post('/me/channel/publish-token', {
    schema: { tags: ['me'], summary: 'A short-lived token that works as a stream key (desktop app)', response: { 200: PublishTokenResponseSchema, ...errors } },
    preHandler: activeSession,
    config: { rateLimit: { max: 60, timeWindow: '1 hour', keyGenerator: (req) => `pt:${req.user?.sub ?? req.ip}` } },
  }, async (req) => {
    const { token, expiresAt } = await channelService.createPublishToken(await myChannel(req.userId()));
    return { token, rtmpUrl: app.config.rtmpPublicUrl, expiresAt: expiresAt.toISOString() };
  });

  app.get('/me/following', { schema: { tags: ['follows'], summary: 'Channels I follow, live ones first', response: { 200: FollowingListSchema, ...errors } } }, async (req) => {
    const ids = await app.follows.repository.followedChannelIds(req.userId());
    const channels = await channelViews.many(await channelService.findByIds(ids));
    channels.sort((a, b) => Number(b.live) - Number(a.live) || b.viewerCount - a.viewerCount);
    return { channels };
  });
};
