import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { ChannelService } from '../channels/channel.service.js';
import type { FollowRepository } from '../follows/follow.repository.js';
import type { SessionRepository } from '../streams/session.repository.js';
import type { UserRepository } from '../users/user.repository.js';
import type { ViewerPresence } from '../viewers/presence.js';
import { ChatBatcher } from './chat-batcher.js';
import { ChannelStates } from './chat-channel-state.js';
import { roomOf, type ChatEmitter } from './chat-emitter.js';
import { ChatFilters } from './chat-filter.js';
import { ChatHistory } from './chat-history.js';
import { ChatIds } from './chat-ids.js';
import { ChatJoinService } from './chat-join.service.js';
import { ChatLimits } from './chat-limits.js';
import type { ChatMetrics } from './chat-metrics.js';
import { ChatMessageRepository } from './chat-message.repository.js';
import { ChatModerationRepository } from './chat-moderation.repository.js';
import { ChatModerationService } from './chat-moderation.service.js';
import { chatKeyPrefix, RedisGate } from './chat-redis.js';
import { ChatConnections } from './chat-connections.js';
import { ChatDashboardService } from './chat-dashboard.service.js';
import { addressKey } from '../../lib/client-address.js';
import { ChatReadGuard } from './chat-read-guard.js';
import { ChatSendService } from './chat-send.service.js';
import { ChatOutbox, tickForSockets } from './chat-outbox.js';
import { emitToRoom } from './room-frames.js';
import { actorOf, registerChatHandlers, type ChatHandlers, type ChatRoomEvent, type ChatServer } from './chat.socket.js';

export interface ChatModuleDeps {
  io: ChatServer;
  ds: DataSource;
  redis: Redis | null;
  config: Config;
  channels: ChannelRepository;
  /** The caller's own channel (the dashboard's routes). */
  owned: Pick<ChannelService, 'getOwned'>;
  follows: FollowRepository;
  users: UserRepository;
  /** Broadcast sessions: each keeps its peak viewer count. */
  sessions: SessionRepository;
  /** Viewer counts: chat sockets feed them (every open channel page holds one). */
  presence: ViewerPresence;
  log: FastifyBaseLogger;
  metrics: ChatMetrics;
  /** The client's address for a raw request, following TRUST_PROXY (`app.clientAddress`). */
  clientAddress: (req: IncomingMessage) => string;
}

/** What the rest of the server sees of chat (`app.chat`). */
export interface Chat {
  /** Each channel's chat state (settings, words, moderators, bans), cached per process. */
  states: ChannelStates;
  /** Moderation as the socket handlers do it (checks, notices, cache invalidation), for REST routes too. */
  actions: ChatModerationService;
  /** The streamer's dashboard: moderator and ban lists, the channel's own filter words. */
  dashboard: ChatDashboardService;
}

/** The chat and what its owner (the chat plugin) runs it with. */
export interface ChatModule {
  chat: Chat;
  /** The room is told the stream ended (`channel:offline`). */
  streamEnded(channelId: number, slug: string): void;
  /** Every process reloads the channel's chat state (a rename: the old slug stops, the new one starts). */
  invalidate(channelId: number): void;
  /** Stores what is pending (shutdown) so that nothing acknowledged-to-be is dropped. */
  drain(): Promise<void>;
  close(): void;
}

/** Wires the chat services onto a Socket.IO server. Everything here is owned by the returned module. */
export function createChatModule({ io, ds, redis, config, channels, owned, follows, users, sessions, presence, log, metrics, clientAddress }: ChatModuleDeps): ChatModule {
  const gate = new RedisGate(redis, chatKeyPrefix(config.database), log, () => metrics.redisError());
  const messages = new ChatMessageRepository(ds);
  const moderation = new ChatModerationRepository(ds);
  const states = new ChannelStates(channels, moderation);
  const filters = new ChatFilters();
  states.onLoad((s) => filters.apply(s));
  const history = new ChatHistory(gate, messages);
  const limits = new ChatLimits(gate);
  const localSockets = (channelId: number) => io.of('/').adapter.rooms.get(roomOf(channelId))?.size ?? 0;
  // Sized by this process's sockets: with the room spread over processes, each writes a frame to
  // fewer sockets and can tick sooner (sized by the whole room: same CPU, p99 136 → 180 ms).
  const tickMs = (channelId: number) => tickForSockets(localSockets(channelId), config.chat.busyRoomTickMs);
  const outbox = new ChatOutbox({
    emitLocal: (channelId, batch) => {
      const sockets = emitToRoom(io, roomOf(channelId), 'chat:messages', batch);
      metrics.delivered(batch.length * sockets);
    },
    tickMs,
    localTickPending: (channelId) => batcher.pending(channelId),
    startLocalTick: (channelId) => batcher.tick(channelId),
  });
  const emitter = createEmitter(io, states, redis, outbox);
  const batcher = new ChatBatcher({ messages, ids: new ChatIds(gate, messages), history, emitter, log }, tickMs);
  const sender = new ChatSendService({ states, follows, filters, limits, batcher });
  const mod = new ChatModerationService({ states, moderation, messages, users, history, emitter });
  const joins = new ChatJoinService({ states, history, presence });
  const perMin = config.chat.readsPerAddressPerMin;
  const guard = new ChatReadGuard(limits, {
    perSocket: { burst: 10, perSec: 2 },
    perAddress: { burst: Math.ceil(perMin / 4), perSec: perMin / 60 },
    queuedPerSocket: 2,
    concurrentReads: 8,
    waitingReads: 64,
    strikesToDisconnect: 20,
  });
  const connectsPerMin = config.chat.connectsPerAddressPerMin;
  const connections = new ChatConnections({ maxPerAddress: config.chat.socketsPerAddress, connects: { burst: Math.ceil(connectsPerMin / 5), perSec: connectsPerMin / 60 } }, (s) =>
    addressKey(clientAddress(s.request)),
  );
  // After the socket plugin's authentication middleware: the last one, so every socket counted connects.
  io.use(connections.middleware);

  const handlers: ChatHandlers = {
    'chat:join': (s, p) => guard.run(s, () => joins.join(s, p)),
    'chat:leave': (s, p) => guard.run(s, () => joins.leave(s, p)),
    'chat:history': (s, p) => guard.run(s, () => joins.history(s, p)),
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
    registerChatHandlers(socket, handlers, log, metrics);
    socket.on('disconnect', () => joins.disconnected(socket));
  });
  io.on('chat:invalidate', (channelId) => states.invalidate(channelId));
  io.on('chat:batch', (channelId, batch) => outbox.remote(channelId, batch));
  io.on('chat:room', (channelId, event) => deliverRoomEvent(io, outbox, channelId, event));
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
      const channel = await channels.findById(channelId);
      const sessionId = channel?.live ? channel.currentSessionId : null;
      if (sessionId === null || sessionId === undefined || (peaks.get(sessionId) ?? 0) >= count) return;
      peaks.set(sessionId, count);
      await sessions.recordViewers(sessionId, count);
    } catch (err) {
      log.debug({ err }, 'chat: could not record peak viewers');
    }
  }

  return {
    chat: { states, actions: mod, dashboard: new ChatDashboardService({ owned, users, moderation, actions: mod }) },
    streamEnded: (channelId, slug) => emitter.notice(channelId, { channel: slug, code: 'STREAM_ENDED', message: 'The stream has ended' }),
    invalidate: (channelId) => emitter.invalidate(channelId),
    drain: async () => {
      await batcher.drain();
      outbox.releaseAll();
    },
    close() {
      presence.stop();
      limits.close();
      filters.close();
    },
  };
}

/**
 * Room broadcasts go through the outbox, and to other processes as server-side events on the
 * adapter's Redis connection: each process frames them for its own sockets, messages first.
 */
function createEmitter(io: ChatServer, states: ChannelStates, redis: Redis | null, outbox: ChatOutbox): ChatEmitter {
  const crossProcess = redis !== null;
  const room = (channelId: number, event: ChatRoomEvent) => {
    deliverRoomEvent(io, outbox, channelId, event);
    if (crossProcess) io.serverSideEmit('chat:room', channelId, event);
  };
  return {
    messages: (channelId, batch) => {
      outbox.local(channelId, batch);
      if (crossProcess && batch.length > 0) io.serverSideEmit('chat:batch', channelId, batch);
    },
    // The adapter publishes on this same connection (socket plugin), and Redis answers in order.
    published: async () => {
      if (redis?.status === 'ready') await redis.ping().catch(() => {});
    },
    deleted: (channelId, slug, ids) => room(channelId, { type: 'chat:deleted', payload: { channel: slug, ids } }),
    cleared: (channelId, slug) => room(channelId, { type: 'chat:cleared', payload: { channel: slug } }),
    settings: (channelId, slug, settings) => room(channelId, { type: 'chat:settings', payload: { channel: slug, settings } }),
    notice: (channelId, notice) => room(channelId, { type: 'chat:notice', payload: notice }),
    invalidate: (channelId) => {
      states.invalidate(channelId);
      // Published before the room hears of the change: on the same Redis connection, so every
      // process has dropped its cache by the time its sockets see the notice.
      if (crossProcess) io.serverSideEmit('chat:invalidate', channelId);
    },
  };
}

/** A room event reaches this process's sockets after every message held for the room. */
function deliverRoomEvent(io: ChatServer, outbox: ChatOutbox, channelId: number, event: ChatRoomEvent): void {
  outbox.release(channelId);
  const to = io.local.to(roomOf(channelId));
  switch (event.type) {
    case 'chat:deleted':
      to.emit('chat:deleted', event.payload);
      break;
    case 'chat:cleared':
      to.emit('chat:cleared', event.payload);
      break;
    case 'chat:settings':
      to.emit('chat:settings', event.payload);
      break;
    case 'chat:notice':
      to.emit('chat:notice', event.payload);
      break;
  }
}
