import { EntitySchema } from 'typeorm';
import { chatEntities } from '../modules/chat/chat.entities.js';
import { VideoEntity } from '../modules/videos/video.entities.js';
import { ClipEntity } from '../modules/clips/clip.entities.js';

/*
 * Entities are declared with EntitySchema rather than decorators: no reflect-metadata,
 * no experimentalDecorators, and the row types stay plain interfaces.
 * Timestamps are stored as DATETIME(3)/TEXT and always handled as UTC Date objects.
 */

export interface UserRow {
  id: number;
  email: string | null;
  nickname: string;
  passwordHash: string | null;
  kakaoId: string | null;
  /** Proven to belong to this user (Kakao said so); only such an email lets a Kakao login link the account. */
  emailVerified: boolean;
  /** When the current avatar was uploaded (its URL carries it as a version); null without one. */
  avatarAt: Date | null;
  createdAt: Date;
}

export interface ChannelRow {
  id: number;
  ownerId: number | null;
  slug: string;
  title: string;
  description: string;
  /** JSON array of strings. */
  tags: string[];
  language: string;
  category: string | null;
  playbackId: string;
  /** When the last thumbnail was taken; null before the first live. */
  thumbnailAt: Date | null;
  /** When the streamer picked the slug themselves (allowed once); null while it is the generated one. */
  slugChosenAt: Date | null;
  /** Public half of the stream key, used to find the row; the secret half is only stored hashed. */
  streamKeyId: string | null;
  streamKeyHash: string | null;
  live: boolean;
  liveSince: Date | null;
  /** nginx's client id of the live publisher, so publish-done and update find the channel after a key rotation. */
  liveClientId: string | null;
  /** The ingest node that holds the live stream (`ingest-0`, …); null for a single node or offline. */
  liveNode: string | null;
  currentSessionId: number | null;
  /** Set while the publisher is gone but the broadcast waits for it (be right back); null otherwise. */
  graceUntil: Date | null;
  /** Keep every broadcast as a VOD. */
  recordVods: boolean;
  /** VODs older than this many days are deleted. */
  vodRetentionDays: number;
  /** The ingest may transcode lower rungs (adaptive quality) for this channel. */
  ladderEnabled: boolean;
  /**
   * When the live stream's playlist first answered 200 on its node; null while offline or only
   * publishing (accepted, no playlist yet). Viewers see the channel live only once it is set.
   */
  playableAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StreamSessionRow {
  id: number;
  channelId: number;
  startedAt: Date;
  endedAt: Date | null;
  peakViewers: number;
  endReason: string | null;
  /** The ingest node that carried the session; null for a single node. */
  ingestNode: string | null;
}

const id = { type: 'integer', primary: true, generated: 'increment' } as const;

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id,
    email: { type: 'varchar', length: 254, nullable: true, unique: true },
    nickname: { type: 'varchar', length: 32, unique: true },
    passwordHash: { name: 'password_hash', type: 'varchar', length: 255, nullable: true },
    kakaoId: { name: 'kakao_id', type: 'varchar', length: 64, nullable: true, unique: true },
    emailVerified: { name: 'email_verified', type: 'boolean', default: false },
    avatarAt: { name: 'avatar_at', type: 'datetime', precision: 3, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});

export const ChannelEntity = new EntitySchema<ChannelRow>({
  name: 'Channel',
  tableName: 'channels',
  columns: {
    id,
    ownerId: { name: 'owner_id', type: 'integer', nullable: true },
    slug: { type: 'varchar', length: 32, unique: true },
    title: { type: 'varchar', length: 140 },
    description: { type: 'varchar', length: 2000, default: '' },
    tags: { type: 'simple-json', default: '[]' },
    language: { type: 'varchar', length: 8, default: 'ko' },
    category: { type: 'varchar', length: 64, nullable: true },
    playbackId: { name: 'playback_id', type: 'varchar', length: 32, unique: true },
    thumbnailAt: { name: 'thumbnail_at', type: 'datetime', precision: 3, nullable: true },
    slugChosenAt: { name: 'slug_chosen_at', type: 'datetime', precision: 3, nullable: true },
    streamKeyId: { name: 'stream_key_id', type: 'varchar', length: 16, nullable: true, unique: true },
    streamKeyHash: { name: 'stream_key_hash', type: 'varchar', length: 64, nullable: true },
    live: { type: 'boolean', default: false },
    liveSince: { name: 'live_since', type: 'datetime', precision: 3, nullable: true },
    liveClientId: { name: 'live_client_id', type: 'varchar', length: 32, nullable: true },
    liveNode: { name: 'live_node', type: 'varchar', length: 16, nullable: true },
    currentSessionId: { name: 'current_session_id', type: 'integer', nullable: true },
    graceUntil: { name: 'grace_until', type: 'datetime', precision: 3, nullable: true },
    recordVods: { name: 'record_vods', type: 'boolean', default: true },
    vodRetentionDays: { name: 'vod_retention_days', type: 'integer', default: 30 },
    ladderEnabled: { name: 'ladder_enabled', type: 'boolean', default: true },
    playableAt: { name: 'playable_at', type: 'datetime', precision: 3, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});

export const StreamSessionEntity = new EntitySchema<StreamSessionRow>({
  name: 'StreamSession',
  tableName: 'stream_sessions',
  columns: {
    id,
    channelId: { name: 'channel_id', type: 'integer' },
    startedAt: { name: 'started_at', type: 'datetime', precision: 3 },
    endedAt: { name: 'ended_at', type: 'datetime', precision: 3, nullable: true },
    peakViewers: { name: 'peak_viewers', type: 'integer', default: 0 },
    endReason: { name: 'end_reason', type: 'varchar', length: 32, nullable: true },
    ingestNode: { name: 'ingest_node', type: 'varchar', length: 16, nullable: true },
  },
  indices: [{ name: 'idx_sessions_channel', columns: ['channelId', 'startedAt'] }],
});

export interface RefreshTokenRow {
  id: number;
  userId: number;
  /** Every token descending from one login shares a family; reuse of a spent token revokes it whole. */
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export const RefreshTokenEntity = new EntitySchema<RefreshTokenRow>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  columns: {
    id,
    userId: { name: 'user_id', type: 'integer' },
    familyId: { name: 'family_id', type: 'varchar', length: 32 },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64, unique: true },
    expiresAt: { name: 'expires_at', type: 'datetime', precision: 3 },
    usedAt: { name: 'used_at', type: 'datetime', precision: 3, nullable: true },
    revokedAt: { name: 'revoked_at', type: 'datetime', precision: 3, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});

export interface CategoryRow {
  slug: string;
  nameKo: string;
  nameEn: string;
  sortOrder: number;
}

export const CategoryEntity = new EntitySchema<CategoryRow>({
  name: 'Category',
  tableName: 'categories',
  columns: {
    slug: { type: 'varchar', length: 32, primary: true },
    nameKo: { name: 'name_ko', type: 'varchar', length: 64 },
    nameEn: { name: 'name_en', type: 'varchar', length: 64 },
    sortOrder: { name: 'sort_order', type: 'integer', default: 0 },
  },
});

export interface FollowRow {
  userId: number;
  channelId: number;
  createdAt: Date;
}

export const FollowEntity = new EntitySchema<FollowRow>({
  name: 'Follow',
  tableName: 'follows',
  columns: {
    userId: { name: 'user_id', type: 'integer', primary: true },
    channelId: { name: 'channel_id', type: 'integer', primary: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});

export interface PublishTokenRow {
  id: number;
  channelId: number;
  keyId: string;
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
}

export const PublishTokenEntity = new EntitySchema<PublishTokenRow>({
  name: 'PublishToken',
  tableName: 'publish_tokens',
  columns: {
    id,
    channelId: { name: 'channel_id', type: 'integer' },
    keyId: { name: 'key_id', type: 'varchar', length: 16, unique: true },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64 },
    expiresAt: { name: 'expires_at', type: 'datetime', precision: 3 },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});

export interface DesktopLoginCodeRow {
  id: number;
  /** SHA-256 of the one-time code the loopback redirect carries. */
  codeHash: string;
  userId: number;
  /** BASE64URL(SHA-256(verifier)) the desktop app sent when it started (RFC 7636 S256). */
  challenge: string;
  expiresAt: Date;
  usedAt: Date | null;
  /** The refresh family the exchange started: revoked if the code is presented again (RFC 6749 §4.1.2). */
  familyId: string | null;
  createdAt: Date;
}

export const DesktopLoginCodeEntity = new EntitySchema<DesktopLoginCodeRow>({
  name: 'DesktopLoginCode',
  tableName: 'desktop_login_codes',
  columns: {
    id,
    codeHash: { name: 'code_hash', type: 'varchar', length: 64, unique: true },
    userId: { name: 'user_id', type: 'integer' },
    challenge: { type: 'varchar', length: 64 },
    expiresAt: { name: 'expires_at', type: 'datetime', precision: 3 },
    usedAt: { name: 'used_at', type: 'datetime', precision: 3, nullable: true },
    familyId: { name: 'family_id', type: 'varchar', length: 32, nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
});

export const entities = [
  UserEntity, ChannelEntity, StreamSessionEntity, RefreshTokenEntity, CategoryEntity, FollowEntity, PublishTokenEntity, DesktopLoginCodeEntity,
  ...chatEntities,
  VideoEntity,
  ClipEntity,
];
