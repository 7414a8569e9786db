import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelListQuerySchema, ChannelListSchema, ChannelPublicSchema, ChannelSlugParamsSchema, FollowStateSchema } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';

/** Public channel reads (directory, search, a channel page) and following. Never exposes a stream key. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { channelService, channelViews, follows } = app.services;
  const authErrors = { 401: ApiErrorSchema, 404: ApiErrorSchema };

  app.get('/channels', {
    schema: {
      tags: ['channels'],
      summary: 'Directory: live channels (?live=true), by category, Hangul-aware search (?q=ㄹㅇ finds 라잇), sorted by viewers',
      querystring: ChannelListQuerySchema,
      response: { 200: ChannelListSchema, 400: ApiErrorSchema },
    },
  }, async (req) => {
    const { live, category, q, limit = 50, sort = 'viewers' } = req.query;
    const channels = await channelViews.many(await channelService.list({ live, category, q, limit }));
    if (sort === 'viewers') channels.sort((a, b) => b.viewerCount - a.viewerCount || Number(b.live) - Number(a.live));
    return { channels };
  });

  app.get('/channels/:slug', {
    schema: { tags: ['channels'], summary: 'One channel', params: ChannelSlugParamsSchema, response: { 200: ChannelPublicSchema, 400: ApiErrorSchema, 404: ApiErrorSchema } },
  }, async (req) => channelViews.one(await channelService.getBySlug(req.params.slug)));

  const followState = async (userId: number, channelId: number) => ({
    following: (await follows.find(userId, channelId)) !== null,
    followerCount: (await follows.counts([channelId])).get(channelId) ?? 0,
  });

  app.get('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Whether I follow this channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, ...authErrors } },
  }, async (req) => followState(req.userId(), (await channelService.getBySlug(req.params.slug)).id));

  app.post('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Follow a channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, 400: ApiErrorSchema, ...authErrors } },
  }, async (req) => {
    const channel = await channelService.getBySlug(req.params.slug);
    if (channel.ownerId === req.userId()) throw new AppError('FOLLOW_SELF', 'You cannot follow your own channel', 400);
    await follows.follow(req.userId(), channel.id);
    return followState(req.userId(), channel.id);
  });

  app.delete('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Unfollow a channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, ...authErrors } },
  }, async (req) => {
    const channel = await channelService.getBySlug(req.params.slug);
    await follows.unfollow(req.userId(), channel.id);
    return followState(req.userId(), channel.id);
  });
};
