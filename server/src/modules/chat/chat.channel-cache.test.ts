import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp, type TestUser } from '../../test/users.js';
import { code, connect, listen, nonce, ok, slugOf, type ChatClient } from './test/chat-clients.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Issue 9, Medium #4: the channel cache is bounded, and a rename reaches chat at once. */
describe.each(DATABASE_KINDS)('chat channel cache (%s)', (kind) => {
  const t = useTestApp(kind);
  let url: string;
  const sockets: ChatClient[] = [];
  const open = async (token?: string) => {
    const s = await connect(url, token);
    sockets.push(s);
    return s;
  };
  const rename = async (user: TestUser, slug: string) => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/me/channel', headers: bearer(user), payload: { slug } });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    url = await listen(t.app);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  // The 150,000 on SQLite; fewer on MySQL, where each lookup is a network round trip.
  const lookups = kind === 'sqlite' ? 150_000 : 30_000;
  it(`keeps the cache bounded through ${lookups.toLocaleString('en')} lookups of random slugs`, { timeout: 240_000 }, async () => {
    const owner = await signUp(t.app);
    const real = await slugOf(t.app, owner.accessToken);
    const states = t.app.chat.states;
    const heapBefore = heapMb();
    for (let i = 0; i < lookups; i += 500) {
      await Promise.all(Array.from({ length: 500 }, () => states.get(`r${randomBytes(6).toString('hex')}`)));
    }
    expect(states.size.unknown).toBeLessThanOrEqual(1000);
    expect(states.size.states + states.size.slugs).toBeLessThanOrEqual(10);
    expect(heapMb() - heapBefore).toBeLessThan(10);
    expect((await states.get(real))?.slug).toBe(real);
  });

  it('follows a rename at once: the old slug is gone, the new one works, a banned user stays banned', async () => {
    const streamer = await signUp(t.app);
    const banned = await signUp(t.app);
    const oldSlug = await slugOf(t.app, streamer.accessToken);
    const boss = await open(streamer.accessToken);
    const troll = await open(banned.accessToken);
    await ok(boss, 'chat:join', { channel: oldSlug });
    await ok(troll, 'chat:join', { channel: oldSlug });
    await ok(boss, 'chat:send', { channel: oldSlug, text: 'before the rename', nonce: nonce() });
    await ok(boss, 'chat:ban', { channel: oldSlug, userId: banned.id });
    expect(await code(troll, 'chat:send', { channel: oldSlug, text: 'hi', nonce: nonce() })).toBe('CHAT_BANNED');

    const newSlug = `renamed-${randomBytes(3).toString('hex')}`;
    // Looked up (and not found) just before it exists: the negative entry must not outlive the rename.
    expect(await code(boss, 'chat:join', { channel: newSlug })).toBe('CHANNEL_NOT_FOUND');
    await rename(streamer, newSlug);
    expect(await code(troll, 'chat:send', { channel: oldSlug, text: 'through the old name', nonce: nonce() })).toBe('CHANNEL_NOT_FOUND');
    expect(await code(troll, 'chat:join', { channel: oldSlug })).toBe('CHANNEL_NOT_FOUND');
    const joined = await ok<{ history: { text: string }[]; role: string }>(troll, 'chat:join', { channel: newSlug });
    expect(joined.history.map((m) => m.text)).toContain('before the rename');
    expect(await code(troll, 'chat:send', { channel: newSlug, text: 'hi again', nonce: nonce() })).toBe('CHAT_BANNED');
    expect((await ok<{ role: string }>(boss, 'chat:join', { channel: newSlug })).role).toBe('streamer');

    // Another streamer takes the freed slug: it is their channel, not the previous owner's chat.
    const other = await signUp(t.app);
    await rename(other, oldSlug);
    const reader = await open(other.accessToken);
    const taken = await ok<{ history: { text: string }[]; role: string }>(reader, 'chat:join', { channel: oldSlug });
    expect(taken.role).toBe('streamer');
    expect(taken.history).toEqual([]);
  });
});
