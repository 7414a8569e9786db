import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AppointModeratorSchema, ChannelModerationSchema, ModerationUserParamsSchema } from '@lait/shared';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 503: ApiErrorSchema };

/** The streamer's moderation lists on the dashboard: moderators (appoint, remove) and bans (unban). */
export const chatModeratorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const dashboard = app.chat.dashboard;
  const response = { 200: ChannelModerationSchema, ...errors };

  app.get('/me/channel/moderation', { schema: { tags: ['chat'], summary: "My chat's moderators and banned users", response } }, async (req) => {
    return dashboard.moderation(req.userId());
  });

  app.post('/me/channel/moderators', { schema: { tags: ['chat'], summary: 'Appoint a moderator by nickname', body: AppointModeratorSchema, response } }, async (req) => {
    return dashboard.appoint(req.userId(), req.body.nickname);
  });

  app.delete('/me/channel/moderators/:userId', { schema: { tags: ['chat'], summary: 'Remove a moderator', params: ModerationUserParamsSchema, response } }, async (req) => {
    return dashboard.dismiss(req.userId(), req.params.userId);
  });

  app.delete('/me/channel/bans/:userId', { schema: { tags: ['chat'], summary: 'Unban a user', params: ModerationUserParamsSchema, response } }, async (req) => {
    return dashboard.unban(req.userId(), req.params.userId);
  });
};
