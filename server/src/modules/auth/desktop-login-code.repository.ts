import { IsNull, LessThan, type DataSource, type Repository } from 'typeorm';
import { DesktopLoginCodeEntity, type DesktopLoginCodeRow } from '../../db/entities.js';

export class DesktopLoginCodeRepository {
  private readonly repo: Repository<DesktopLoginCodeRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(DesktopLoginCodeEntity);
  }

  async insert(row: Omit<DesktopLoginCodeRow, 'id'>): Promise<void> {
    // Spent and expired codes are only kept for an hour: long enough to recognise a replay.
    await this.repo.delete({ expiresAt: LessThan(new Date(Date.now() - 3600_000)) });
    await this.repo.insert(row);
  }

  findByHash(codeHash: string): Promise<DesktopLoginCodeRow | null> {
    return this.repo.findOneBy({ codeHash });
  }

  /** Spends the code for `familyId`; false if it already was (a concurrent or replayed exchange). */
  async markUsed(id: number, familyId: string, at: Date): Promise<boolean> {
    const result = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: at, familyId });
    return (result.affected ?? 0) > 0;
  }
}
