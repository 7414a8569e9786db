import { RESERVED_SLUGS, type ChannelPublic, type ChannelStreamer, type ChannelUpdate } from '@lait/shared';
import type { UserProfile } from '../users/user.repository.js';
import { ChannelTitleSchema, SlugSchema } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from './channel.repository.js';
import { hangulIncludes } from './hangul-search.js';
import type { PublishTokenRepository } from './publish-token.repository.js';
import { AppError } from '../../errors/app-error.js';
import { ChannelNotFoundError, ChannelSlugInvalidError, ChannelSlugLockedError, ChannelSlugReservedError, ChannelSlugTakenError, ChannelTitleInvalidError } from './channel.errors.js';
import type { LiveEvents } from './live-events.js';
import { generatePlaybackId, generateStreamKey, parseStreamKey, randomToken, secretMatches } from './stream-key.js';

/**
 * A stream's HLS folder as the edges route it: `<node>/<playbackId>` when a cluster node holds
 * it (the edge passes `/hls/<node>/…` to that node), `<playbackId>` on a single node.
 */
export function hlsPath(row: Pick<ChannelRow, 'playbackId' | 'liveNode'>): string {
  return row.liveNode ? `${row.liveNode}/${row.playbackId}` : row.playbackId;
}

/** The playlist players load: the master (source plus the ladder's live rungs; the source alone when off). */
export const LIVE_PLAYLIST = 'master.m3u8';

/**
 * Viewers see a channel live only once its playlist answered (or while it waits for its publisher
 * to come back): between nginx's accept and the first playlist it is only publishing.
 */
export function isShownLive(row: Pick<ChannelRow, 'live' | 'playableAt'>): boolean {
  return row.live && row.playableAt !== null;
}

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

export interface ChannelCounts {
  viewerCount?: number | undefined;
  followerCount?: number | undefined;
  /** The owner's public profile; absent for an owner-less channel. */
  streamer?: ChannelStreamer | undefined;
}

/** Public profiles of channel owners by user id (the users repository). */
export interface ProfileLookup {
  profiles(ids: readonly number[]): Promise<Map<number, UserProfile>>;
}

/** Whether a category exists (the categories repository). */
export interface CategoryLookup {
  find(slug: string): Promise<unknown>;
}

export interface ChannelListOptions {
  live?: boolean | undefined;
  category?: string | undefined;
  q?: string | undefined;
  limit: number;
}

export class ChannelService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly publishTokens: PublishTokenRepository,
    private readonly users: ProfileLookup,
    private readonly urls: ChannelUrls & { publishTokenTtlSec: number },
    private readonly categories: CategoryLookup,
    private readonly events: LiveEvents,
  ) {}

  toPublic(row: ChannelRow, counts: ChannelCounts = {}): ChannelPublic {
    return {
      slug: row.slug,
      title: row.title,
      category: row.category,
      live: isShownLive(row),
      status: !isShownLive(row) ? 'offline' : row.graceUntil ? 'reconnecting' : 'live',
      playbackId: row.playbackId,
      hlsUrl: `${this.urls.hlsPublicUrl}/${hlsPath(row)}/${LIVE_PLAYLIST}`,
      liveSince: row.liveSince ? new Date(row.liveSince).toISOString() : null,
      viewerCount: counts.viewerCount ?? 0,
      description: row.description,
      tags: row.tags,
      language: row.language,
      thumbnailUrl: row.thumbnailAt ? `/api/thumbnails/${row.playbackId}.jpg?v=${new Date(row.thumbnailAt).getTime()}` : null,
      followerCount: counts.followerCount ?? 0,
      streamer: counts.streamer ?? null,
    };
  }

  findBySlugOrNull(slug: string): Promise<ChannelRow | null> {
    return this.channels.findBySlug(slug);
  }

  async getBySlug(slug: string): Promise<ChannelRow> {
    const row = await this.channels.findBySlug(slug);
    if (!row) throw new ChannelNotFoundError(slug);
    return row;
  }

  /** Channels for the directory: live or all, in a category, matching a Hangul-aware search over title, slug and nickname. */
  async list(options: ChannelListOptions): Promise<ChannelRow[]> {
    const filtered = options.q !== undefined || options.category !== undefined;
    // Search and category filter in memory over a bounded candidate set: fine for thousands of channels.
    const fetchLimit = filtered ? 2000 : options.limit;
    let rows = options.live ? await this.channels.listLive(fetchLimit) : await this.channels.list(fetchLimit);
    if (options.category !== undefined) rows = rows.filter((r) => r.category === options.category);
    if (options.q !== undefined) {
      const q = options.q;
      const profiles = await this.users.profiles(rows.flatMap((r) => (r.ownerId === null ? [] : [r.ownerId])));
      const nicknameOf = (r: ChannelRow) => (r.ownerId === null ? '' : (profiles.get(r.ownerId)?.nickname ?? ''));
      rows = rows.filter((r) => hangulIncludes(r.title, q) || hangulIncludes(r.slug, q) || hangulIncludes(nicknameOf(r), q));
    }
    return rows.slice(0, options.limit);
  }

  update(id: number, patch: Partial<Pick<ChannelRow, 'slug' | 'slugChosenAt' | 'title' | 'description' | 'category' | 'tags' | 'language' | 'recordVods' | 'vodRetentionDays' | 'ladderEnabled'>>): Promise<void> {
    return this.channels.update(id, patch);
  }

  findByOwner(ownerId: number): Promise<ChannelRow | null> {
    return this.channels.findByOwner(ownerId);
  }

  /** The caller's own channel (every account has one). */
  async getOwned(ownerId: number): Promise<ChannelRow> {
    const channel = await this.channels.findByOwner(ownerId);
    if (!channel) throw new AppError('CHANNEL_NOT_FOUND', 'You have no channel', 404);
    return channel;
  }

  /**
   * The owner edits the channel. A slug is chosen once (accounts start with a generated one), never a
   * reserved or taken one; a category must exist. Everyone showing the channel hears `channel:updated`.
   */
  async edit(channel: ChannelRow, patch: ChannelUpdate): Promise<ChannelRow> {
    const newSlug = patch.slug !== undefined && patch.slug !== channel.slug ? patch.slug : undefined;
    if (newSlug !== undefined) {
      if (channel.slugChosenAt !== null) throw new ChannelSlugLockedError();
      if (RESERVED_SLUGS.includes(newSlug)) throw new ChannelSlugReservedError(newSlug);
      if (await this.channels.findBySlug(newSlug)) throw new ChannelSlugTakenError(newSlug);
    }
    if (patch.category && !(await this.categories.find(patch.category))) throw new AppError('CATEGORY_NOT_FOUND', `No category "${patch.category}"`, 400);
    const { slug: _slug, ...rest } = patch;
    await this.channels.update(channel.id, {
      ...rest,
      ...(patch.title ? { title: patch.title.trim() } : {}),
      ...(newSlug !== undefined ? { slug: newSlug, slugChosenAt: new Date() } : {}),
    });
    this.events.emit('channel:updated', { channelId: channel.id });
    return this.getBySlug(newSlug ?? channel.slug);
  }

  findByIds(ids: readonly number[]): Promise<ChannelRow[]> {
    return this.channels.findByIds(ids);
  }

  /** A short-lived credential that works as a stream key, so the desktop app never handles the real key. */
  async createPublishToken(channel: ChannelRow): Promise<{ token: string; expiresAt: Date }> {
    const key = generateStreamKey();
    const expiresAt = new Date(Date.now() + this.urls.publishTokenTtlSec * 1000);
    await this.publishTokens.insert({ channelId: channel.id, keyId: key.keyId, tokenHash: key.hash, expiresAt, createdAt: new Date() });
    return { token: key.key.replace(/^live_/, 'pt_'), expiresAt };
  }

  /** Every user has a channel; its slug comes from the nickname when that makes a valid slug. */
  async createForUser(user: { id: number; nickname: string }): Promise<ChannelRow> {
    const fromNick = user.nickname.toLowerCase().replace(/[^a-z0-9_-]/g, '');
    const candidates = [fromNick, `${fromNick}-${randomToken(4).toLowerCase()}`, `ch-${randomToken(8).toLowerCase()}`];
    for (const slug of candidates) {
      if (!Value.Check(SlugSchema, slug) || (await this.channels.findBySlug(slug))) continue;
      return (await this.create({ slug, title: `${user.nickname}의 방송`, ownerId: user.id, withKey: false })).channel;
    }
    return (await this.create({ slug: `ch-${randomToken(12).toLowerCase()}`, title: `${user.nickname}의 방송`, ownerId: user.id, withKey: false })).channel;
  }

  /** Creates a channel with a fresh stream key. */
  async create(input: { slug: string; title?: string | undefined; ownerId?: number | null; withKey?: boolean }): Promise<{ channel: ChannelRow; credentials: ChannelCredentials }> {
    const slug = input.slug.trim().toLowerCase();
    if (!Value.Check(SlugSchema, slug)) throw new ChannelSlugInvalidError(input.slug);
    // The CLI's --title comes here without a route's schema.
    if (input.title !== undefined && !Value.Check(ChannelTitleSchema, input.title)) throw new ChannelTitleInvalidError();
    if (await this.channels.findBySlug(slug)) throw new ChannelSlugTakenError(slug);
    const key = generateStreamKey();
    const now = new Date();
    const channel = await this.channels.insert({
      ownerId: input.ownerId ?? null,
      slug,
      title: input.title?.trim() || slug,
      description: '',
      tags: [],
      language: 'ko',
      category: null,
      playbackId: generatePlaybackId(),
      thumbnailAt: null,
      slugChosenAt: null,
      // Accounts get a key only when the streamer asks for one (dashboard), so none sits unused.
      streamKeyId: input.withKey === false ? null : key.keyId,
      streamKeyHash: input.withKey === false ? null : key.hash,
      live: false,
      liveSince: null,
      liveClientId: null,
      liveNode: null,
      currentSessionId: null,
      graceUntil: null,
      recordVods: true,
      vodRetentionDays: 30,
      ladderEnabled: true,
      playableAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return { channel, credentials: this.credentials(channel, key.key) };
  }

  /** Replaces the stream key; the old one stops resolving at once. Dropping a live stream is the caller's (PublishService) job. */
  async replaceKey(channel: ChannelRow): Promise<ChannelCredentials> {
    const key = generateStreamKey();
    await this.channels.setStreamKey(channel.id, key.keyId, key.hash);
    // Rotation revokes every credential of the channel, publish tokens included.
    await this.publishTokens.revokeChannel(channel.id);
    return this.credentials(channel, key.key);
  }

  /**
   * The channel a presented stream key or publish token belongs to, or null. Constant-time on the
   * secret. A publish token must be unexpired to start a stream (`forStart`); a stream already
   * running on it is not cut when it expires.
   */
  async resolveStreamKey(presented: string, forStart = true): Promise<ChannelRow | null> {
    if (presented.startsWith('pt_')) return this.resolvePublishToken(presented, forStart);
    const parsed = parseStreamKey(presented);
    if (!parsed) return null;
    const channel = await this.channels.findByStreamKeyId(parsed.keyId);
    if (!channel?.streamKeyHash) return null;
    return secretMatches(parsed.secret, channel.streamKeyHash) ? channel : null;
  }

  private async resolvePublishToken(presented: string, forStart: boolean): Promise<ChannelRow | null> {
    const parsed = parseStreamKey(presented.replace(/^pt_/, 'live_'));
    if (!parsed) return null;
    const token = await this.publishTokens.findByKeyId(parsed.keyId);
    if (!token || !secretMatches(parsed.secret, token.tokenHash)) return null;
    if (forStart && new Date(token.expiresAt).getTime() < Date.now()) return null;
    return this.channels.findById(token.channelId);
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
