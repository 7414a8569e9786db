import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { Services } from '../../plugins/services.js';
import { ChatBatcher } from './chat-batcher.js';
import { ChannelStates } from './chat-channel-state.js';
import { roomOf, type ChatEmitter } from './chat-emitter.js';
import { ChatFilters } from './chat-filter.js';
import { ChatHistory } from './chat-history.js';
import { ChatIds } from './chat-ids.js';
import { ChatJoinService } from './chat-join.service.js';
import { ChatLimits } from './chat-limits.js';
import { ChatMessageRepository } from './chat-message.repository.js';
import { ChatModerationRepository } from './chat-moderation.repository.js';
import { ChatModerationService } from './chat-moderation.service.js';
import { chatKeyPrefix, RedisGate } from './chat-redis.js';
import { ChatSendService } from './chat-send.service.js';
import { actorOf, registerChatHandlers, type ChatHandlers, type ChatServer } from './chat.socket.js';

export interface ChatModuleDeps {
  io: ChatServer;
  ds: DataSource;
  redis: Redis | null;
  config: Config;
  services: Services;
  log: FastifyBaseLogger;
}

export interface ChatModule {
  states: ChannelStates;
  moderation: ChatModerationRepository;
  /** Every process reloads the channel's chat state (words changed through REST). */
  invalidate(channelId: number): void;
  /** Stores what is pending (shutdown) so that nothing acknowledged-to-be is dropped. */
  drain(): Promise<void>;
  close(): void;
}

/** Wires the chat services onto a Socket.IO server. Everything here is owned by the returned module. */
export function createChatModule({ io, ds, redis, config, services, log }: ChatModuleDeps): ChatModule {
  const gate = new RedisGate(redis, chatKeyPrefix(config.database), log);
  const messages = new ChatMessageRepository(ds);
  const moderation = new ChatModerationRepository(ds);
  const states = new ChannelStates(services.channels, moderation);
  const filters = new ChatFilters();
  states.onLoad((s) => filters.apply(s));
  const history = new ChatHistory(gate, messages);
  const limits = new ChatLimits(gate);
  const emitter = createEmitter(io, states, redis !== null);
  const batcher = new ChatBatcher({ messages, ids: new ChatIds(gate, messages), history, emitter, log });
  const sender = new ChatSendService({ states, follows: services.follows, filters, limits, batcher });
  const mod = new ChatModerationService({ states, moderation, messages, users: services.users, history, emitter });
  const presence = services.presence;
  const joins = new ChatJoinService({ states, history, presence });

  const handlers: ChatHandlers = {
    'chat:join': (s, p) => joins.join(s, p),
    'chat:leave': (s, p) => joins.leave(s, p),
    'chat:send': (s, p) => sender.send({ userId: actorOf(s), nickname: s.data.nickname, joined: s.data.joined }, p),
    'chat:delete': (s, p) => mod.deleteMessage(actorOf(s), p),
    'chat:timeout': (s, p) => mod.timeout(actorOf(s), p),
    'chat:ban': (s, p) => mod.ban(actorOf(s), p),
    'chat:unban': (s, p) => mod.unban(actorOf(s), p),
    'chat:clear': (s, p) => mod.clear(actorOf(s), p),
    'chat:settings': (s, p) => mod.settings(actorOf(s), p),
    'chat:moderator': (s, p) => mod.moderator(actorOf(s), p),
  };
  io.on('connection', (socket) => {
    registerChatHandlers(socket, handlers, log);
    socket.on('disconnect', () => joins.disconnected(socket));
  });
  io.on('chat:invalidate', (channelId) => states.invalidate(channelId));
  io.on('chat:viewer-count', (payload) => presence.receive(payload));

  const peaks = new Map<number, number>();
  presence.start({
    publish: (payload) => {
      if (redis) io.serverSideEmit('chat:viewer-count', payload);
    },
    onTotal: (channelId, count) => {
      const slug = states.slugOf(channelId);
      if (slug !== undefined) io.local.to(roomOf(channelId)).emit('chat:viewers', { channel: slug, count });
      void recordPeak(channelId, count);
    },
  });
  /** The live session keeps its highest viewer count (conditional update: processes may race). */
  async function recordPeak(channelId: number, count: number): Promise<void> {
    try {
      const channel = await services.channels.findById(channelId);
      const sessionId = channel?.live ? channel.currentSessionId : null;
      if (sessionId === null || sessionId === undefined || (peaks.get(sessionId) ?? 0) >= count) return;
      peaks.set(sessionId, count);
      await services.sessions.recordViewers(sessionId, count);
    } catch (err) {
      log.debug({ err }, 'chat: could not record peak viewers');
    }
  }
  const onOffline = ({ channelId, slug }: { channelId: number; slug: string }) => {
    io.to(roomOf(channelId)).emit('chat:notice', { channel: slug, code: 'STREAM_ENDED', message: 'The stream has ended' });
  };
  services.liveEvents.on('channel:offline', onOffline);

  return {
    states,
    moderation,
    invalidate: (channelId) => emitter.invalidate(channelId),
    drain: () => batcher.drain(),
    close() {
      services.liveEvents.off('channel:offline', onOffline);
      presence.stop();
      limits.close();
      filters.close();
    },
  };
}

function createEmitter(io: ChatServer, states: ChannelStates, crossProcess: boolean): ChatEmitter {
  return {
    messages: (channelId, batch) => io.to(roomOf(channelId)).emit('chat:messages', batch),
    deleted: (channelId, slug, ids) => io.to(roomOf(channelId)).emit('chat:deleted', { channel: slug, ids }),
    cleared: (channelId, slug) => io.to(roomOf(channelId)).emit('chat:cleared', { channel: slug }),
    settings: (channelId, slug, settings) => io.to(roomOf(channelId)).emit('chat:settings', { channel: slug, settings }),
    notice: (channelId, notice) => io.to(roomOf(channelId)).emit('chat:notice', notice),
    invalidate: (channelId) => {
      states.invalidate(channelId);
      // Published before the room hears of the change: on the same Redis connection, so every
      // process has dropped its cache by the time its sockets see the notice.
      if (crossProcess) io.serverSideEmit('chat:invalidate', channelId);
    },
  };
}
