import type { ChannelPublic } from '@lait/shared';
import { SlugSchema } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from './channel.repository.js';
import { ChannelNotFoundError, ChannelSlugInvalidError, ChannelSlugTakenError } from './channel.errors.js';
import { generatePlaybackId, generateStreamKey, parseStreamKey, secretMatches } from './stream-key.js';

export interface ChannelUrls {
  readonly hlsPublicUrl: string;
  readonly rtmpPublicUrl: string;
  readonly publicUrl: string;
}

/** What a streamer gets when a key is created or rotated: the only time the key is ever shown. */
export interface ChannelCredentials {
  slug: string;
  playbackId: string;
  streamKey: string;
  rtmpUrl: string;
  watchUrl: string;
}

export class ChannelService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly urls: ChannelUrls,
  ) {}

  toPublic(row: ChannelRow, viewerCount = 0): ChannelPublic {
    return {
      slug: row.slug,
      title: row.title,
      category: row.category,
      live: row.live,
      playbackId: row.playbackId,
      hlsUrl: `${this.urls.hlsPublicUrl}/${row.playbackId}/index.m3u8`,
      liveSince: row.liveSince ? new Date(row.liveSince).toISOString() : null,
      viewerCount,
    };
  }

  async getBySlug(slug: string): Promise<ChannelRow> {
    const row = await this.channels.findBySlug(slug);
    if (!row) throw new ChannelNotFoundError(slug);
    return row;
  }

  list(options: { live?: boolean | undefined; limit: number }): Promise<ChannelRow[]> {
    return options.live ? this.channels.listLive(options.limit) : this.channels.list(options.limit);
  }

  /** Creates a channel with a fresh stream key. */
  async create(input: { slug: string; title?: string | undefined; ownerId?: number | null }): Promise<{ channel: ChannelRow; credentials: ChannelCredentials }> {
    const slug = input.slug.trim().toLowerCase();
    if (!Value.Check(SlugSchema, slug)) throw new ChannelSlugInvalidError(input.slug);
    if (await this.channels.findBySlug(slug)) throw new ChannelSlugTakenError(slug);
    const key = generateStreamKey();
    const now = new Date();
    const channel = await this.channels.insert({
      ownerId: input.ownerId ?? null,
      slug,
      title: input.title?.trim() || slug,
      category: null,
      playbackId: generatePlaybackId(),
      streamKeyId: key.keyId,
      streamKeyHash: key.hash,
      live: false,
      liveSince: null,
      liveClientId: null,
      currentSessionId: null,
      createdAt: now,
      updatedAt: now,
    });
    return { channel, credentials: this.credentials(channel, key.key) };
  }

  /** Replaces the stream key; the old one stops resolving at once. Dropping a live stream is the caller's (PublishService) job. */
  async replaceKey(channel: ChannelRow): Promise<ChannelCredentials> {
    const key = generateStreamKey();
    await this.channels.setStreamKey(channel.id, key.keyId, key.hash);
    return this.credentials(channel, key.key);
  }

  /** The channel a presented stream key belongs to, or null. Constant-time on the secret. */
  async resolveStreamKey(presented: string): Promise<ChannelRow | null> {
    const parsed = parseStreamKey(presented);
    if (!parsed) return null;
    const channel = await this.channels.findByStreamKeyId(parsed.keyId);
    if (!channel?.streamKeyHash) return null;
    return secretMatches(parsed.secret, channel.streamKeyHash) ? channel : null;
  }

  private credentials(channel: ChannelRow, streamKey: string): ChannelCredentials {
    return {
      slug: channel.slug,
      playbackId: channel.playbackId,
      streamKey,
      rtmpUrl: this.urls.rtmpPublicUrl,
      watchUrl: `${this.urls.publicUrl}/c/${channel.slug}`,
    };
  }
}
