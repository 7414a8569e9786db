/**
 * One server under test, in its own process so its CPU time is its own (process.cpuUsage).
 * argv: <lait|plain|naive> <port> <dataDir> [provision|follower]. Talks to the load generator over IPC.
 * Env: BENCH_DATABASE_URL (default: SQLite in dataDir), BENCH_REDIS_URL, BENCH_JWT_SECRET,
 * BENCH_SENDERS (viewer accounts a `provision` run signs up).
 *
 * Lait runs in two steps, so that the measured process starts as `npm start` starts it (a fresh
 * process on an existing database, no accounts made in it, no --expose-gc, no forced GC):
 * - `provision`: builds the app on the database, signs up the channel owner and BENCH_SENDERS
 *   ordinary viewers through the real signup route (`app.inject`), reports their access tokens
 *   and the channel's slug, and exits.
 * - `follower`: builds the app on the same database and listens; it creates nothing.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';

const [kind, portArg, dataDir, role] = process.argv.slice(2) as ['lait' | 'plain' | 'naive', string, string, 'provision' | 'follower' | undefined];
const port = Number(portArg);

async function buildLait() {
  const { buildApp } = await import('@lait/server/testing');
  const { loadConfig } = await import('@lait/server/testing');
  // The config's defaults (as `npm start` has them) except the per-address limits.
  const config = loadConfig({}, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env['BENCH_DATABASE_URL'] ?? `sqlite:${path.join(dataDir, 'bench.sqlite')}`,
    WEB_DIST_DIR: '',
    JWT_SECRET: process.env['BENCH_JWT_SECRET'] ?? 'bench-secret-0123456789abcdef0123456789',
    // Every receiver connects from 127.0.0.1: lift the per-address chat limits for the load generator.
    CHAT_SOCKETS_PER_ADDRESS: '100000',
    CHAT_CONNECTS_PER_ADDRESS_PER_MIN: '1000000',
    CHAT_READS_PER_ADDRESS_PER_MIN: '1000000',
    ...(process.env['BENCH_REDIS_URL'] ? { REDIS_URL: process.env['BENCH_REDIS_URL'] } : {}),
    // A sweep of the busy-room tick (docs/benchmarks.md): CHAT_BUSY_ROOM_TICK_MS=125 npx tsx bench/chat-fanout/run.ts
    ...(process.env['CHAT_BUSY_ROOM_TICK_MS'] ? { CHAT_BUSY_ROOM_TICK_MS: process.env['CHAT_BUSY_ROOM_TICK_MS'] } : {}),
  });
  return buildApp({ config });
}

/** Signs up the owner and the viewers; returns their tokens and the owner's channel. */
async function provisionLait(): Promise<Record<string, unknown>> {
  const app = await buildLait();
  // Each signup from its own address: the route's per-address limit (20 an hour) stays as configured.
  let address = 0;
  const signup = async (email: string, nickname: string) => {
    address++;
    const res = await app.inject({ method: 'POST', url: '/api/auth/signup', remoteAddress: `10.77.${address >> 8}.${address & 255}`, payload: { email, password: 'correct-horse-7', nickname } });
    if (res.statusCode !== 201) throw new Error(`signup ${nickname}: ${res.statusCode} ${res.body}`);
    return res.json().accessToken as string;
  };
  const token = await signup('bench@lait.test', 'bench');
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  const n = Number(process.env['BENCH_SENDERS'] ?? 0);
  const senderTokens: string[] = [];
  for (let i = 0; i < n; i += 4) {
    const batch = Array.from({ length: Math.min(4, n - i) }, (_, k) => signup(`viewer${i + k}@lait.test`, `viewer${i + k}`));
    senderTokens.push(...(await Promise.all(batch)));
  }
  await app.close();
  return { token, slug: me.json().channel.slug, senderTokens };
}

async function startLait(): Promise<Record<string, unknown>> {
  const app = await buildLait();
  await app.listen({ host: '127.0.0.1', port });
  return {};
}

interface Send { channel: string; text: string; nonce: string }
const messageOf = (id: string, p: Send) => ({ id, channel: p.channel, user: { id: 1, nickname: 'bench', role: 'viewer' }, text: p.text, createdAt: new Date().toISOString(), nonce: p.nonce });

function socketServer(onSend: (io: Server, p: Send, ack: (r: unknown) => void) => void) {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
  io.on('connection', (socket) => {
    socket.on('chat:join', (p: { channel: string }, ack: (r: unknown) => void) => {
      void socket.join(p.channel);
      ack({ ok: true, data: { history: [], viewerCount: 0, settings: {}, role: null } });
    });
    socket.on('chat:send', (p: Send, ack: (r: unknown) => void) => onSend(io, p, ack));
  });
  return { io, listen: () => new Promise<void>((r) => http.listen(port, '127.0.0.1', r)) };
}

/** The peer: emits every message to the room as it arrives, as a plain Socket.IO chat would. */
async function startPlain(): Promise<Record<string, unknown>> {
  let seq = 0;
  const server = socketServer((io, p, ack) => {
    const id = String(++seq);
    io.to(p.channel).emit('chat:messages', [messageOf(id, p)]);
    ack({ ok: true, data: { id, text: p.text } });
  });
  await server.listen();
  return { slug: 'bench' };
}

/**
 * The naive batcher: acks each send at once and emits a room's sends of the last 50 ms as one
 * `chat:messages` frame; no validation, no filter, no storage, no limits.
 */
async function startNaive(): Promise<Record<string, unknown>> {
  let seq = 0;
  const pending = new Map<string, ReturnType<typeof messageOf>[]>();
  const server = socketServer((io, p, ack) => {
    const id = String(++seq);
    let batch = pending.get(p.channel);
    if (!batch) {
      pending.set(p.channel, (batch = []));
      setTimeout(() => {
        pending.delete(p.channel);
        io.to(p.channel).emit('chat:messages', batch);
      }, 50);
    }
    batch.push(messageOf(id, p));
    ack({ ok: true, data: { id, text: p.text } });
  });
  await server.listen();
  return { slug: 'bench' };
}

if (kind === 'lait' && role === 'provision') {
  const info = await provisionLait();
  process.send!({ type: 'ready', ...info }, () => process.exit(0));
} else {
  const info = kind === 'lait' ? await startLait() : kind === 'plain' ? await startPlain() : await startNaive();
  // No forced GC: the RSS reported is what the process holds as it runs.
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') process.send!({ type: 'stats', cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (m.type === 'exit') process.exit(0);
  });
  process.send!({ type: 'ready', ...info });
}
