import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Server, Socket } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import {
  ChatChannelRefSchema, ChatDeleteSchema, ChatHistorySchema, ChatJoinSchema, ChatModeratorSchema, ChatSendSchema, ChatSettingsUpdateSchema,
  ChatTimeoutSchema, ChatUserRefSchema, type Ack, type ChatCleared, type ChatDeleted, type ChatMessage, type ChatNotice, type ChatSettingsChanged,
  type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData,
} from '@lait/shared';
import type { ChatMetrics } from './chat-metrics.js';
import { ChatError } from './chat.errors.js';
import type { ReadQueue } from './chat-read-guard.js';

/** Kept per socket: who it is (from the handshake token) and which channels it joined. */
export interface ChatSocketData extends SocketData {
  /** Access-token expiry (seconds since the epoch): past it the socket reads but cannot act. */
  tokenExp: number | null;
  /** Channels joined, each with who this socket counts as there (null: the streamer, not a viewer). */
  joined: Map<number, string | null>;
  /** The client address per-address limits count this socket under (see addressKey). */
  address: string;
  /** Joins and history reads: one at a time, rate-limited (ChatReadGuard). */
  reads: ReadQueue;
}

/** What happens in a room besides new messages: a closed set, delivered after the messages before it. */
export type ChatRoomEvent =
  | { type: 'chat:deleted'; payload: ChatDeleted }
  | { type: 'chat:cleared'; payload: ChatCleared }
  | { type: 'chat:settings'; payload: ChatSettingsChanged }
  | { type: 'chat:notice'; payload: ChatNotice };

export interface ChatInterServerEvents extends InterServerEvents {
  /** Moderation changed a channel, or it was renamed: every process drops its cached state. */
  'chat:invalidate': (channelId: number) => void;
  /** Messages another process stored in one tick; each process frames them for its own sockets (ChatOutbox). */
  'chat:batch': (channelId: number, batch: ChatMessage[]) => void;
  /** A room event of another process, after its messages on the same Redis connection. */
  'chat:room': (channelId: number, event: ChatRoomEvent) => void;
}

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, ChatInterServerEvents, ChatSocketData>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, ChatInterServerEvents, ChatSocketData>;

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type Result<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer R>) => void ? R : never;

/** Compiled once per process: the protocol's schemas for each client event. */
const schemas: { [E in keyof ClientToServerEvents]: TSchema } = {
  'chat:join': ChatJoinSchema,
  'chat:leave': ChatChannelRefSchema,
  'chat:history': ChatHistorySchema,
  'chat:send': ChatSendSchema,
  'chat:delete': ChatDeleteSchema,
  'chat:timeout': ChatTimeoutSchema,
  'chat:ban': ChatUserRefSchema,
  'chat:unban': ChatUserRefSchema,
  'chat:clear': ChatChannelRefSchema,
  'chat:settings': ChatSettingsUpdateSchema,
  'chat:moderator': ChatModeratorSchema,
};
const validators = Object.fromEntries(Object.entries(schemas).map(([event, schema]) => [event, TypeCompiler.Compile(schema)])) as Record<keyof ClientToServerEvents, TypeCheck<TSchema>>;

export type ChatHandlers = { [E in keyof ClientToServerEvents]: (socket: ChatSocket, payload: Payload<E>) => Promise<Result<E>> };

/**
 * Registers every client event with its validator. A handler never throws across the socket:
 * bad payloads, a missing acknowledgement and failures all end in a typed error ack (or, without
 * an ack callback, in nothing at all).
 */
export function registerChatHandlers(socket: ChatSocket, handlers: ChatHandlers, log: FastifyBaseLogger, metrics?: ChatMetrics): void {
  const loose = socket as unknown as { on(event: string, fn: (...args: unknown[]) => void): void };
  for (const event of Object.keys(schemas) as (keyof ClientToServerEvents)[]) {
    loose.on(event, (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const started = performance.now();
      const reply = (result: Ack<unknown>) => {
        metrics?.ack(event, (performance.now() - started) / 1000, result.ok);
        if (event === 'chat:send') metrics?.send(result.ok);
        try {
          (ack as (r: Ack<unknown>) => void)(result);
        } catch (err) {
          log.debug({ err, event }, 'chat: ack failed');
        }
      };
      const payload = args.length === 2 ? args[0] : undefined;
      const check = validators[event];
      if (args.length !== 2 || !check.Check(payload)) {
        const first = args.length === 2 ? check.Errors(payload).First() : undefined;
        const message = first ? `${first.path || 'payload'}: ${first.message}` : 'Expected one payload and an acknowledgement callback';
        return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message } });
      }
      const handler = handlers[event] as (s: ChatSocket, p: unknown) => Promise<unknown>;
      handler(socket, payload).then(
        (data) => reply({ ok: true, data }),
        (err: unknown) => {
          if (err instanceof ChatError) {
            const error = { code: err.code, message: err.message, ...(err.retryAfterSec !== undefined ? { retryAfterSec: err.retryAfterSec } : {}) };
            return reply({ ok: false, error });
          }
          log.error({ err, event }, 'chat handler failed');
          reply({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong' } });
        },
      );
    });
  }
}

/** The user the socket acts as, or null (anonymous, or the access token has expired since the handshake). */
export function actorOf(socket: ChatSocket): number | null {
  const { userId, tokenExp } = socket.data;
  if (userId === null) return null;
  return tokenExp !== null && tokenExp * 1000 <= Date.now() ? null : userId;
}
