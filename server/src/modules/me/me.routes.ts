import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelUpdateSchema, FollowingListSchema, MeSchema, PublishTokenResponseSchema, StreamKeyResponseSchema, type ChannelOwner } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';
import { RESERVED_SLUGS } from '@lait/shared';
import { ChannelSlugLockedError, ChannelSlugReservedError, ChannelSlugTakenError } from '../channels/channel.errors.js';
import type { ChannelRow } from '../../db/entities.js';
import { readStreamHealth } from '../streams/stream-health.js';
import { toUser } from '../users/user.repository.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema };

/** The signed-in streamer's own account and channel. Every route here acts only on the caller's channel. */
export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { users, channelService, channelViews, publishService, categories, follows, ingest, authService } = app.services;
  app.addHook('onRequest', app.authenticate);
  /** Sensitive: a token whose sign-in was logged out (everywhere) cannot do these, even within its 15 minutes. */
  const activeSession = async (req: FastifyRequest) => authService.sessions.assertActive(req.user);

  const myChannel = async (userId: number): Promise<ChannelRow> => {
    const channel = await channelService.findByOwner(userId);
    if (!channel) throw new AppError('CHANNEL_NOT_FOUND', 'You have no channel', 404);
    return channel;
  };
  const ownerView = async (channel: ChannelRow): Promise<ChannelOwner> => {
    const pub = await channelViews.one(channel);
    return {
      ...pub,
      hasStreamKey: channel.streamKeyHash !== null,
      rtmpUrl: app.config.rtmpPublicUrl,
      health: await readStreamHealth(channel, ingest, app.config.hlsInternalUrl, pub.viewerCount, app.services.ladderLag),
      recordVods: channel.recordVods,
      vodRetentionDays: channel.vodRetentionDays,
      ladderEnabled: channel.ladderEnabled,
      slugChangeable: channel.slugChosenAt === null,
    };
  };

  app.get('/me', { schema: { tags: ['me'], summary: 'My account and channel (with stream health while live)', response: { 200: MeSchema, ...errors } } }, async (req) => {
    const user = await users.findById(req.userId());
    if (!user) throw new AppError('UNAUTHORIZED', 'This account no longer exists', 401);
    return { user: toUser(user), channel: await ownerView(await myChannel(user.id)) };
  });

  app.patch('/me/channel', { schema: { tags: ['me'], summary: 'Edit my channel', body: ChannelUpdateSchema, response: { 200: MeSchema.properties.channel, ...errors } } }, async (req) => {
    const channel = await myChannel(req.userId());
    const patch = req.body;
    const newSlug = patch.slug !== undefined && patch.slug !== channel.slug ? patch.slug : undefined;
    if (newSlug !== undefined) {
      if (channel.slugChosenAt !== null) throw new ChannelSlugLockedError();
      if (RESERVED_SLUGS.includes(newSlug)) throw new ChannelSlugReservedError(newSlug);
      if (await channelService.findBySlugOrNull(newSlug)) throw new ChannelSlugTakenError(newSlug);
    }
    if (patch.category && !(await categories.find(patch.category))) throw new AppError('CATEGORY_NOT_FOUND', `No category "${patch.category}"`, 400);
    const { slug: _slug, ...rest } = patch;
    await channelService.update(channel.id, {
      ...rest,
      ...(patch.title ? { title: patch.title.trim() } : {}),
      ...(newSlug !== undefined ? { slug: newSlug, slugChosenAt: new Date() } : {}),
    });
    app.services.liveEvents.emit('channel:updated', { channelId: channel.id });
    return ownerView(await channelService.getBySlug(newSlug ?? channel.slug));
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
    const ids = await follows.followedChannelIds(req.userId());
    const channels = await channelViews.many(await channelService.findByIds(ids));
    channels.sort((a, b) => Number(b.live) - Number(a.live) || b.viewerCount - a.viewerCount);
    return { channels };
  });
};
