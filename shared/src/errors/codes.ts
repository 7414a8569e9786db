import { Type, type Static } from '@sinclair/typebox';

/**
 * Every error code any Lait API, socket or IPC boundary can answer with.
 * Clients switch on these to explain a refusal in the user's language.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  // channels and publishing
  'CHANNEL_NOT_FOUND',
  'CHANNEL_SLUG_TAKEN',
  'CHANNEL_SLUG_INVALID',
  'CHANNEL_SLUG_RESERVED',
  'CHANNEL_SLUG_LOCKED',
  'AVATAR_INVALID',
  'PUBLISH_KEY_INVALID',
  'PUBLISH_ALREADY_LIVE',
  'PUBLISH_FORBIDDEN',
  // accounts
  'AUTH_EMAIL_TAKEN',
  'AUTH_NICKNAME_TAKEN',
  'AUTH_WEAK_PASSWORD',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_TOKEN_EXPIRED',
  'AUTH_TOKEN_INVALID',
  'AUTH_REFRESH_REUSED',
  'AUTH_OAUTH_STATE_MISMATCH',
  'AUTH_OAUTH_FAILED',
  'AUTH_DESKTOP_CODE_INVALID',
  'AUTH_DESKTOP_VERIFIER_MISMATCH',
  'AUTH_KAKAO_CANCELLED',
  'AUTH_KAKAO_UNAVAILABLE',
  'AUTH_KAKAO_TAKEN',
  'AUTH_KAKAO_ALREADY_LINKED',
  'AUTH_LOCKED_OUT',
  'AUTH_SIGNIN_CANCELLED',
  'AUTH_SIGNIN_TIMED_OUT',
  'CATEGORY_NOT_FOUND',
  'FOLLOW_SELF',
  // videos (VODs of past broadcasts)
  'VIDEO_NOT_FOUND',
  'VIDEO_FORBIDDEN',
  'CLIP_NOT_FOUND',
  'CLIP_UNAVAILABLE',
  'CLIP_FAILED',
  // chat
  'CHAT_AUTH_REQUIRED',
  'CHAT_NOT_JOINED',
  'CHAT_EMPTY',
  'CHAT_TOO_LONG',
  'CHAT_RATE_LIMITED',
  'CHAT_SLOW_MODE',
  'CHAT_FOLLOWERS_ONLY',
  'CHAT_BANNED',
  'CHAT_TIMED_OUT',
  'CHAT_FILTERED',
  'CHAT_DUPLICATE',
  'CHAT_FORBIDDEN',
  'CHAT_UNAVAILABLE',
  // desktop broadcaster
  'BROADCAST_FFMPEG_MISSING',
  'BROADCAST_FFMPEG_FAILED',
  'BROADCAST_CONNECT_FAILED',
  'BROADCAST_KEY_REFUSED',
  'BROADCAST_ALREADY_LIVE',
  'BROADCAST_NOT_LIVE',
  'BROADCAST_INPUT_CLOSED',
  'BROADCAST_ENCODER_UNAVAILABLE',
  'BROADCAST_ENCODER_FAILED',
  'IPC_UNKNOWN_CHANNEL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why the server finds a password too weak (AUTH_WEAK_PASSWORD's `reason`). */
export const PASSWORD_WEAKNESSES = ['too-short', 'common', 'one-kind', 'repeated', 'contains-email', 'contains-nickname'] as const;
export type PasswordWeakness = (typeof PASSWORD_WEAKNESSES)[number];

/** The body of every non-2xx REST answer. */
export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    error: Type.String(),
    message: Type.String(),
    /** The request field the error is about (`email`, `nickname`, `password`), so a form can show it there. */
    field: Type.Optional(Type.String()),
    /** Why, as a word a client can translate: for AUTH_WEAK_PASSWORD one of {@link PASSWORD_WEAKNESSES}. */
    reason: Type.Optional(Type.String()),
  },
  { $id: 'ApiError' },
);
export type ApiError = Static<typeof ApiErrorSchema>;

/** Acknowledgement shape for socket events and IPC calls. */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; /** When waiting helps (CHAT_SLOW_MODE, CHAT_RATE_LIMITED, CHAT_TIMED_OUT). */ retryAfterSec?: number } };
