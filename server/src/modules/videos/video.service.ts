import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ReplayMessage, Video } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { FollowRepository } from '../follows/follow.repository.js';
import type { RecordingService } from './recording.service.js';
import type { VideoChatRepository } from './video-chat.repository.js';
import { VideoForbiddenError, VideoNotFoundError } from './video.errors.js';
import type { VideoRow } from './video.entities.js';
import type { VideoRepository } from './video.repository.js';

/** Chat replay answers at most this much of the broadcast at once. */
const MAX_CHAT_WINDOW_SEC = 600;

/** VODs as the API shows them; owner actions. */
export class VideoService {
  constructor(
    private readonly videos: VideoRepository,
    private readonly channels: ChannelRepository,
    private readonly chatMessages: VideoChatRepository,
    private readonly recording: RecordingService,
    private readonly follows: FollowRepository,
  ) {}

  toVideo(row: VideoRow, channel: Pick<ChannelRow, 'slug' | 'title'>): Video {
    const thumb = path.join(this.recording.dirOf(row.id), 'thumb.jpg');
    return {
      id: row.id,
      channel: { slug: channel.slug, title: channel.title },
      title: row.title,
      category: row.category,
      startedAt: new Date(row.startedAt).toISOString(),
      durationSec: Math.round(row.durationMs / 100) / 10,
      hlsUrl: `/vod/${row.id}/index.m3u8`,
      thumbnailUrl: existsSync(thumb) ? `/vod/${row.id}/thumb.jpg` : null,
      hidden: row.hidden,
    };
  }

  /** A ready, visible video and its channel; anything else is a 404 (hidden, expired, still recording). */
  async getPublic(id: string): Promise<{ row: VideoRow; channel: ChannelRow }> {
    const row = await this.videos.findById(id);
    if (!row || row.status !== 'ready' || row.hidden) throw new VideoNotFoundError();
    const channel = await this.channels.findById(row.channelId);
    if (!channel) throw new VideoNotFoundError();
    return { row, channel };
  }

  async listForChannel(channel: ChannelRow, limit: number, viewerId: number | null): Promise<Video[]> {
    const rows = await this.videos.listForChannel(channel.id, limit, viewerId !== null && viewerId === channel.ownerId);
    return rows.map((r) => this.toVideo(r, channel));
  }

  /** Recent visible broadcasts of the channels `userId` follows, newest first. */
  async listFollowed(userId: number, limit: number): Promise<Video[]> {
    const channelIds = await this.follows.followedChannelIds(userId);
    const rows = await this.videos.listVisibleForChannels(channelIds, limit);
    const channels = new Map((await this.channels.findByIds([...new Set(rows.map((r) => r.channelId))])).map((c) => [c.id, c]));
    return rows.flatMap((r) => {
      const channel = channels.get(r.channelId);
      return channel ? [this.toVideo(r, channel)] : [];
    });
  }

  async chat(id: string, fromSec: number, toSec: number | undefined): Promise<ReplayMessage[]> {
    const { row } = await this.getPublic(id);
    const startedAt = new Date(row.startedAt);
    const to = Math.min(toSec ?? fromSec + MAX_CHAT_WINDOW_SEC, fromSec + MAX_CHAT_WINDOW_SEC);
    if (to < fromSec) return [];
    return this.chatMessages.between(row.channelId, startedAt, new Date(startedAt.getTime() + fromSec * 1000), new Date(startedAt.getTime() + to * 1000));
  }

  async setHidden(id: string, userId: number, hidden: boolean): Promise<Video> {
    const { row, channel } = await this.owned(id, userId);
    await this.videos.setHidden(row.id, hidden);
    return this.toVideo({ ...row, hidden }, channel);
  }

  async delete(id: string, userId: number): Promise<void> {
    const { row } = await this.owned(id, userId);
    await this.recording.delete(row.id);
  }

  private async owned(id: string, userId: number): Promise<{ row: VideoRow; channel: ChannelRow }> {
    const row = await this.videos.findById(id);
    if (!row) throw new VideoNotFoundError();
    const channel = await this.channels.findById(row.channelId);
    if (!channel) throw new VideoNotFoundError();
    if (channel.ownerId !== userId) throw new VideoForbiddenError();
    return { row, channel };
  }
}
