import type { ChannelModeration } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import { AppError, NotFoundError } from '../../errors/app-error.js';
import type { ChannelService } from '../channels/channel.service.js';
import type { UserRepository } from '../users/user.repository.js';
import type { ChatModerationRepository } from './chat-moderation.repository.js';
import type { ChatModerationService } from './chat-moderation.service.js';
import { ChatError } from './chat.errors.js';

/** HTTP statuses of the chat refusals the dashboard can meet; any other is a 400. */
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

interface DashboardDeps {
  /** The caller's own channel (CHANNEL_NOT_FOUND when there is none). */
  owned: Pick<ChannelService, 'getOwned'>;
  users: Pick<UserRepository, 'profiles' | 'findByNickname'>;
  moderation: Pick<ChatModerationRepository, 'moderatorIds' | 'bannedUserIds'>;
  actions: ChatModerationService;
}

/**
 * The streamer's chat on the dashboard (REST): moderators (appoint, remove), bans (unban) and the
 * channel's own filter words. Every method acts only on the caller's own channel.
 */
export class ChatDashboardService {
  constructor(private readonly d: DashboardDeps) {}

  /** Moderators and banned users by nickname, each list sorted. */
  async moderation(ownerId: number): Promise<ChannelModeration> {
    return this.lists((await this.d.owned.getOwned(ownerId)).id);
  }

  /** Appoints the user called `nickname` (trimmed) a moderator. */
  async appoint(ownerId: number, nickname: string): Promise<ChannelModeration> {
    const channel = await this.d.owned.getOwned(ownerId);
    const target = await this.d.users.findByNickname(nickname.trim());
    if (!target) throw new NotFoundError('NOT_FOUND', `Nobody is called "${nickname}"`);
    return this.act(channel, (slug) => this.d.actions.moderator(ownerId, { channel: slug, userId: target.id, moderator: true }));
  }

  async dismiss(ownerId: number, userId: number): Promise<ChannelModeration> {
    const channel = await this.d.owned.getOwned(ownerId);
    return this.act(channel, (slug) => this.d.actions.moderator(ownerId, { channel: slug, userId, moderator: false }));
  }

  async unban(ownerId: number, userId: number): Promise<ChannelModeration> {
    const channel = await this.d.owned.getOwned(ownerId);
    return this.act(channel, (slug) => this.d.actions.unban(ownerId, { channel: slug, userId }));
  }

  /** The channel's own filter words (on top of the base list). */
  async words(ownerId: number): Promise<string[]> {
    return this.d.actions.channelWords((await this.d.owned.getOwned(ownerId)).id);
  }

  async replaceWords(ownerId: number, words: readonly string[]): Promise<string[]> {
    return this.d.actions.replaceChannelWords((await this.d.owned.getOwned(ownerId)).id, words);
  }

  /** Runs the action on the channel, then answers with the lists as they are now. */
  private async act(channel: ChannelRow, action: (slug: string) => Promise<unknown>): Promise<ChannelModeration> {
    await asHttp(() => action(channel.slug));
    return this.lists(channel.id);
  }

  private async lists(channelId: number): Promise<ChannelModeration> {
    const [modIds, banIds] = await Promise.all([this.d.moderation.moderatorIds(channelId), this.d.moderation.bannedUserIds(channelId)]);
    const profiles = await this.d.users.profiles([...modIds, ...banIds]);
    const named = (ids: number[]) =>
      ids.flatMap((userId) => {
        const nickname = profiles.get(userId)?.nickname;
        return nickname === undefined ? [] : [{ userId, nickname }];
      }).sort((a, b) => a.nickname.localeCompare(b.nickname));
    return { moderators: named(modIds), banned: named(banIds) };
  }
}
