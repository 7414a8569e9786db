import { LessThan, type DataSource, type Repository } from 'typeorm';
import { PublishTokenEntity, type PublishTokenRow } from '../../db/entities.js';

export class PublishTokenRepository {
  private readonly repo: Repository<PublishTokenRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(PublishTokenEntity);
  }

  async insert(row: Omit<PublishTokenRow, 'id'>): Promise<void> {
    // Expired tokens are only kept until the next one is made.
    await this.repo.delete({ channelId: row.channelId, expiresAt: LessThan(new Date(Date.now() - 3600_000)) });
    await this.repo.insert(row);
  }

  findByKeyId(keyId: string): Promise<PublishTokenRow | null> {
    return this.repo.findOneBy({ keyId });
  }

  async revokeChannel(channelId: number): Promise<void> {
    await this.repo.delete({ channelId });
  }
}
