/**
 * The platform server under attack, in its own process (its RSS is its own), built from a checkout
 * given on the command line so the same bench runs against an older commit.
 * argv: <checkout root> <port (0: any)> <dataDir>. Talks to the runner over IPC.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, portArg, dataDir] = process.argv.slice(2) as [string, string, string];
const load = (rel: string) => import(pathToFileURL(path.join(root, rel)).href);
const { buildApp } = await load('server/src/app.ts');
const { loadConfig } = await load('server/src/config.ts');
const config = loadConfig({}, {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${path.join(dataDir, 'abuse.sqlite')}`,
  WEB_DIST_DIR: '',
  JWT_SECRET: 'abuse-bench-secret-0123456789abcdef0123',
});
const app = await buildApp({ config });
const res = await app.inject({ method: 'POST', url: '/api/auth/signup', payload: { email: 'streamer@lait.test', password: 'correct-horse-7', nickname: 'streamer' } });
const { accessToken, user } = res.json() as { accessToken: string; user: { id: number } };
const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${accessToken}` } });
const { slug } = me.json().channel as { slug: string };
const channel = (await app.channels.repository.findBySlug(slug)) as { id: number };
await seed(channel.id, user.id, 3000);
const url = await app.listen({ host: '127.0.0.1', port: Number(portArg) });

/** 3,000 messages of 500 characters, straight into the table (through the checkout's own entity). */
async function seed(channelId: number, userId: number, count: number): Promise<void> {
  const { ChatMessageEntity } = await load('server/src/modules/chat/chat.entities.ts');
  const text = '라잇 채팅 기록을 길게 채우는 메시지입니다. '.repeat(40).slice(0, 500);
  const at = Date.now() - count * 1000;
  for (let start = 1; start <= count; start += 100) {
    const ids = Array.from({ length: Math.min(100, count - start + 1) }, (_, i) => start + i);
    const rows = ids.map((id) => ({ channelId, id, userId, nickname: 'seed', role: 'viewer', text, nonce: `seed${id}`, createdAt: new Date(at + id * 1000), deletedAt: null }));
    await app.db.createQueryBuilder().insert().into(ChatMessageEntity).values(rows).updateEntity(false).execute();
  }
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') process.send!({ type: 'rss', rss: process.memoryUsage().rss });
  if (m.type === 'exit') void app.close().finally(() => process.exit(0));
});
process.send!({ type: 'ready', slug, url });
