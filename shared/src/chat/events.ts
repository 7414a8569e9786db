import type { Ack } from '../errors/codes.js';
import type {
  ChatChannelRef, ChatDelete, ChatJoin, ChatJoinResult, ChatMessage, ChatModerator, ChatNotice, ChatSend, ChatSendResult,
  ChatSettings, ChatSettingsUpdate, ChatTimeout, ChatUserRef,
} from './messages.js';

type Handler<P, R> = (payload: P, ack: (result: Ack<R>) => void) => void;

/** Socket.IO events a client may emit; every one is acknowledged with an Ack. */
export interface ClientToServerEvents {
  'chat:join': Handler<ChatJoin, ChatJoinResult>;
  'chat:leave': Handler<ChatChannelRef, null>;
  'chat:send': Handler<ChatSend, ChatSendResult>;
  'chat:delete': Handler<ChatDelete, null>;
  'chat:timeout': Handler<ChatTimeout, { until: string }>;
  'chat:ban': Handler<ChatUserRef, null>;
  'chat:unban': Handler<ChatUserRef, null>;
  'chat:clear': Handler<ChatChannelRef, null>;
  'chat:settings': Handler<ChatSettingsUpdate, ChatSettings>;
  'chat:moderator': Handler<ChatModerator, null>;
}

/** Events the server sends. Messages come batched: one frame per room per tick. */
export interface ServerToClientEvents {
  'chat:messages': (messages: ChatMessage[]) => void;
  'chat:deleted': (payload: { channel: string; ids: string[] }) => void;
  'chat:cleared': (payload: { channel: string }) => void;
  'chat:viewers': (payload: { channel: string; count: number }) => void;
  'chat:settings': (payload: { channel: string; settings: ChatSettings }) => void;
  'chat:notice': (notice: ChatNotice) => void;
}

/** Between server processes (through the Redis adapter's serverSideEmit). */
export interface InterServerEvents {
  'chat:viewer-count': (payload: { processId: string; counts: Record<string, number> }) => void;
}

/** What the server keeps on each socket. */
export interface SocketData {
  userId: number | null;
  nickname: string | null;
}

/** Socket.IO path and event names in one place for clients. */
export const CHAT_SOCKET_PATH = '/socket.io';
