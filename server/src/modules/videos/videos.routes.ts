import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  ApiErrorSchema, ChannelSlugParamsSchema, VideoChatQuerySchema, VideoChatSchema, VideoIdParamsSchema, VideoListQuerySchema, VideoListSchema,
  VideoSchema, VideoUpdateSchema,
} from '@lait/shared';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/** The signed-in user when a valid token came along; listing hidden videos needs it, viewing does not. */
async function optionalUserId(req: FastifyRequest): Promise<number | null> {
  if (!req.headers.authorization) return null;
  try {
    await req.jwtVerify();
    return req.userId();
  } catch {
    return null;
  }
}

/** Past broadcasts (VODs), their chat replay, and the owner's hide/delete. */
export const videoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const videoService = app.videos.service;
  const channelService = app.channels.service;

  app.get('/channels/:slug/videos', {
    schema: { tags: ['videos'], summary: "A channel's past broadcasts, newest first (the owner also sees hidden ones)", params: ChannelSlugParamsSchema, querystring: VideoListQuerySchema, response: { 200: VideoListSchema, ...errors } },
  }, async (req) => {
    const channel = await channelService.getBySlug(req.params.slug);
    return { videos: await videoService.listForChannel(channel, req.query.limit ?? 30, await optionalUserId(req)) };
  });

  app.get('/me/following/videos', {
    onRequest: app.authenticate,
    schema: { tags: ['videos'], summary: 'Recent past broadcasts of the channels I follow, newest first', querystring: VideoListQuerySchema, response: { 200: VideoListSchema, ...errors } },
  }, async (req) => ({ videos: await videoService.listFollowed(req.userId(), req.query.limit ?? 12) }));

  app.get('/videos/:id', {
    schema: { tags: ['videos'], summary: 'One past broadcast', params: VideoIdParamsSchema, response: { 200: VideoSchema, ...errors } },
  }, async (req) => {
    const { row, channel } = await videoService.getPublic(req.params.id);
    return videoService.toVideo(row, channel);
  });

  app.get('/videos/:id/chat', {
    schema: { tags: ['videos'], summary: 'Chat replay: messages sent between `from` and `to` seconds into the broadcast (at most 10 minutes per call)', params: VideoIdParamsSchema, querystring: VideoChatQuerySchema, response: { 200: VideoChatSchema, ...errors } },
  }, async (req) => ({ messages: await videoService.chat(req.params.id, req.query.from, req.query.to) }));

  app.patch('/videos/:id', {
    onRequest: app.authenticate,
    schema: { tags: ['videos'], summary: 'Hide or show a video of my channel', params: VideoIdParamsSchema, body: VideoUpdateSchema, response: { 200: VideoSchema, ...errors } },
  }, async (req) => videoService.setHidden(req.params.id, req.userId(), req.body.hidden));

  app.delete('/videos/:id', {
    onRequest: app.authenticate,
    schema: { tags: ['videos'], summary: 'Delete a video of my channel, files and all', params: VideoIdParamsSchema, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    await videoService.delete(req.params.id, req.userId());
    return reply.status(204).send();
  });
};
