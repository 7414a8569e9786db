import type { DataSource, Repository } from 'typeorm';
import { StreamSessionEntity, type StreamSessionRow } from '../../db/entities.js';

export type SessionEndReason = 'publisher-stopped' | 'key-rotated' | 'ingest-lost' | 'replaced';

export class SessionRepository {
  private readonly repo: Repository<StreamSessionRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(StreamSessionEntity);
  }

  async start(channelId: number, startedAt: Date, ingestNode: string | null = null): Promise<number> {
    const result = await this.repo.insert({ channelId, startedAt, endedAt: null, peakViewers: 0, endReason: null, ingestNode });
    return result.identifiers[0]?.['id'] as number;
  }

  async end(id: number, reason: SessionEndReason, endedAt = new Date()): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ endedAt, endReason: reason })
      .where('id = :id', { id })
      .andWhere('ended_at IS NULL')
      .execute();
  }

  /** Keeps the highest viewer count seen during the session. */
  async recordViewers(id: number, viewers: number): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ peakViewers: viewers })
      .where('id = :id', { id })
      .andWhere('peak_viewers < :viewers', { viewers })
      .execute();
  }

  findById(id: number): Promise<StreamSessionRow | null> {
    return this.repo.findOneBy({ id });
  }

  listForChannel(channelId: number): Promise<StreamSessionRow[]> {
    return this.repo.find({ where: { channelId }, order: { startedAt: 'DESC' } });
  }
}
