import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, AppointModeratorSchema, ChannelModerationSchema, ModerationUserParamsSchema, type ChannelModeration } from '@lait/shared';
import { AppError, NotFoundError } from '../../errors/app-error.js';
import { ChatError } from './chat.errors.js';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 503: ApiErrorSchema };
const STATUS: Record<string, number> = { CHAT_AUTH_REQUIRED: 401, CHAT_FORBIDDEN: 403, NOT_FOUND: 404, CHANNEL_NOT_FOUND: 404, CHAT_UNAVAILABLE: 503 };

/** Runs a chat moderation action from REST: a refusal becomes the same code with an HTTP status. */
async function asHttp<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ChatError) throw new AppError(err.code, err.message, STATUS[err.code] ?? 400);
    throw err;
  }
}

/** The streamer's moderation lists on the dashboard: moderators (appoint, remove) and bans (unban). */
export const chatModeratorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const channels = app.channels.repository;
  const users = app.users.repository;

  const myChannel = async (userId: number) => {
    const channel = await channels.findByOwner(userId);
    if (!channel) throw new AppError('CHANNEL_NOT_FOUND', 'You have no channel', 404);
    return channel;
  };
  const lists = async (channelId: number): Promise<ChannelModeration> => {
    const [modIds, banIds] = await Promise.all([app.chat.moderation.moderatorIds(channelId), app.chat.moderation.bannedUserIds(channelId)]);
    const profiles = await users.profiles([...modIds, ...banIds]);
    const named = (ids: number[]) =>
      ids.flatMap((userId) => {
        const nickname = profiles.get(userId)?.nickname;
        return nickname === undefined ? [] : [{ userId, nickname }];
      }).sort((a, b) => a.nickname.localeCompare(b.nickname));
    return { moderators: named(modIds), banned: named(banIds) };
  };
  const response = { 200: ChannelModerationSchema, ...errors };

  app.get('/me/channel/moderation', { schema: { tags: ['chat'], summary: "My chat's moderators and banned users", response } }, async (req) => {
    return lists((await myChannel(req.userId())).id);
  });

  app.post('/me/channel/moderators', { schema: { tags: ['chat'], summary: 'Appoint a moderator by nickname', body: AppointModeratorSchema, response } }, async (req) => {
    const channel = await myChannel(req.userId());
    const target = await users.findByNickname(req.body.nickname.trim());
    if (!target) throw new NotFoundError('NOT_FOUND', `Nobody is called "${req.body.nickname}"`);
    await asHttp(() => app.chat.actions.moderator(req.userId(), { channel: channel.slug, userId: target.id, moderator: true }));
    return lists(channel.id);
  });

  app.delete('/me/channel/moderators/:userId', { schema: { tags: ['chat'], summary: 'Remove a moderator', params: ModerationUserParamsSchema, response } }, async (req) => {
    const channel = await myChannel(req.userId());
    await asHttp(() => app.chat.actions.moderator(req.userId(), { channel: channel.slug, userId: req.params.userId, moderator: false }));
    return lists(channel.id);
  });

  app.delete('/me/channel/bans/:userId', { schema: { tags: ['chat'], summary: 'Unban a user', params: ModerationUserParamsSchema, response } }, async (req) => {
    const channel = await myChannel(req.userId());
    await asHttp(() => app.chat.actions.unban(req.userId(), { channel: channel.slug, userId: req.params.userId }));
    return lists(channel.id);
  });
};
