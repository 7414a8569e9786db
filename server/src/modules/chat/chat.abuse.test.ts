import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient } from 'socket.io-client';
import { CHAT_PAGE_SIZE, type ChatMessage } from '@lait/shared';
import { probeHealth, samplePeak } from '../../test/abuse/health-probe.js';
import { inChild } from '../../test/abuse/in-child.js';
import { seedLongChat } from '../../test/abuse/seed-chat.js';
import { useTestApp } from '../../test/test-app.js';
import { signUp, type TestUser } from '../../test/users.js';
import { call, code, connect, listen, nonce, ok, slugOf, until, type ChatClient } from './test/chat-clients.js';

const SEEDED = 3000;

/** Issue 9, High #1: joins can no longer make the server read, build and hold unbounded history. */
describe('chat under a join flood (sqlite)', () => {
  const t = useTestApp('sqlite', { CHAT_SOCKETS_PER_ADDRESS: '20' });
  let url: string;
  let streamer: TestUser;
  let slug: string;
  const sockets: ChatClient[] = [];
  const open = async (token?: string) => {
    const s = await connect(url, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    url = await listen(t.app);
    streamer = await signUp(t.app);
    slug = await slugOf(t.app, streamer.accessToken);
    const channel = await t.app.channels.repository.findBySlug(slug);
    await seedLongChat(t.app.db, channel!.id, streamer.id, SEEDED);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('answers a join with the newest page and serves older pages through chat:history', async () => {
    const s = await open();
    const first = await ok<{ history: ChatMessage[]; hasMore: boolean }>(s, 'chat:join', { channel: slug, sinceId: '0' });
    expect(first.history.map((m) => Number(m.id))).toEqual(range(SEEDED - CHAT_PAGE_SIZE + 1, SEEDED));
    expect(first.hasMore).toBe(true);
    const older = await ok<{ messages: ChatMessage[]; hasMore: boolean }>(s, 'chat:history', { channel: slug, beforeId: first.history[0]!.id, limit: 50 });
    expect(older.messages.map((m) => Number(m.id))).toEqual(range(SEEDED - CHAT_PAGE_SIZE - 49, SEEDED - CHAT_PAGE_SIZE));
    expect(older.hasMore).toBe(true);
    const oldest = await ok<{ messages: ChatMessage[]; hasMore: boolean }>(s, 'chat:history', { channel: slug, beforeId: '3' });
    expect(oldest).toMatchObject({ messages: [{ id: '1' }, { id: '2' }], hasMore: false });
    expect(await code(s, 'chat:history', { channel: slug, beforeId: '10', limit: CHAT_PAGE_SIZE + 1 })).toBe('VALIDATION_FAILED');
    const stranger = await open();
    expect(await code(stranger, 'chat:history', { channel: slug, beforeId: '10' })).toBe('CHAT_NOT_JOINED');
  });

  it('refuses joins past the socket’s queue and burst, and drops a socket that ignores its refusals', async () => {
    const s = await open();
    const burst = await Promise.all(Array.from({ length: 15 }, () => call<unknown>(s, 'chat:join', { channel: slug })));
    // One runs at a time, two may wait, and the socket's burst is 10: the rest are refused, typed.
    expect(burst.filter((a) => a.ok).length).toBeLessThanOrEqual(10);
    const refused = burst.flatMap((a) => (a.ok ? [] : [a.error]));
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0]).toMatchObject({ code: 'CHAT_RATE_LIMITED', retryAfterSec: expect.any(Number) });
    expect(s.connected).toBe(true);
    const flood = await Promise.all(Array.from({ length: 200 }, () => call<unknown>(s, 'chat:join', { channel: slug }).catch(() => null)));
    expect(flood.filter((a) => a?.ok).length).toBeLessThanOrEqual(3);
    await until('the socket to be dropped', () => !s.connected, 10_000);
  });

  it('caps sockets per address and lets a new one in when one closes', async () => {
    const mine: ChatClient[] = [];
    let refusal: { code?: string } | undefined;
    for (let i = 0; i < 25 && refusal === undefined; i++) {
      const s = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true }) as ChatClient;
      refusal = await new Promise<{ code?: string } | undefined>((resolve) => {
        s.once('connect', () => resolve(undefined));
        s.once('connect_error', (err) => resolve((err as { data?: { code?: string } }).data ?? { code: err.message }));
      });
      if (refusal === undefined) mine.push(s);
      else s.close();
    }
    expect(refusal).toMatchObject({ code: 'CHAT_RATE_LIMITED' });
    expect(mine.length).toBeLessThanOrEqual(20);
    mine.pop()!.disconnect();
    await until('a freed slot', async () => {
      try {
        mine.push(await connect(url));
        return true;
      } catch {
        return false;
      }
    });
    mine.forEach((s) => s.disconnect());
  });

  it('refuses a message with a lone surrogate (VALIDATION_FAILED) and keeps a paired one', async () => {
    const viewer = await signUp(t.app);
    const s = await open(viewer.accessToken);
    await ok(s, 'chat:join', { channel: slug });
    expect(await code(s, 'chat:send', { channel: slug, text: 'broken \uD83D here', nonce: nonce() })).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:send', { channel: slug, text: 'lone low \uDE00', nonce: nonce() })).toBe('VALIDATION_FAILED');
    const sent = await ok<{ text: string }>(s, 'chat:send', { channel: slug, text: 'paired 😀', nonce: nonce() });
    expect(sent.text).toBe('paired 😀');
  });
  it('keeps /api/health under 200 ms and RSS within 50 MB while one socket keeps 500 joins (sinceId 0) in flight', async () => {
    const viewers = async () => (await t.app.inject({ method: 'GET', url: `/api/channels/${slug}` })).json().viewerCount as number;
    const viewersBefore = await viewers();
    const rssBefore = process.memoryUsage().rss;
    const rss = samplePeak(() => process.memoryUsage().rss);
    const health = probeHealth(url);
    const flood = await inChild('join-flood', { url, channel: slug, inFlight: 500, sinceId: '0', durationMs: 8000, reconnect: true });
    const { latencies, failures } = await health.stop();
    const peak = await rss.stop();
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!;
    expect(failures).toBe(0);
    expect(latencies.length).toBeGreaterThan(50);
    expect(p99).toBeLessThan(200);
    expect((peak - rssBefore) / 2 ** 20).toBeLessThan(50);
    // What got through was a page each, and little of it: the rest was refused, cheaply and typed.
    expect(flood.messages).toBeLessThanOrEqual(flood.ok * CHAT_PAGE_SIZE);
    expect(flood.ok).toBeLessThan(flood.sent / 10);
    expect(flood.refused['CHAT_RATE_LIMITED']).toBeGreaterThan(0);
    // Sockets dropped in the middle of a join leave nothing behind in the viewer count.
    await until('the flood’s sockets to leave the count', async () => (await viewers()) === viewersBefore, 10_000);
  });
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
