import { EntitySchema } from 'typeorm';
import type { ChatRole } from '@lait/shared';

/**
 * Chat rows. `id` of a message is a per-channel sequence (not auto-increment) so that ids are
 * ordered within a channel across server processes; it is stored as BIGINT, which MySQL hands
 * back as a string and SQLite as a number: callers normalise with String()/Number().
 */
export interface ChatMessageRow {
  channelId: number;
  id: string | number;
  userId: number;
  /** Nickname and role at send time, so history needs no join. */
  nickname: string;
  role: ChatRole;
  text: string;
  nonce: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export interface ChatSettingsRow {
  channelId: number;
  slowModeSec: number;
  followersOnlyMin: number | null;
  filterMode: 'mask' | 'block';
  updatedAt: Date;
}

export interface ChatBanRow {
  channelId: number;
  userId: number;
  bannedBy: number | null;
  createdAt: Date;
}

export interface ChatTimeoutRow {
  id: number;
  channelId: number;
  userId: number;
  seconds: number;
  until: Date;
  createdBy: number | null;
  createdAt: Date;
}

export interface ChatModeratorRow {
  channelId: number;
  userId: number;
  createdAt: Date;
}

export interface ChatWordRow {
  channelId: number;
  word: string;
  createdAt: Date;
}

const channelId = { name: 'channel_id', type: 'integer', primary: true } as const;
const userId = { name: 'user_id', type: 'integer', primary: true } as const;
const createdAt = { name: 'created_at', type: 'datetime', precision: 3 } as const;

export const ChatMessageEntity = new EntitySchema<ChatMessageRow>({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  columns: {
    channelId,
    id: { type: 'bigint', primary: true },
    userId: { name: 'user_id', type: 'integer' },
    nickname: { type: 'varchar', length: 32 },
    role: { type: 'varchar', length: 16 },
    text: { type: 'varchar', length: 2000 },
    nonce: { type: 'varchar', length: 64 },
    createdAt,
    deletedAt: { name: 'deleted_at', type: 'datetime', precision: 3, nullable: true },
  },
});

export const ChatSettingsEntity = new EntitySchema<ChatSettingsRow>({
  name: 'ChatSettings',
  tableName: 'chat_settings',
  columns: {
    channelId,
    slowModeSec: { name: 'slow_mode_sec', type: 'integer' },
    followersOnlyMin: { name: 'followers_only_min', type: 'integer', nullable: true },
    filterMode: { name: 'filter_mode', type: 'varchar', length: 8 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});

export const ChatBanEntity = new EntitySchema<ChatBanRow>({
  name: 'ChatBan',
  tableName: 'chat_bans',
  columns: { channelId, userId, bannedBy: { name: 'banned_by', type: 'integer', nullable: true }, createdAt },
});

export const ChatTimeoutEntity = new EntitySchema<ChatTimeoutRow>({
  name: 'ChatTimeout',
  tableName: 'chat_timeouts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    channelId: { name: 'channel_id', type: 'integer' },
    userId: { name: 'user_id', type: 'integer' },
    seconds: { type: 'integer' },
    until: { name: 'until_at', type: 'datetime', precision: 3 },
    createdBy: { name: 'created_by', type: 'integer', nullable: true },
    createdAt,
  },
});

export const ChatModeratorEntity = new EntitySchema<ChatModeratorRow>({
  name: 'ChatModerator',
  tableName: 'chat_moderators',
  columns: { channelId, userId, createdAt },
});

export const ChatWordEntity = new EntitySchema<ChatWordRow>({
  name: 'ChatWord',
  tableName: 'chat_words',
  columns: { channelId, word: { type: 'varchar', length: 64, primary: true }, createdAt },
});

export const chatEntities = [ChatMessageEntity, ChatSettingsEntity, ChatBanEntity, ChatTimeoutEntity, ChatModeratorEntity, ChatWordEntity];
