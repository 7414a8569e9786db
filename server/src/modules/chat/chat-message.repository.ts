import type { DataSource, Repository } from 'typeorm';
import type { ChatMessage } from '@lait/shared';
import { ChatMessageEntity, type ChatMessageRow } from './chat.entities.js';

/** Messages as stored; a message is acknowledged only after `insertMany` resolved. */
export class ChatMessageRepository {
  private readonly repo: Repository<ChatMessageRow>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(ChatMessageEntity);
  }

  /** One multi-row INSERT per tick; updateEntity(false) keeps TypeORM from reading rows back. */
  async insertMany(rows: ChatMessageRow[]): Promise<void> {
    await this.repo.createQueryBuilder().insert().values(rows).updateEntity(false).execute();
  }

  findByNonce(channelId: number, userId: number, nonce: string): Promise<ChatMessageRow | null> {
    return this.repo.findOneBy({ channelId, userId, nonce });
  }

  async maxId(channelId: number): Promise<number> {
    const row = await this.repo
      .createQueryBuilder('m')
      .select('MAX(m.id)', 'max')
      .where('m.channel_id = :channelId', { channelId })
      .getRawOne<{ max: string | number | null }>();
    return Number(row?.max ?? 0);
  }

  /** The newest `limit` visible messages after `sinceId`, oldest first (a re-join after an absence). */
  async latestAfter(channelId: number, sinceId: number, limit: number): Promise<ChatMessageRow[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .where('m.channel_id = :channelId AND m.id > :sinceId AND m.deleted_at IS NULL', { channelId, sinceId })
      .orderBy('m.id', 'DESC')
      .take(limit)
      .getMany();
    return rows.reverse();
  }

  /** The `limit` visible messages just before `beforeId`, oldest first (scrolling up). */
  async before(channelId: number, beforeId: number, limit: number): Promise<ChatMessageRow[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .where('m.channel_id = :channelId AND m.id < :beforeId AND m.deleted_at IS NULL', { channelId, beforeId })
      .orderBy('m.id', 'DESC')
      .take(limit)
      .getMany();
    return rows.reverse();
  }

  /** The latest visible messages, oldest first. */
  async recent(channelId: number, limit: number): Promise<ChatMessageRow[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .where('m.channel_id = :channelId AND m.deleted_at IS NULL', { channelId })
      .orderBy('m.id', 'DESC')
      .take(limit)
      .getMany();
    return rows.reverse();
  }

  async markDeleted(channelId: number, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ deletedAt: new Date() })
      .where('channel_id = :channelId AND id IN (:...ids) AND deleted_at IS NULL', { channelId, ids })
      .execute();
  }

  /** Deletes a user's visible messages (ban, timeout) and returns their ids. */
  async deleteByUser(channelId: number, userId: number, since: Date): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.channel_id = :channelId AND m.user_id = :userId AND m.created_at >= :since AND m.deleted_at IS NULL', { channelId, userId, since })
      .getRawMany<{ id: string | number }>();
    const ids = rows.map((r) => Number(r.id));
    await this.markDeleted(channelId, ids);
    return ids.map(String);
  }

  async clear(channelId: number): Promise<void> {
    await this.repo.createQueryBuilder().update().set({ deletedAt: new Date() }).where('channel_id = :channelId AND deleted_at IS NULL', { channelId }).execute();
  }
}

export function toChatMessage(row: ChatMessageRow, slug: string): ChatMessage {
  return {
    id: String(row.id),
    channel: slug,
    user: { id: row.userId, nickname: row.nickname, role: row.role },
    text: row.text,
    createdAt: new Date(row.createdAt).toISOString(),
    nonce: row.nonce,
  };
}

/** MySQL ER_DUP_ENTRY or SQLite's UNIQUE/PRIMARY KEY constraint. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || (e.driverError?.errno ?? e.errno) === 1062;
}
