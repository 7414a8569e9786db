import { In, type DataSource, type Repository } from 'typeorm';
import type { User } from '@lait/shared';
import { UserEntity, type UserRow } from '../../db/entities.js';

export function toUser(row: UserRow): User {
  return { id: row.id, nickname: row.nickname, email: row.email, kakaoLinked: row.kakaoId !== null, createdAt: new Date(row.createdAt).toISOString() };
}

export interface UserProfile {
  nickname: string;
  avatarAt: Date | null;
}

/** The public URL of a user's avatar, versioned by upload time so each version is cacheable. */
export function avatarUrl(userId: number, avatarAt: Date | null): string | null {
  return avatarAt ? `/api/avatars/${userId}.jpg?v=${new Date(avatarAt).getTime()}` : null;
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

  /** Public profiles by user id, in one query (directory cards, nickname search). */
  async profiles(ids: readonly number[]): Promise<Map<number, UserProfile>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.repo.find({ where: { id: In(unique) }, select: { id: true, nickname: true, avatarAt: true } });
    return new Map(rows.map((r) => [r.id, { nickname: r.nickname, avatarAt: r.avatarAt }]));
  }

  async setAvatar(id: number, at: Date): Promise<void> {
    await this.repo.update({ id }, { avatarAt: at });
  }

  findByKakaoId(kakaoId: string) {
    return this.repo.findOneBy({ kakaoId });
  }

  async insert(row: Omit<UserRow, 'id'>): Promise<UserRow> {
    const normalised = { ...row, email: row.email?.toLowerCase() ?? null };
    const result = await this.repo.insert(normalised);
    return { ...normalised, id: result.identifiers[0]?.['id'] as number };
  }

  async linkKakao(id: number, kakaoId: string, emailVerified: boolean): Promise<void> {
    await this.repo.update({ id }, { kakaoId, emailVerified });
  }
}
