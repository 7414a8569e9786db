import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, ChannelListQuerySchema, ChannelListSchema, ChannelPublicSchema, ChannelSlugParamsSchema } from '@lait/shared';

/** Public channel reads: the live directory and a channel page. Never exposes a stream key. */
export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { channelService, viewerCounts } = app.services;

  app.get(
    '/channels',
    {
      schema: {
        tags: ['channels'],
        summary: 'List channels (live ones with ?live=true)',
        querystring: ChannelListQuerySchema,
        response: { 200: ChannelListSchema, 400: ApiErrorSchema },
      },
    },
    async (req) => {
      const rows = await channelService.list({ live: req.query.live, limit: req.query.limit ?? 50 });
      const counts = await viewerCounts.forChannels(rows.map((r) => r.id));
      const channels = rows.map((r) => channelService.toPublic(r, counts.get(r.id) ?? 0));
      if (req.query.live) channels.sort((a, b) => b.viewerCount - a.viewerCount);
      return { channels };
    },
  );

  app.get(
    '/channels/:slug',
    {
      schema: {
        tags: ['channels'],
        summary: 'One channel',
        params: ChannelSlugParamsSchema,
        response: { 200: ChannelPublicSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (req) => {
      const row = await channelService.getBySlug(req.params.slug);
      const counts = await viewerCounts.forChannels([row.id]);
      return channelService.toPublic(row, counts.get(row.id) ?? 0);
    },
  );
};
