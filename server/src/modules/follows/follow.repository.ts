import { In, type DataSource, type Repository } from 'typeorm';
import { FollowEntity, type FollowRow } from '../../db/entities.js';

export class FollowRepository {
  private readonly repo: Repository<FollowRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(FollowEntity);
  }

  /** Idempotent: following twice keeps the first follow's date (it counts for followers-only chat). */
  async follow(userId: number, channelId: number): Promise<void> {
    await this.repo.createQueryBuilder().insert().values({ userId, channelId, createdAt: new Date() }).orIgnore().execute();
  }

  async unfollow(userId: number, channelId: number): Promise<void> {
    await this.repo.delete({ userId, channelId });
  }

  find(userId: number, channelId: number): Promise<FollowRow | null> {
    return this.repo.findOneBy({ userId, channelId });
  }

  async counts(channelIds: readonly number[]): Promise<Map<number, number>> {
    if (channelIds.length === 0) return new Map();
    const rows = await this.repo
      .createQueryBuilder('f')
      .select('f.channel_id', 'channelId')
      .addSelect('COUNT(*)', 'n')
      .where({ channelId: In([...channelIds]) })
      .groupBy('f.channel_id')
      .getRawMany<{ channelId: number; n: string | number }>();
    return new Map(rows.map((r) => [Number(r.channelId), Number(r.n)]));
  }

  async followedChannelIds(userId: number): Promise<number[]> {
    const rows = await this.repo.find({ where: { userId }, order: { createdAt: 'DESC' } });
    return rows.map((r) => r.channelId);
  }
}
