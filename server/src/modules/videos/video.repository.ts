import { randomBytes } from 'node:crypto';
import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import { VideoEntity, type VideoRow } from './video.entities.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 14 random base62 characters (~83 bits): public, unguessable, unrelated to any key. */
export function generateVideoId(): string {
  const bytes = randomBytes(14);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export class VideoRepository {
  private readonly repo: Repository<VideoRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(VideoEntity);
  }

  async insert(row: Omit<VideoRow, 'id' | 'createdAt' | 'hidden' | 'storage' | 'durationMs' | 'endedAt' | 'status'>): Promise<VideoRow> {
    const full: VideoRow = { ...row, id: generateVideoId(), endedAt: null, durationMs: 0, status: 'recording', hidden: false, storage: 'local', createdAt: new Date() };
    await this.repo.insert(full);
    return full;
  }

  findById(id: string): Promise<VideoRow | null> {
    return this.repo.findOneBy({ id });
  }

  findBySession(sessionId: number): Promise<VideoRow | null> {
    return this.repo.findOneBy({ sessionId });
  }

  /** Newest first; `withHidden` for the owner. */
  listForChannel(channelId: number, limit: number, withHidden: boolean): Promise<VideoRow[]> {
    return this.repo.find({
      where: withHidden ? { channelId, status: 'ready' } : { channelId, status: 'ready', hidden: false },
      order: { startedAt: 'DESC' },
      take: limit,
    });
  }

  /** Visible ready videos of any of `channelIds`, newest first (followed channels' recent broadcasts). */
  listVisibleForChannels(channelIds: readonly number[], limit: number): Promise<VideoRow[]> {
    if (channelIds.length === 0) return Promise.resolve([]);
    return this.repo.find({
      where: { channelId: In([...channelIds]), status: 'ready', hidden: false },
      order: { startedAt: 'DESC' },
      take: limit,
    });
  }

  /** Ready videos whose files are still only on local disk (to upload). */
  listLocalReady(limit: number): Promise<VideoRow[]> {
    return this.repo.find({ where: { status: 'ready', storage: 'local' }, order: { endedAt: 'ASC' }, take: limit });
  }

  listRecording(): Promise<VideoRow[]> {
    return this.repo.findBy({ status: 'recording' });
  }

  /** Ready videos that ended before `before` (retention candidates of one channel). */
  listEndedBefore(channelId: number, before: Date, limit: number): Promise<VideoRow[]> {
    return this.repo.find({ where: { channelId, status: 'ready', endedAt: LessThan(before) }, take: limit });
  }

  async finish(id: string, endedAt: Date, durationMs: number): Promise<void> {
    await this.repo.update({ id }, { endedAt, durationMs: Math.round(durationMs), status: 'ready' });
  }

  async setHidden(id: string, hidden: boolean): Promise<void> {
    await this.repo.update({ id }, { hidden });
  }

  async setStorage(id: string, storage: VideoRow['storage']): Promise<void> {
    await this.repo.update({ id }, { storage });
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Channels that have ready videos (the retention sweep walks them). */
  async channelIdsWithVideos(): Promise<number[]> {
    const rows = await this.repo.createQueryBuilder('v').select('DISTINCT v.channel_id', 'channelId').where('v.status = :s', { s: 'ready' }).getRawMany<{ channelId: number | string }>();
    return rows.map((r) => Number(r.channelId));
  }
}
