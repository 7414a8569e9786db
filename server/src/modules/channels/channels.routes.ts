import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelFollowerParamsSchema, FollowedSinceSchema, ChannelListQuerySchema, ChannelListSchema, ChannelPublicSchema, ChannelSlugParamsSchema, FollowStateSchema } from '@lait/shared';
import type { FastifyReply } from 'fastify';

/** A JSON string sent as-is: Fastify skips serialisation for a string with a JSON content type. */
function sendSerialised(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Public channel reads (directory, search, a channel page) and following. Never exposes a stream key. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { service: channelService, views: channelViews, directory } = app.channels;
  const follows = app.follows.service;
  const authErrors = { 401: ApiErrorSchema, 404: ApiErrorSchema };

  app.get('/channels', {
    schema: {
      tags: ['channels'],
      summary: 'Directory: live channels (?live=true), by category, Hangul-aware search (?q=ㄹㅇ finds 라잇), sorted by viewers',
      querystring: ChannelListQuerySchema,
      response: { 200: ChannelListSchema, 400: ApiErrorSchema },
    },
  }, async (req, reply) => sendSerialised(reply, await directory.page(req.query)));

  app.get('/channels/:slug', {
    schema: { tags: ['channels'], summary: 'One channel', params: ChannelSlugParamsSchema, response: { 200: ChannelPublicSchema, 400: ApiErrorSchema, 404: ApiErrorSchema } },
  }, async (req) => channelViews.one(await channelService.getBySlug(req.params.slug)));

  app.get('/channels/:slug/followers/:userId', {
    schema: { tags: ['follows'], summary: 'Since when a user follows this channel (chat user cards)', params: ChannelFollowerParamsSchema, response: { 200: FollowedSinceSchema, 400: ApiErrorSchema, 404: ApiErrorSchema } },
  }, async (req) => {
    const channel = await channelService.getBySlug(req.params.slug);
    return { followedAt: await follows.followedSince(req.params.userId, channel.id) };
  });

  app.get('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Whether I follow this channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, ...authErrors } },
  }, async (req) => follows.state(req.userId(), (await channelService.getBySlug(req.params.slug)).id));

  app.post('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Follow a channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, 400: ApiErrorSchema, ...authErrors } },
  }, async (req) => follows.follow(req.userId(), await channelService.getBySlug(req.params.slug)));

  app.delete('/channels/:slug/follow', {
    onRequest: [app.authenticate],
    schema: { tags: ['follows'], summary: 'Unfollow a channel', params: ChannelSlugParamsSchema, response: { 200: FollowStateSchema, ...authErrors } },
  }, async (req) => follows.unfollow(req.userId(), (await channelService.getBySlug(req.params.slug)).id));
};
