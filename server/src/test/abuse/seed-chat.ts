import type { DataSource } from 'typeorm';
import { CHAT_MAX_LENGTH } from '@lait/shared';
import { ChatMessageRepository } from '../../modules/chat/chat-message.repository.js';

/**
 * Writes `count` messages of the longest allowed length straight into a channel's history (ids
 * 1..count): the channel the join amplification attack aims at. Run it before anyone chats there.
 */
export async function seedLongChat(ds: DataSource, channelId: number, userId: number, count: number): Promise<void> {
  const repo = new ChatMessageRepository(ds);
  const text = '라잇 채팅 기록을 길게 채우는 메시지입니다. '.repeat(40).slice(0, CHAT_MAX_LENGTH);
  const at = Date.now() - count * 1000;
  for (let start = 1; start <= count; start += 250) {
    const rows = [];
    for (let id = start; id < Math.min(start + 250, count + 1); id++) {
      rows.push({ channelId, id, userId, nickname: 'seed', role: 'viewer' as const, text, nonce: `seed${id}`, createdAt: new Date(at + id * 1000), deletedAt: null });
    }
    await repo.insertMany(rows);
  }
}
