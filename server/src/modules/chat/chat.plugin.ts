import fp from 'fastify-plugin';
import { createChatModule, type Chat } from './chat-module.js';

declare module 'fastify' {
  interface FastifyInstance {
    chat: Chat;
  }
}

/**
 * Chat on the socket plugin's Socket.IO server: its services, the cross-process outbox, connection
 * limits, moderation, and viewer presence (every open channel page holds a chat socket).
 */
export const chatPlugin = fp(async (app) => {
  const { io, channels } = app;
  const module = createChatModule({
    io,
    ds: app.db,
    redis: app.redis,
    config: app.config,
    channels: channels.repository,
    owned: channels.service,
    follows: app.follows.repository,
    users: app.users.repository,
    sessions: app.streams.repository,
    presence: app.viewers.presence,
    log: app.log,
    metrics: app.metrics.chat,
    clientAddress: app.clientAddress,
  });
  app.decorate('chat', module.chat);

  const onOffline = ({ channelId, slug }: { channelId: number; slug: string }) => module.streamEnded(channelId, slug);
  // A rename must reach chat at once, on every process: the old slug stops, the new one starts.
  const onUpdated = ({ channelId }: { channelId: number }) => module.invalidate(channelId);
  channels.events.on('channel:offline', onOffline);
  channels.events.on('channel:updated', onUpdated);

  // Graceful drain (SIGTERM), after the socket plugin's preClose has refused new websockets: store
  // and acknowledge what is pending, then drop the sockets (their clients reconnect elsewhere and
  // resume with sinceId). Dropping before the flush would lose the acks of messages already
  // stored, and make every such client resend. In preClose, since the HTTP server waits for every
  // connection to end before onClose runs.
  app.addHook('preClose', async () => {
    await module.drain().catch(() => {});
    channels.events.off('channel:offline', onOffline);
    channels.events.off('channel:updated', onUpdated);
    module.close();
    // Closes every connection without Socket.IO's disconnect packet: a client told "io server
    // disconnect" would not reconnect by itself; a closed transport makes it reconnect elsewhere.
    io.engine.close();
  });
}, { name: 'lait-chat', dependencies: ['lait-db', 'lait-redis', 'lait-metrics', 'lait-socket', 'lait-users', 'lait-follows', 'lait-viewers', 'lait-channels', 'lait-streams'] });
