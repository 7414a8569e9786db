import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { DataSource, Repository } from 'typeorm';
import type { Clip } from '@lait/shared';
import { AppError } from '../../errors/app-error.js';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { ChannelService } from '../channels/channel.service.js';
import { parsePlaylist } from '../videos/hls-playlist.js';
import type { RecordingService } from '../videos/recording.service.js';
import { generateVideoId } from '../videos/video.repository.js';
import type { VideoService } from '../videos/video.service.js';
import { ClipEntity, type ClipRow } from './clip.entities.js';
import { ClipFailedError, ClipNotFoundError, ClipUnavailableError } from './clip.errors.js';
import { extractPoster, remuxToMp4 } from './remux.js';

const MAX_CLIP_SEC = 60;

export interface ClipOptions {
  dir: string;
  ffmpegPath: string;
  publicUrl: string;
}

/** Clips cut from the fragments already recorded (live) or kept (VOD): a remux, never an encode. */
export class ClipService {
  private readonly repo: Repository<ClipRow>;

  constructor(
    ds: DataSource,
    private readonly channels: ChannelRepository,
    private readonly channelService: ChannelService,
    private readonly recording: RecordingService,
    private readonly videos: VideoService,
    private readonly opts: ClipOptions,
  ) {
    this.repo = ds.getRepository(ClipEntity);
  }

  fileOf(id: string): string {
    return path.join(this.opts.dir, `${id}.mp4`);
  }

  /** The clip's poster (its first frame as a JPEG) for og:image; absent when ffmpeg could not make it. */
  posterOf(id: string): string {
    return path.join(this.opts.dir, `${id}.jpg`);
  }

  async createLive(slug: string, userId: number, seconds: number): Promise<Clip> {
    const channel = await this.channelService.getBySlug(slug);
    if (!channel.live || channel.graceUntil !== null || channel.currentSessionId === null) throw new ClipUnavailableError('The channel is not live');
    const tail = this.recording.liveTail(channel.currentSessionId, seconds);
    if (!tail || tail.files.length === 0) throw new ClipUnavailableError('This broadcast is not being recorded, so there is nothing to clip');
    return this.make(channel, null, userId, tail.files, tail.durationSec);
  }

  async createFromVideo(videoId: string, userId: number, start: number, end: number): Promise<Clip> {
    if (end <= start || end - start > MAX_CLIP_SEC) throw new AppError('VALIDATION_FAILED', `A clip is 1-${MAX_CLIP_SEC} s: end must be after start`, 400);
    const { row, channel } = await this.videos.getPublic(videoId);
    const dir = this.recording.dirOf(row.id);
    const media = existsSync(path.join(dir, '0', 'index.m3u8')) ? path.join(dir, '0') : dir;
    const text = await readFile(path.join(media, 'index.m3u8'), 'utf8').catch(() => null);
    const playlist = text ? parsePlaylist(text) : null;
    if (!playlist || playlist.kind !== 'media') throw new ClipUnavailableError('This video is not on this server’s disk (moved to object storage)');
    const files: string[] = [];
    let at = 0;
    let duration = 0;
    for (const s of playlist.segments) {
      if (at + s.durationSec > start && at < end) {
        files.push(path.join(media, s.uri));
        duration += s.durationSec;
      }
      at += s.durationSec;
    }
    if (files.length === 0) throw new ClipUnavailableError('The range is outside the video');
    return this.make(channel, row.id, userId, files, duration);
  }

  /** A channel's clips, newest first. */
  async listForChannel(slug: string, limit: number): Promise<Clip[]> {
    const channel = await this.channelService.getBySlug(slug);
    const rows = await this.repo.find({ where: { channelId: channel.id }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map((row) => this.toClip(row, channel));
  }

  async get(id: string): Promise<Clip> {
    const row = await this.repo.findOneBy({ id });
    const channel = row ? await this.channels.findById(row.channelId) : null;
    if (!row || !channel) throw new ClipNotFoundError();
    return this.toClip(row, channel);
  }

  /** The streamer deletes any clip of their channel; whoever made a clip may delete it too. */
  async delete(id: string, userId: number): Promise<void> {
    const row = await this.repo.findOneBy({ id });
    const channel = row ? await this.channels.findById(row.channelId) : null;
    if (!row || !channel) throw new ClipNotFoundError();
    if (channel.ownerId !== userId && row.createdBy !== userId) throw new AppError('FORBIDDEN', 'Only the streamer can delete clips of this channel', 403);
    await rm(this.fileOf(id), { force: true });
    await rm(this.posterOf(id), { force: true });
    await this.repo.delete({ id });
  }

  private async make(channel: ChannelRow, videoId: string | null, userId: number, files: string[], durationSec: number): Promise<Clip> {
    const id = generateVideoId();
    await mkdir(this.opts.dir, { recursive: true });
    try {
      await remuxToMp4(this.opts.ffmpegPath, files, this.fileOf(id));
    } catch (err) {
      await rm(this.fileOf(id), { force: true });
      throw new ClipFailedError((err as Error).message.split('\n')[0] ?? 'ffmpeg');
    }
    // A share without a picture still works: the poster is best effort.
    await extractPoster(this.opts.ffmpegPath, this.fileOf(id), this.posterOf(id)).catch(() => rm(this.posterOf(id), { force: true }));
    const row: ClipRow = { id, channelId: channel.id, videoId, createdBy: userId, title: channel.title, durationMs: Math.round(durationSec * 1000), createdAt: new Date() };
    await this.repo.insert(row);
    return this.toClip(row, channel);
  }

  toClip(row: ClipRow, channel: Pick<ChannelRow, 'slug' | 'title'>): Clip {
    return {
      id: row.id,
      url: `/clips/${row.id}.mp4`,
      shareUrl: `${this.opts.publicUrl}/clip/${row.id}`,
      durationSec: Math.round(row.durationMs / 100) / 10,
      title: row.title,
      channel: { slug: channel.slug, title: channel.title },
      videoId: row.videoId,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}
