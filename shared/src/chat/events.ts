import type { Ack } from '../errors/codes.js';
import type {
  ChatChannelRef, ChatCleared, ChatDelete, ChatDeleted, ChatHistory, ChatHistoryResult, ChatJoin, ChatJoinResult, ChatMessage, ChatModerator,
  ChatNotice, ChatSend, ChatSendResult, ChatSettings, ChatSettingsChanged, ChatSettingsUpdate, ChatTimeout, ChatUserRef, ChatViewerCountSync,
  ChatViewers,
} from './messages.js';

type Handler<P, R> = (payload: P, ack: (result: Ack<R>) => void) => void;

/** Socket.IO events a client may emit; every one is acknowledged with an Ack. */
export interface ClientToServerEvents {
  'chat:join': Handler<ChatJoin, ChatJoinResult>;
  'chat:leave': Handler<ChatChannelRef, null>;
  /** Older messages of a joined channel (scrolling up). */
  'chat:history': Handler<ChatHistory, ChatHistoryResult>;
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
  'chat:deleted': (payload: ChatDeleted) => void;
  'chat:cleared': (payload: ChatCleared) => void;
  'chat:viewers': (payload: ChatViewers) => void;
  'chat:settings': (payload: ChatSettingsChanged) => void;
  'chat:notice': (notice: ChatNotice) => void;
}

/** Between server processes (through the Redis adapter's serverSideEmit). */
export interface InterServerEvents {
  /** Per channel: anonymous pages (a count) and signed-in users (ids), so a user counts once across processes. */
  'chat:viewer-count': (payload: ChatViewerCountSync) => void;
}

/** What the server keeps on each socket. */
export interface SocketData {
  userId: number | null;
  nickname: string | null;
}

/** A client event's name, its payload, and the data its ack carries when it succeeds. */
export type ChatEvent = keyof ClientToServerEvents;
export type ChatPayload<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[0];
export type ChatData<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer R>) => void ? R : never;

/** Socket.IO path and event names in one place for clients. */
export const CHAT_SOCKET_PATH = '/socket.io';
