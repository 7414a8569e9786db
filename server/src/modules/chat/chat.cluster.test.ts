import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@lait/shared';
import { signUp, type TestUser } from '../../test/users.js';
import { call, code, connect, nonce, ok, slugOf, until, type ChatClient } from './test/chat-clients.js';
import { useCluster } from './test/cluster.js';

describe('chat across two server processes on one Redis (mysql)', () => {
  const c = useCluster(2);
  let owner: TestUser;
  let slug: string;
  const sockets: ChatClient[] = [];
  const open = async (i: number, token?: string) => {
    const s = await connect(c.urls[i]!, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    owner = await signUp(c.apps[0]!);
    slug = await slugOf(c.apps[0]!, owner.accessToken);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('delivers a message sent on one process to a viewer on the other', async () => {
    const viewerOnB = await open(1);
    await ok(viewerOnB, 'chat:join', { channel: slug });
    const sender = await open(0, owner.accessToken);
    await ok(sender, 'chat:join', { channel: slug });
    const sent = await ok<{ id: string }>(sender, 'chat:send', { channel: slug, text: '다른 서버로', nonce: nonce() });
    await until('the message on B', () => viewerOnB.received.some((m) => m.id === sent.id));
  });

  it('applies a ban made on one process on the other at once', async () => {
    const user = await signUp(c.apps[0]!);
    const onB = await open(1, user.accessToken);
    await ok(onB, 'chat:join', { channel: slug });
    expect(await code(onB, 'chat:send', { channel: slug, text: '밴 전', nonce: nonce() })).toBe('OK');
    const mod = await open(0, owner.accessToken);
    await ok(mod, 'chat:join', { channel: slug });
    const banned = new Promise((r) => onB.on('chat:notice', (n) => n.code === 'USER_BANNED' && r(n)));
    await ok(mod, 'chat:ban', { channel: slug, userId: user.id });
    await banned;
    expect(await code(onB, 'chat:send', { channel: slug, text: '밴 후', nonce: nonce() })).toBe('CHAT_BANNED');
  });

  it('follows a rename made on one process on the other at once', async () => {
    const streamer = await signUp(c.apps[0]!);
    const before = await slugOf(c.apps[0]!, streamer.accessToken);
    const onB = await open(1);
    await ok(onB, 'chat:join', { channel: before });
    const after = `moved-${process.pid % 10_000}-${Date.now() % 100_000}`;
    const res = await c.apps[0]!.inject({ method: 'PATCH', url: '/api/me/channel', headers: { authorization: `Bearer ${streamer.accessToken}` }, payload: { slug: after } });
    expect(res.statusCode).toBe(200);
    // The invalidation crosses over Redis pub/sub: B drops its cached state as soon as it arrives.
    await until('B to forget the old slug', async () => (await code(onB, 'chat:join', { channel: before })) === 'CHANNEL_NOT_FOUND', 2000);
    expect((await ok<{ role: string | null }>(onB, 'chat:join', { channel: after })).role).toBeNull();
  });

  it('adds viewer counts up across processes (socket events and the REST directory)', async () => {
    const other = await signUp(c.apps[0]!);
    const room = await slugOf(c.apps[0]!, other.accessToken);
    const onA = await Promise.all([open(0), open(0), open(0)]);
    const onB = await Promise.all([open(1), open(1)]);
    for (const s of [...onA, ...onB]) await ok(s, 'chat:join', { channel: room });
    const seen = new Map<ChatClient, number>();
    for (const s of [onA[0]!, onB[0]!]) s.on('chat:viewers', (p) => seen.set(s, p.count));
    await until('both processes to count 5', () => seen.get(onA[0]!) === 5 && seen.get(onB[0]!) === 5, 8000);
    const channel = await c.apps[1]!.channels.repository.findBySlug(room);
    expect((await c.apps[1]!.viewers.presence.forChannels([channel!.id])).get(channel!.id)).toBe(5);
    onB[1]!.disconnect();
    await until('the count to drop to 4', () => seen.get(onA[0]!) === 4, 8000);
  });

  it('counts a signed-in user with tabs on both processes once', async () => {
    const streamer = await signUp(c.apps[0]!);
    const room = await slugOf(c.apps[0]!, streamer.accessToken);
    const fan = await signUp(c.apps[0]!);
    const tabs = await Promise.all([open(0, fan.accessToken), open(1, fan.accessToken), open(1, fan.accessToken)]);
    const anonymous = await open(0);
    for (const s of [...tabs, anonymous]) await ok(s, 'chat:join', { channel: room });
    const seen = new Map<ChatClient, number>();
    for (const s of [tabs[0]!, tabs[1]!]) s.on('chat:viewers', (p) => seen.set(s, p.count));
    await until('both processes to count 2 (the fan once, the anonymous page)', () => seen.get(tabs[0]!) === 2 && seen.get(tabs[1]!) === 2, 8000);
    const channel = await c.apps[1]!.channels.repository.findBySlug(room);
    expect((await c.apps[0]!.viewers.presence.forChannels([channel!.id])).get(channel!.id)).toBe(2);
    // The fan closes the tab on A: still watching on B.
    tabs[0]!.disconnect();
    anonymous.disconnect();
    await until('the count to be 1 on B', () => seen.get(tabs[1]!) === 1, 8000);
  });

  it('reconnects to the other process mid-stream: nothing missed, nothing stored twice', async () => {
    const sender = await open(0, owner.accessToken);
    await ok(sender, 'chat:join', { channel: slug });
    const reader = await open(1);
    await ok(reader, 'chat:join', { channel: slug });
    const sentIds: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < 120; i++) {
        sentIds.push((await ok<{ id: string }>(sender, 'chat:send', { channel: slug, text: `stream ${i}`, nonce: nonce() })).id);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await until('some messages', () => reader.received.filter((m) => m.text.startsWith('stream')).length >= 30, 10_000);
    reader.io.engine.close(); // the connection drops (as a network cut would)
    const before = reader.received.filter((m) => m.text.startsWith('stream'));
    await new Promise((r) => setTimeout(r, 300));
    const back = await open(0);
    const since = before.at(-1)!.id;
    const { history } = await ok<{ history: ChatMessage[] }>(back, 'chat:join', { channel: slug, sinceId: since });
    await sending;
    await until('the tail', () => back.received.some((m) => m.id === sentIds.at(-1)), 10_000);
    // What the reader's list holds: before the cut, the join's history, then the live stream, merged
    // by id as the chat client does (a message stored while the join runs may come both ways).
    const merged = new Map([...before, ...history, ...back.received].filter((m) => m.text.startsWith('stream')).map((m) => [m.id, m]));
    // Every acknowledged message once, no other: a resend stored twice would show as an extra id.
    expect([...merged.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(sentIds);
    expect(new Set([...merged.values()].map((m) => m.text)).size).toBe(sentIds.length);
  });

  it('keeps chatting on a process whose Redis is gone, and crosses processes again when it is back', async () => {
    const sender = await open(0, owner.accessToken);
    await ok(sender, 'chat:join', { channel: slug });
    const localViewer = await open(0);
    await ok(localViewer, 'chat:join', { channel: slug });
    await c.relays[0]!.cut();
    await until('A to notice', () => c.apps[0]!.redis?.status !== 'ready');
    const during = await call<{ id: string }>(sender, 'chat:send', { channel: slug, text: 'Redis 없이', nonce: nonce() });
    expect(during.ok).toBe(true);
    await until('the local frame', () => localViewer.received.some((m) => during.ok && m.id === during.data.id));
    await c.relays[0]!.restore();
    await until('A to reconnect', () => c.apps[0]!.redis?.status === 'ready', 10_000);
    const viewerOnB = await open(1);
    const { history } = await ok<{ history: ChatMessage[] }>(viewerOnB, 'chat:join', { channel: slug });
    await until('the history resync', async () => {
      // Polling joins: a refusal by the socket's join rate limit just means "not yet".
      const h = await call<{ history: ChatMessage[] }>(viewerOnB, 'chat:join', { channel: slug });
      return h.ok && h.data.history.some((m) => m.text === 'Redis 없이');
    });
    expect(history.length).toBeGreaterThan(0);
    const after = await ok<{ id: string }>(sender, 'chat:send', { channel: slug, text: 'Redis 복구 후', nonce: nonce() });
    expect(Number(after.id)).toBeGreaterThan(Number(during.ok && during.data.id));
    await until('the message on B again', () => viewerOnB.received.some((m) => m.id === after.id), 10_000);
  });
});
