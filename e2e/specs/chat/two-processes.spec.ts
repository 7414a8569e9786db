import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ChatMessage } from '@lait/shared';
import { startBareServer, type BareServer } from '@lait/testkit/bare-server';
import { waitFor } from '@lait/testkit/ports';

const MYSQL = process.env['LAIT_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';
const REDIS = process.env['LAIT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

type Client = Socket & { received: ChatMessage[] };

async function connect(url: string, token?: string): Promise<Client> {
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} }) as Client;
  s.received = [];
  s.on('chat:messages', (batch: ChatMessage[]) => s.received.push(...batch));
  await new Promise((resolve, reject) => s.once('connect', () => resolve(null)).once('connect_error', reject));
  return s;
}
async function call<T>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return (await s.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
}
async function ok<T>(s: Socket, event: string, payload: unknown): Promise<T> {
  const ack = await call<T>(s, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
  return ack.data;
}
const nonce = () => randomBytes(8).toString('hex');

async function signUp(url: string, nickname: string) {
  const res = await fetch(`${url}/api/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${nickname}@lait.test`, password: 'correct-horse-7', nickname }) });
  const body = (await res.json()) as { user: { id: number }; accessToken: string };
  const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${body.accessToken}` } })).json()) as { channel: { slug: string } };
  return { id: body.user.id, token: body.accessToken, slug: me.channel.slug };
}

describe('chat across two real server processes (MySQL + Redis)', () => {
  const dbName = `lait_e2e_chat_${randomBytes(4).toString('hex')}`;
  let a: BareServer;
  let b: BareServer;
  const sockets: Client[] = [];
  const open = async (s: BareServer, token?: string) => {
    const c = await connect(s.url, token);
    sockets.push(c);
    return c;
  };

  beforeAll(async () => {
    const env = { DATABASE_URL: `${MYSQL}/${dbName}`, REDIS_URL: REDIS, JWT_SECRET: randomBytes(24).toString('hex'), RATE_LIMIT_SIGNUP_PER_HOUR: '100' };
    a = await startBareServer(env);
    b = await startBareServer(env);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await a?.stop();
    await b?.stop();
    a?.cleanup();
    b?.cleanup();
    const { createConnection } = await import('mysql2/promise');
    const conn = await createConnection({ uri: `${MYSQL}/` });
    await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await conn.end();
  });

  it('crosses messages, bans and viewer counts between the processes, and keeps acknowledged messages through a crash', async () => {
    const owner = await signUp(a.url, `owner${randomBytes(3).toString('hex')}`);
    const fan = await signUp(b.url, `fan${randomBytes(3).toString('hex')}`);
    const slug = owner.slug;

    const boss = await open(a, owner.token);
    const viewerOnB = await open(b);
    const fanOnB = await open(b, fan.token);
    for (const s of [boss, viewerOnB, fanOnB]) await ok(s, 'chat:join', { channel: slug });

    const sent = await ok<{ id: string }>(boss, 'chat:send', { channel: slug, text: '두 프로세스 안녕', nonce: nonce() });
    await waitFor('the message on B', async () => viewerOnB.received.some((m) => m.id === sent.id), 5000, 20);

    const counts = new Map<string, number>();
    boss.on('chat:viewers', (p: { count: number }) => counts.set('a', p.count));
    viewerOnB.on('chat:viewers', (p: { count: number }) => counts.set('b', p.count));
    await open(a).then((s) => ok(s, 'chat:join', { channel: slug }));
    // The streamer is not a viewer of their own channel: an anonymous page on each process and the fan.
    await waitFor('both processes to count 3 viewers', async () => counts.get('a') === 3 && counts.get('b') === 3, 10_000, 50);

    const banned = new Promise((r) => fanOnB.on('chat:notice', (n: { code: string }) => n.code === 'USER_BANNED' && r(n)));
    await ok(boss, 'chat:ban', { channel: slug, userId: fan.id });
    await banned;
    const refused = await call(fanOnB, 'chat:send', { channel: slug, text: '밴 이후', nonce: nonce() });
    expect(refused.ok ? 'OK' : refused.error.code).toBe('CHAT_BANNED');

    const acked = await Promise.all(Array.from({ length: 20 }, (_, i) => ok<{ id: string }>(boss, 'chat:send', { channel: slug, text: `crash ${i}`, nonce: nonce() })));
    await a.stop('SIGKILL');
    await a.start();
    const reader = await open(a);
    const { history } = await ok<{ history: ChatMessage[] }>(reader, 'chat:join', { channel: slug });
    expect(history.map((m) => m.id)).toEqual(expect.arrayContaining([sent.id, ...acked.map((x) => x.id)]));
  });
});
