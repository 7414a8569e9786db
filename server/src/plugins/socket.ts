import fp from 'fastify-plugin';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { CHAT_SOCKET_PATH } from '@lait/shared';
import { chatKeyPrefix } from '../modules/chat/chat-redis.js';
import type { ChatServer } from '../modules/chat/chat.socket.js';

declare module 'fastify' {
  interface FastifyInstance {
    io: ChatServer;
  }
}

/**
 * Socket.IO on the site's own HTTP server (same origin, path /socket.io). With Redis, the
 * adapter carries room broadcasts and server-side events to every server process. Sockets carry
 * the signed-in user, if any (`socket.data`); the chat plugin adds its handlers and limits.
 */
export const socketPlugin = fp(async (app) => {
  const io: ChatServer = new Server(app.server, {
    path: CHAT_SOCKET_PATH,
    serveClient: false,
    transports: ['websocket', 'polling'],
    // Off, so a room broadcast is framed once and the same bytes go to every socket.
    // @see https://github.com/socketio/socket.io-adapter/blob/main/lib/in-memory-adapter.ts (wsPreEncodedFrame)
    perMessageDeflate: false,
    maxHttpBufferSize: 64 * 1024,
  });

  let sub: Redis | null = null;
  if (app.redis) {
    // The subscriber needs its own connection, and an offline queue so it can subscribe before
    // Redis answers; ioredis re-subscribes after a reconnect.
    sub = app.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    sub.on('error', () => app.metrics.redisErrors.inc({ connection: 'subscriber' }));
    io.adapter(createAdapter(withHandledRejections(app.redis), withHandledRejections(sub), { key: `${chatKeyPrefix(app.config.database)}sio` }));
  }

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    socket.data.userId = null;
    socket.data.nickname = null;
    socket.data.tokenExp = null;
    socket.data.joined = new Map();
    if (token === undefined || token === null || token === '') return next();
    try {
      const claims = app.jwt.verify<{ sub: string; nick: string; exp?: number }>(String(token));
      socket.data.userId = Number(claims.sub);
      socket.data.nickname = claims.nick;
      socket.data.tokenExp = claims.exp ?? null;
      next();
    } catch (err) {
      const code = String((err as { code?: string }).code ?? '').includes('EXPIRED') ? 'AUTH_TOKEN_EXPIRED' : 'AUTH_TOKEN_INVALID';
      next(Object.assign(new Error(code), { data: { code, message: 'Sign in again (or connect without a token to read only)' } }));
    }
  });

  app.decorate('io', io);

  // Graceful drain (SIGTERM): refuse new websockets at once, so clients reconnecting through the
  // balancer land on another process. preClose hooks run in registration order: the chat plugin's,
  // after this one, stores what is pending and then closes the open connections.
  app.addHook('preClose', async () => {
    app.server.removeAllListeners('upgrade');
    app.server.on('upgrade', (_req, socket: { destroy(): void }) => socket.destroy());
  });
  app.addHook('onClose', async () => {
    await io.of('/').adapter.close();
    // QUIT waits in the subscriber's offline queue while Redis is unreachable: only a live
    // connection says goodbye, any other is just dropped (else app.close() hangs).
    if (sub?.status === 'ready') await sub.quit().catch(() => {});
    sub?.disconnect();
  });
}, { name: 'lait-socket', dependencies: ['lait-redis', 'lait-metrics', 'lait-authenticate'] });

/**
 * The Redis adapter publishes and (un)subscribes without handling the returned promises: with
 * Redis down (commands fail fast) or closing, each would be an unhandled rejection. Local delivery
 * goes on either way; the outage is logged once by the Redis plugin.
 */
function withHandledRejections(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) result.catch(() => {});
        return result;
      };
    },
  });
}
