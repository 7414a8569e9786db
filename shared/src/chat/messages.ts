import { Type, type Static } from '@sinclair/typebox';
import { SlugSchema } from '../http/channels.js';

export const ChatRoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('moderator'), Type.Literal('streamer')]);
export type ChatRole = Static<typeof ChatRoleSchema>;

export const ChatUserSchema = Type.Object({ id: Type.Integer(), nickname: Type.String(), role: ChatRoleSchema });
export type ChatUser = Static<typeof ChatUserSchema>;

/** Longest message after trimming, in characters (code points). */
export const CHAT_MAX_LENGTH = 500;

/**
 * A chat message. `id` is a decimal string of a per-channel sequence: ids only grow within a
 * channel (across server processes too), so clients order and de-duplicate by it.
 */
export const ChatMessageSchema = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,20}$' }),
  channel: Type.String(),
  user: ChatUserSchema,
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  nonce: Type.String(),
});
export type ChatMessage = Static<typeof ChatMessageSchema>;

export const ChatSettingsSchema = Type.Object({
  /** Seconds a viewer waits between messages; 0 is off. */
  slowModeSec: Type.Integer({ minimum: 0, maximum: 3600 }),
  /** Minimum follow age in minutes to chat; null is off (0 means any follower). */
  followersOnlyMin: Type.Union([Type.Integer({ minimum: 0, maximum: 129_600 }), Type.Null()]),
  /** What the channel's own word list does: mask the words or block the message. */
  filterMode: Type.Union([Type.Literal('mask'), Type.Literal('block')]),
});
export type ChatSettings = Static<typeof ChatSettingsSchema>;

export const ChatChannelRefSchema = Type.Object({ channel: SlugSchema }, { additionalProperties: false });
export type ChatChannelRef = Static<typeof ChatChannelRefSchema>;

export const ChatJoinSchema = Type.Object(
  {
    channel: SlugSchema,
    /** The last message id this client has: on reconnect the answer's history holds exactly what came after it. */
    sinceId: Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$' })),
  },
  { additionalProperties: false },
);
export type ChatJoin = Static<typeof ChatJoinSchema>;

export const ChatJoinResultSchema = Type.Object({
  history: Type.Array(ChatMessageSchema),
  viewerCount: Type.Integer({ minimum: 0 }),
  settings: ChatSettingsSchema,
  /** The caller's role here, or null when reading anonymously. */
  role: Type.Union([ChatRoleSchema, Type.Null()]),
});
export type ChatJoinResult = Static<typeof ChatJoinResultSchema>;

export const ChatSendSchema = Type.Object(
  {
    channel: SlugSchema,
    /** Checked for 1-500 characters after trimming by the server (CHAT_EMPTY / CHAT_TOO_LONG). */
    text: Type.String({ maxLength: 4000 }),
    /** Client-chosen; resending the same nonce never duplicates the message. */
    nonce: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { additionalProperties: false },
);
export type ChatSend = Static<typeof ChatSendSchema>;

export const ChatSendResultSchema = Type.Object({ id: Type.String(), text: Type.String({ description: 'as stored (masked if the filter masked it)' }) });
export type ChatSendResult = Static<typeof ChatSendResultSchema>;

export const ChatDeleteSchema = Type.Object({ channel: SlugSchema, messageId: Type.String({ pattern: '^[0-9]{1,20}$' }) }, { additionalProperties: false });
export type ChatDelete = Static<typeof ChatDeleteSchema>;

export const ChatTimeoutSchema = Type.Object(
  { channel: SlugSchema, userId: Type.Integer({ minimum: 1 }), seconds: Type.Integer({ minimum: 1, maximum: 1_209_600 }) },
  { additionalProperties: false },
);
export type ChatTimeout = Static<typeof ChatTimeoutSchema>;

export const ChatUserRefSchema = Type.Object({ channel: SlugSchema, userId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type ChatUserRef = Static<typeof ChatUserRefSchema>;

export const ChatModeratorSchema = Type.Object(
  { channel: SlugSchema, userId: Type.Integer({ minimum: 1 }), moderator: Type.Boolean() },
  { additionalProperties: false },
);
export type ChatModerator = Static<typeof ChatModeratorSchema>;

export const ChatSettingsUpdateSchema = Type.Object(
  {
    channel: SlugSchema,
    slowModeSec: Type.Optional(ChatSettingsSchema.properties.slowModeSec),
    followersOnlyMin: Type.Optional(ChatSettingsSchema.properties.followersOnlyMin),
    filterMode: Type.Optional(ChatSettingsSchema.properties.filterMode),
  },
  { additionalProperties: false },
);
export type ChatSettingsUpdate = Static<typeof ChatSettingsUpdateSchema>;

export const ChatNoticeSchema = Type.Object({
  channel: Type.String(),
  /** e.g. USER_TIMED_OUT, USER_BANNED, SLOW_MODE_ON, STREAM_ENDED: clients render it in their language. */
  code: Type.String(),
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
});
export type ChatNotice = Static<typeof ChatNoticeSchema>;
