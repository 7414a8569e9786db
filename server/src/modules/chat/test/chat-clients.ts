import type { FastifyInstance } from 'fastify';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { Ack, ChatMessage, ClientToServerEvents, ServerToClientEvents } from '@lait/shared';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents> & { received: ChatMessage[] };

/** Listens on a free loopback port and returns the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

/** A real Socket.IO client over websocket; `received` collects every chat:messages frame. */
export async function connect(url: string, token?: string): Promise<ChatClient> {
  const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true }) as ChatClient;
  socket.received = [];
  socket.on('chat:messages', (batch) => socket.received.push(...batch));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits with an acknowledgement and returns the Ack (typed loosely so tests can send garbage). */
export async function call<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return (await socket.timeout(10_000).emitWithAck(event as never, payload as never)) as Ack<T>;
}

export async function ok<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = await call<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export async function code(socket: Socket, event: string, payload: unknown): Promise<string> {
  const ack = await call(socket, event, payload);
  return ack.ok ? 'OK' : ack.error.code;
}

export async function slugOf(app: FastifyInstance, token: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  return res.json().channel.slug as string;
}

let nonces = 0;
export const nonce = () => `n${process.pid}x${Date.now().toString(36)}x${++nonces}`;

export async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
