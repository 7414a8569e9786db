import { Type, type Static } from '@sinclair/typebox';
import {
  ChatDeleteSchema,
  ChatJoinResultSchema,
  ChatMessageSchema,
  ChatNoticeSchema,
  ChatSendSchema,
  ChatSettingsSchema,
  ChatTimeoutSchema,
  ChatUserRefSchema,
} from '../chat/messages.js';

/*
 * The desktop chat relay: main holds the Socket.IO connection (the access token never reaches the
 * renderer) and always talks about the signed-in streamer's own channel, so no argument names a
 * channel and `chat:send` carries no nonce (main adds one and resends it on an ack timeout).
 */

/**
 * Result of `chat:open`: the channel and what main holds of it right now: the newest messages
 * (at most 200, deletions applied), viewer count, settings and the streamer's role. Calling it
 * again while open answers the current snapshot without reconnecting.
 */
export const ChatOpenResultSchema = Type.Object({
  channel: Type.String(),
  ...ChatJoinResultSchema.properties,
});
/** Result of `chat:open`, see {@link ChatOpenResultSchema}. */
export type ChatOpenResult = Static<typeof ChatOpenResultSchema>;

/** Arguments of `chat:send`. */
export const ChatSendArgsSchema = Type.Object({ text: ChatSendSchema.properties.text }, { additionalProperties: false });
/** Arguments of `chat:send`. */
export type ChatSendArgs = Static<typeof ChatSendArgsSchema>;

/** Arguments of `chat:delete`. */
export const ChatDeleteArgsSchema = Type.Object({ messageId: ChatDeleteSchema.properties.messageId }, { additionalProperties: false });
/** Arguments of `chat:delete`. */
export type ChatDeleteArgs = Static<typeof ChatDeleteArgsSchema>;

/** Arguments of `chat:timeout`. */
export const ChatTimeoutArgsSchema = Type.Object(
  { userId: ChatTimeoutSchema.properties.userId, seconds: ChatTimeoutSchema.properties.seconds },
  { additionalProperties: false },
);
/** Arguments of `chat:timeout`. */
export type ChatTimeoutArgs = Static<typeof ChatTimeoutArgsSchema>;

/** Arguments of `chat:ban` and `chat:unban`. */
export const ChatUserArgsSchema = Type.Object({ userId: ChatUserRefSchema.properties.userId }, { additionalProperties: false });
/** Arguments of `chat:ban` and `chat:unban`. */
export type ChatUserArgs = Static<typeof ChatUserArgsSchema>;

/** Connection states of the relay, as the chat panel's status line shows them. */
export const ChatConnectionStateSchema = Type.Union([
  Type.Literal('connecting'),
  Type.Literal('connected'),
  Type.Literal('reconnecting'),
  Type.Literal('offline'),
]);

/**
 * Event `chat:connection`: every state change of the relay. `code` says why when it is not
 * connected (`SERVICE_UNAVAILABLE`, `AUTH_TOKEN_EXPIRED`, `UNAUTHORIZED`, `CHANNEL_NOT_FOUND`…).
 */
export const ChatConnectionStatusSchema = Type.Object({
  state: ChatConnectionStateSchema,
  code: Type.Union([Type.String(), Type.Null()]),
});
/** Event `chat:connection`, see {@link ChatConnectionStatusSchema}. */
export type ChatConnectionStatus = Static<typeof ChatConnectionStatusSchema>;

/** Event `chat:messages`: a batch of new messages (also the ones caught up after a reconnect). */
export const ChatMessagesEventSchema = Type.Array(ChatMessageSchema);
/** Event `chat:deleted`: ids removed by a moderator (or every message of a banned user). */
export const ChatDeletedEventSchema = Type.Object({ channel: Type.String(), ids: Type.Array(Type.String()) });
/** Event `chat:cleared`: the whole chat was cleared. */
export const ChatClearedEventSchema = Type.Object({ channel: Type.String() });
/** Event `chat:viewers`: the live viewer count from chat presence. */
export const ChatViewersEventSchema = Type.Object({ channel: Type.String(), count: Type.Integer({ minimum: 0 }) });
/** Event `chat:settings`: slow mode, followers-only or the filter mode changed. */
export const ChatSettingsEventSchema = Type.Object({ channel: Type.String(), settings: ChatSettingsSchema });
/** Event `chat:notice`: a server notice (timeouts, bans, slow mode…), rendered by code. */
export const ChatNoticeEventSchema = ChatNoticeSchema;
