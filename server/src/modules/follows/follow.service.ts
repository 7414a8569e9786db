import type { ChannelRow } from '../../db/entities.js';
import { AppError } from '../../errors/app-error.js';
import type { FollowRepository } from './follow.repository.js';

export interface FollowState {
  following: boolean;
  followerCount: number;
}

/** Following a channel: who may, and what a follow button shows. */
export class FollowService {
  constructor(private readonly follows: FollowRepository) {}

  async state(userId: number, channelId: number): Promise<FollowState> {
    return {
      following: (await this.follows.find(userId, channelId)) !== null,
      followerCount: (await this.follows.counts([channelId])).get(channelId) ?? 0,
    };
  }

  async follow(userId: number, channel: ChannelRow): Promise<FollowState> {
    if (channel.ownerId === userId) throw new AppError('FOLLOW_SELF', 'You cannot follow your own channel', 400);
    await this.follows.follow(userId, channel.id);
    return this.state(userId, channel.id);
  }

  async unfollow(userId: number, channelId: number): Promise<FollowState> {
    await this.follows.unfollow(userId, channelId);
    return this.state(userId, channelId);
  }

  /** Since when `userId` follows the channel, or null (chat user cards). */
  async followedSince(userId: number, channelId: number): Promise<string | null> {
    const row = await this.follows.find(userId, channelId);
    return row ? new Date(row.createdAt).toISOString() : null;
  }
}
