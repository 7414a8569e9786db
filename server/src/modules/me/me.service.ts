import type { ChannelOwner, ChannelUpdate, FollowingList, Me, PublishTokenResponse, StreamKeyResponse } from '@lait/shared';
import type { Config } from '../../config.js';
import type { ChannelRow } from '../../db/entities.js';
import { AppError } from '../../errors/app-error.js';
import type { Channels } from '../channels/channels.plugin.js';
import type { Follows } from '../follows/follows.plugin.js';
import type { Streams } from '../streams/streams.plugin.js';
import { readStreamHealth } from '../streams/stream-health.js';
import type { Users } from '../users/users.plugin.js';
import { toUser } from '../users/user.repository.js';

export interface MeDeps {
  config: Pick<Config, 'rtmpPublicUrl' | 'hlsInternalUrl'>;
  users: Users;
  follows: Follows;
  channels: Channels;
  streams: Streams;
}

/**
 * The signed-in streamer's own account and channel: the owner's view of the channel (the public
 * view plus settings, key state and stream health while live), edits, credentials and follows.
 * Every method acts only on the caller's own channel.
 */
export class MeService {
  constructor(private readonly d: MeDeps) {}

  async account(userId: number): Promise<Me> {
    const user = await this.d.users.repository.findById(userId);
    if (!user) throw new AppError('UNAUTHORIZED', 'This account no longer exists', 401);
    return { user: toUser(user), channel: await this.ownerView(await this.myChannel(user.id)) };
  }

  async editChannel(userId: number, patch: ChannelUpdate): Promise<ChannelOwner> {
    return this.ownerView(await this.d.channels.service.edit(await this.myChannel(userId), patch));
  }

  /** A new stream key, shown once; a stream live on the old key ends. */
  async rotateStreamKey(userId: number): Promise<StreamKeyResponse> {
    const channel = await this.myChannel(userId);
    const creds = await this.d.streams.service.rotateKey(channel.slug);
    return { streamKey: creds.streamKey, rtmpUrl: creds.rtmpUrl };
  }

  async createPublishToken(userId: number): Promise<PublishTokenResponse> {
    const { token, expiresAt } = await this.d.channels.service.createPublishToken(await this.myChannel(userId));
    return { token, rtmpUrl: this.d.config.rtmpPublicUrl, expiresAt: expiresAt.toISOString() };
  }

  /** Channels the user follows, live ones first, then by viewers. */
  async following(userId: number): Promise<FollowingList> {
    const ids = await this.d.follows.repository.followedChannelIds(userId);
    const channels = await this.d.channels.views.many(await this.d.channels.service.findByIds(ids));
    channels.sort((a, b) => Number(b.live) - Number(a.live) || b.viewerCount - a.viewerCount);
    return { channels };
  }

  private myChannel(userId: number): Promise<ChannelRow> {
    return this.d.channels.service.getOwned(userId);
  }

  private async ownerView(channel: ChannelRow): Promise<ChannelOwner> {
    const { config, streams } = this.d;
    const pub = await this.d.channels.views.one(channel);
    return {
      ...pub,
      hasStreamKey: channel.streamKeyHash !== null,
      rtmpUrl: config.rtmpPublicUrl,
      health: await readStreamHealth(channel, streams.ingest, config.hlsInternalUrl, pub.viewerCount, streams.ladderLag),
      recordVods: channel.recordVods,
      vodRetentionDays: channel.vodRetentionDays,
      ladderEnabled: channel.ladderEnabled,
      slugChangeable: channel.slugChosenAt === null,
    };
  }
}
