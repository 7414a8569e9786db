import { Type, type Static } from '@sinclair/typebox';
import { SlugSchema } from '../http/channels.js';
import { PLAIN_TEXT_PATTERN } from '../text/plain-text.js';

export const ChatRoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('moderator'), Type.Literal('streamer')]);
export type ChatRole = Static<typeof ChatRoleSchema>;

export const ChatUserSchema = Type.Object({ id: Type.Integer(), nickname: Type.String(), role: ChatRoleSchema });
export type ChatUser = Static<typeof ChatUserSchema>;

/** Longest message after trimming, in characters (code points). */
export const CHAT_MAX_LENGTH = 500;

/** Most messages one join or one `chat:history` answer carries; older ones are fetched page by page. */
export const CHAT_PAGE_SIZE = 100;

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

/**
 * Why a signed-in viewer may read a chat but not write in it, told on join so the page can say so
 * before they type: banned, or timed out until a moment (the client counts down to it).
 */
export const ChatRestrictionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('banned') }),
  Type.Object({ kind: Type.Literal('timedOut'), until: Type.String({ format: 'date-time' }) }),
]);
export type ChatRestriction = Static<typeof ChatRestrictionSchema>;

export const ChatJoinResultSchema = Type.Object({
  /** The newest messages (after `sinceId` when given), oldest first, at most CHAT_PAGE_SIZE. */
  history: Type.Array(ChatMessageSchema),
  /** Older messages exist before `history[0]` (after `sinceId`, on a re-join): fetch them with `chat:history`. */
  hasMore: Type.Boolean(),
  viewerCount: Type.Integer({ minimum: 0 }),
  settings: ChatSettingsSchema,
  /** The caller's role here, or null when reading anonymously. */
  role: Type.Union([ChatRoleSchema, Type.Null()]),
  /** Null when the caller may write (or reads anonymously). */
  restriction: Type.Union([ChatRestrictionSchema, Type.Null()]),
});
export type ChatJoinResult = Static<typeof ChatJoinResultSchema>;

export const ChatSendSchema = Type.Object(
  {
    channel: SlugSchema,
    /**
     * Checked for 1-500 characters after trimming by the server (CHAT_EMPTY / CHAT_TOO_LONG). One
     * line: controls (newlines too), bidi overrides and lone surrogates are refused here (issue 9).
     */
    text: Type.String({ maxLength: 4000, pattern: PLAIN_TEXT_PATTERN }),
    /** Client-chosen; resending the same nonce never duplicates the message. */
    nonce: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { additionalProperties: false },
);
export type ChatSend = Static<typeof ChatSendSchema>;

/** Older history of a joined channel, page by page as the reader scrolls up. */
export const ChatHistorySchema = Type.Object(
  {
    channel: SlugSchema,
    /** Messages with smaller ids than this one. */
    beforeId: Type.String({ pattern: '^[0-9]{1,20}$' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CHAT_PAGE_SIZE })),
  },
  { additionalProperties: false },
);
export type ChatHistory = Static<typeof ChatHistorySchema>;

export const ChatHistoryResultSchema = Type.Object({
  /** Oldest first, ending just before `beforeId`. */
  messages: Type.Array(ChatMessageSchema),
  /** Still older messages exist. */
  hasMore: Type.Boolean(),
});
export type ChatHistoryResult = Static<typeof ChatHistoryResultSchema>;

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

/**
 * The notices the server sends; clients render each in their language from its code.
 * A closed list: a new notice is added here first, then in both apps' dictionaries.
 */
export const ChatNoticeCodeSchema = Type.Union([
  Type.Literal('USER_TIMED_OUT'),
  Type.Literal('USER_BANNED'),
  Type.Literal('USER_UNBANNED'),
  Type.Literal('MODERATOR_ADDED'),
  Type.Literal('MODERATOR_REMOVED'),
  Type.Literal('STREAM_ENDED'),
]);
export type ChatNoticeCode = Static<typeof ChatNoticeCodeSchema>;

export const ChatNoticeSchema = Type.Object({
  channel: Type.String(),
  code: ChatNoticeCodeSchema,
  /** English fallback for a client that does not know the code yet. */
  message: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
});
export type ChatNotice = Static<typeof ChatNoticeSchema>;

/** `chat:deleted`: messages a moderator removed. */
export const ChatDeletedSchema = Type.Object({ channel: Type.String(), ids: Type.Array(Type.String()) });
export type ChatDeleted = Static<typeof ChatDeletedSchema>;

/** `chat:cleared`: a moderator cleared the whole chat. */
export const ChatClearedSchema = Type.Object({ channel: Type.String() });
export type ChatCleared = Static<typeof ChatClearedSchema>;

/** `chat:viewers`: the channel's viewer count, summed over server processes. */
export const ChatViewersSchema = Type.Object({ channel: Type.String(), count: Type.Integer({ minimum: 0 }) });
export type ChatViewers = Static<typeof ChatViewersSchema>;

/** `chat:settings`: the channel's chat settings after a change. */
export const ChatSettingsChangedSchema = Type.Object({ channel: Type.String(), settings: ChatSettingsSchema });
export type ChatSettingsChanged = Static<typeof ChatSettingsChangedSchema>;

/**
 * `chat:viewer-count` between server processes, by channel id: each process's anonymous pages (a
 * count) and its signed-in users (ids), so a user with tabs on two processes counts once.
 */
export const ChatViewerCountSyncSchema = Type.Object({
  processId: Type.String(),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  users: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Integer({ minimum: 1 })))),
});
export type ChatViewerCountSync = Static<typeof ChatViewerCountSyncSchema>;
