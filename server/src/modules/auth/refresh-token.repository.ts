import type { DataSource, Repository } from 'typeorm';
import { IsNull, MoreThan } from 'typeorm';
import { RefreshTokenEntity, type RefreshTokenRow } from '../../db/entities.js';

export class RefreshTokenRepository {
  private readonly repo: Repository<RefreshTokenRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(RefreshTokenEntity);
  }

  findByHash(tokenHash: string) {
    return this.repo.findOneBy({ tokenHash });
  }

  async insert(row: Omit<RefreshTokenRow, 'id'>): Promise<void> {
    await this.repo.insert(row);
  }

  /** Marks the token spent; false if it already was (a concurrent or replayed refresh). */
  async markUsed(id: number, at: Date): Promise<boolean> {
    const result = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** True while the family has a token that is neither revoked nor expired (spent ones count: they were rotated). */
  async isFamilyActive(familyId: string, userId: number, now = new Date()): Promise<boolean> {
    return this.repo.existsBy({ familyId, userId, revokedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async revokeFamily(familyId: string, at = new Date()): Promise<void> {
    await this.repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeUser(userId: number, at = new Date()): Promise<void> {
    await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
