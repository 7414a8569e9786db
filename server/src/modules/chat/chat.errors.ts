import type { ErrorCode } from '@lait/shared';

type ChatErrorCode = Extract<ErrorCode, `CHAT_${string}`> | 'VALIDATION_FAILED' | 'CHANNEL_NOT_FOUND' | 'NOT_FOUND' | 'INTERNAL';

/** A refusal a socket handler acknowledges with; never thrown across the socket boundary. */
export class ChatError extends Error {
  constructor(
    readonly code: ChatErrorCode,
    message: string,
    /** Seconds after which trying again can succeed (slow mode, rate limit, timeout). */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

export const notJoined = () => new ChatError('CHAT_NOT_JOINED', 'Join the channel first');
export const authRequired = () => new ChatError('CHAT_AUTH_REQUIRED', 'Sign in to chat');
export const forbidden = (what = 'Only the streamer or a moderator can do that') => new ChatError('CHAT_FORBIDDEN', what);
export const unavailable = () => new ChatError('CHAT_UNAVAILABLE', 'Chat storage is unavailable; try again shortly');
export const channelNotFound = () => new ChatError('CHANNEL_NOT_FOUND', 'No such channel');
