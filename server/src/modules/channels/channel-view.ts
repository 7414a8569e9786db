import type { ChannelPublic } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import type { FollowRepository } from '../follows/follow.repository.js';
import type { ViewerCounts } from '../viewers/presence.js';
import { avatarUrl } from '../users/user.repository.js';
import type { ChannelService, ProfileLookup } from './channel.service.js';

/** Turns channel rows into their public shape with viewer and follower counts and the streamer's name, in batched queries. */
export class ChannelViews {
  constructor(
    private readonly channels: ChannelService,
    private readonly viewers: ViewerCounts,
    private readonly follows: FollowRepository,
    private readonly users: ProfileLookup,
  ) {}

  async many(rows: readonly ChannelRow[]): Promise<ChannelPublic[]> {
    const ids = rows.map((r) => r.id);
    const ownerIds = rows.flatMap((r) => (r.ownerId === null ? [] : [r.ownerId]));
    const [viewers, followers, profiles] = await Promise.all([this.viewers.forChannels(ids), this.follows.counts(ids), this.users.profiles(ownerIds)]);
    return rows.map((r) => {
      const profile = r.ownerId === null ? undefined : profiles.get(r.ownerId);
      return this.channels.toPublic(r, {
        viewerCount: viewers.get(r.id),
        followerCount: followers.get(r.id),
        streamer: profile && r.ownerId !== null ? { nickname: profile.nickname, avatarUrl: avatarUrl(r.ownerId, profile.avatarAt) } : undefined,
      });
    });
  }

  async one(row: ChannelRow): Promise<ChannelPublic> {
    return (await this.many([row]))[0]!;
  }
}
