import type { DataSource, Repository } from 'typeorm';
import type { User } from '@lait/shared';
import { UserEntity, type UserRow } from '../../db/entities.js';

export function toUser(row: UserRow): User {
  return { id: row.id, nickname: row.nickname, email: row.email, kakaoLinked: row.kakaoId !== null, createdAt: new Date(row.createdAt).toISOString() };
}

export class UserRepository {
  private readonly repo: Repository<UserRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(UserEntity);
  }

  findById(id: number) {
    return this.repo.findOneBy({ id });
  }

  findByEmail(email: string) {
    return this.repo.findOneBy({ email: email.toLowerCase() });
  }

  findByNickname(nickname: string) {
    return this.repo.findOneBy({ nickname });
  }

  findByKakaoId(kakaoId: string) {
    return this.repo.findOneBy({ kakaoId });
  }

  async insert(row: Omit<UserRow, 'id'>): Promise<UserRow> {
    const normalised = { ...row, email: row.email?.toLowerCase() ?? null };
    const result = await this.repo.insert(normalised);
    return { ...normalised, id: result.identifiers[0]?.['id'] as number };
  }

  async linkKakao(id: number, kakaoId: string): Promise<void> {
    await this.repo.update({ id }, { kakaoId });
  }
}
