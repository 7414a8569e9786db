/**
 * One server under test, in its own process so its CPU time is its own (process.cpuUsage).
 * argv: <lait|plain> <port> <dataDir> [follower]. Talks to the load generator over IPC.
 * Env: BENCH_DATABASE_URL (default: SQLite in dataDir), BENCH_REDIS_URL, BENCH_JWT_SECRET; a
 * `follower` Lait process shares them with the first one and creates no account.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';

const [kind, portArg, dataDir, role] = process.argv.slice(2) as ['lait' | 'plain', string, string, string | undefined];
const port = Number(portArg);

async function startLait(): Promise<Record<string, unknown>> {
  const { buildApp } = await import('@lait/server/testing');
  const { loadConfig } = await import('@lait/server/testing');
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
  });
  const app = await buildApp({ config });
  if (role === 'follower') {
    await app.listen({ host: '127.0.0.1', port });
    return {};
  }
  const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: 'bench@lait.test', password: 'correct-horse-7', nickname: 'bench' } });
  const token = res.json().accessToken as string;
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  await app.listen({ host: '127.0.0.1', port });
  return { token, slug: me.json().channel.slug };
}

/** The peer: emits every message to the room as it arrives, as a plain Socket.IO chat would. */
async function startPlain(): Promise<Record<string, unknown>> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });
  let seq = 0;
  io.on('connection', (socket) => {
    socket.on('chat:join', (p: { channel: string }, ack: (r: unknown) => void) => {
      void socket.join(p.channel);
      ack({ ok: true, data: { history: [], viewerCount: 0, settings: {}, role: null } });
    });
    socket.on('chat:send', (p: { channel: string; text: string; nonce: string }, ack: (r: unknown) => void) => {
      const id = String(++seq);
      const msg = { id, channel: p.channel, user: { id: 1, nickname: 'bench', role: 'streamer' }, text: p.text, createdAt: new Date().toISOString(), nonce: p.nonce };
      io.to(p.channel).emit('chat:messages', [msg]);
      ack({ ok: true, data: { id, text: p.text } });
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  return { token: '', slug: 'bench' };
}

const info = kind === 'lait' ? await startLait() : await startPlain();
process.on('message', (m: { type: string }) => {
  if (m.type === 'stats') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'stats', cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  }
  if (m.type === 'exit') process.exit(0);
});
process.send!({ type: 'ready', ...info });
