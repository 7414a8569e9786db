import type { DataSource } from 'typeorm';
import type { ReplayMessage } from '@lait/shared';
import { ChatMessageEntity, type ChatMessageRow } from '../chat/chat.entities.js';

const MAX_MESSAGES = 500;

/** Chat of a past broadcast, read back at its offsets. */
export class VideoChatRepository {
  constructor(private readonly ds: DataSource) {}

  /** Visible messages sent between `from` and `to` (Dates); deleted ones and banned users' are left out. */
  async between(channelId: number, startedAt: Date, from: Date, to: Date): Promise<ReplayMessage[]> {
    const rows = await this.ds
      .getRepository(ChatMessageEntity)
      .createQueryBuilder('m')
      .where('m.channel_id = :channelId', { channelId })
      .andWhere('m.created_at >= :from AND m.created_at <= :to', { from, to })
      .andWhere('m.deleted_at IS NULL')
      // Messages of users banned from the channel stay hidden in replays, as they were removed live.
      .andWhere('NOT EXISTS (SELECT 1 FROM chat_bans b WHERE b.channel_id = m.channel_id AND b.user_id = m.user_id)')
      .orderBy('m.id', 'ASC')
      .limit(MAX_MESSAGES)
      .getMany();
    return rows.map((r: ChatMessageRow) => ({
      id: String(r.id),
      nickname: r.nickname,
      role: r.role,
      text: r.text,
      offsetSec: Math.max(0, (new Date(r.createdAt).getTime() - startedAt.getTime()) / 1000),
    }));
  }
}
