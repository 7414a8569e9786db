import type { ChannelPublic } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import type { FollowRepository } from '../follows/follow.repository.js';
import type { ViewerCounts } from '../viewers/viewer-counts.js';
import type { ChannelService } from './channel.service.js';

/** Turns channel rows into their public shape with viewer and follower counts, in two batched queries. */
export class ChannelViews {
  constructor(
    private readonly channels: ChannelService,
    private readonly viewers: ViewerCounts,
    private readonly follows: FollowRepository,
  ) {}

  async many(rows: readonly ChannelRow[]): Promise<ChannelPublic[]> {
    const ids = rows.map((r) => r.id);
    const [viewers, followers] = await Promise.all([this.viewers.forChannels(ids), this.follows.counts(ids)]);
    return rows.map((r) => this.channels.toPublic(r, { viewerCount: viewers.get(r.id), followerCount: followers.get(r.id) }));
  }

  async one(row: ChannelRow): Promise<ChannelPublic> {
    return (await this.many([row]))[0]!;
  }
}
