import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { signUp, type TestUser } from '../../test/users.js';
import { call, code, connect, listen, nonce, ok, slugOf, until, type ChatClient } from './test/chat-clients.js';

describe.each(DATABASE_KINDS)('chat over Socket.IO (%s)', (kind) => {
  const t = useTestApp(kind);
  let url: string;
  let streamer: TestUser;
  let viewer: TestUser;
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
    viewer = await signUp(t.app);
    slug = await slugOf(t.app, streamer.accessToken);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('delivers a message to every joined socket as one batched frame and acks with its id', async () => {
    const reader = await open();
    const writer = await open(viewer.accessToken);
    const joined = await ok<{ role: string | null; viewerCount: number; settings: unknown }>(reader, 'chat:join', { channel: slug });
    expect(joined.role).toBeNull();
    expect(joined.settings).toEqual({ slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' });
    expect((await ok<{ role: string }>(writer, 'chat:join', { channel: slug })).role).toBe('viewer');
    const sent = await ok<{ id: string; text: string }>(writer, 'chat:send', { channel: slug, text: '  안녕하세요 라잇!  ', nonce: nonce() });
    expect(sent.text).toBe('안녕하세요 라잇!');
    await until('the frame', () => reader.received.length === 1);
    expect(reader.received[0]).toMatchObject({ id: sent.id, channel: slug, text: '안녕하세요 라잇!', user: { id: viewer.id, nickname: viewer.nickname, role: 'viewer' } });
  });

  it('stores before acknowledging: history survives and a resent nonce never duplicates', async () => {
    const s = await open(viewer.accessToken);
    await ok(s, 'chat:join', { channel: slug });
    const n = nonce();
    const first = await ok<{ id: string }>(s, 'chat:send', { channel: slug, text: 'once only', nonce: n });
    const again = await ok<{ id: string }>(s, 'chat:send', { channel: slug, text: 'once only', nonce: n });
    expect(again.id).toBe(first.id);
    const reader = await open();
    const { history } = await ok<{ history: { id: string; text: string }[] }>(reader, 'chat:join', { channel: slug });
    expect(history.filter((m) => m.text === 'once only')).toHaveLength(1);
    const since = await ok<{ history: { id: string }[] }>(reader, 'chat:join', { channel: slug, sinceId: String(Number(first.id) - 1) });
    expect(since.history.map((m) => m.id)).toEqual([first.id]);
  });

  it('counts viewers, not sockets: a user’s tabs once, anonymous pages each, the streamer not at all', async () => {
    const fresh = await signUp(t.app);
    const channel = await slugOf(t.app, fresh.accessToken);
    const own = await open(fresh.accessToken);
    expect((await ok<{ viewerCount: number }>(own, 'chat:join', { channel })).viewerCount).toBe(0);
    const tab1 = await open(viewer.accessToken);
    const tab2 = await open(viewer.accessToken);
    await ok(tab1, 'chat:join', { channel });
    expect((await ok<{ viewerCount: number }>(tab2, 'chat:join', { channel })).viewerCount).toBe(1);
    const anon = await open();
    expect((await ok<{ viewerCount: number }>(anon, 'chat:join', { channel })).viewerCount).toBe(2);
    // One tab closes: the user is still watching in the other.
    tab1.disconnect();
    const probe = await open();
    // Polling joins: a refusal by the socket's join rate limit just means "not yet".
    const viewers = async () => {
      const ack = await call<{ viewerCount: number }>(probe, 'chat:join', { channel });
      return ack.ok ? ack.data.viewerCount : -1;
    };
    await until('the closed tab to leave', async () => (await viewers()) === 3);
    tab2.disconnect();
    await until('the user to leave', async () => (await viewers()) === 2);
  });

  it('answers malformed payloads with a typed error and keeps the connection', async () => {
    const s = await open(viewer.accessToken);
    expect(await code(s, 'chat:join', { channel: 42 })).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:join', 'garbage')).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:send', { channel: slug, text: 'x', nonce: 'short' })).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:send', { channel: slug, text: 'x', nonce: nonce(), extra: true })).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:timeout', { channel: slug, userId: 1, seconds: -5 })).toBe('VALIDATION_FAILED');
    expect(await code(s, 'chat:join', null)).toBe('VALIDATION_FAILED');
    const raw = s as unknown as { emit(e: string, ...a: unknown[]): void };
    raw.emit('chat:send', { channel: slug, text: 'no ack', nonce: nonce() });
    raw.emit('chat:join', { channel: slug }, 'two', () => {});
    expect(await code(s, 'chat:join', { channel: 'no-such-channel' })).toBe('CHANNEL_NOT_FOUND');
    expect(s.connected).toBe(true);
  });

  it('refuses sends with CHAT_AUTH_REQUIRED, CHAT_NOT_JOINED, CHAT_EMPTY and CHAT_TOO_LONG', async () => {
    const anon = await open();
    await ok(anon, 'chat:join', { channel: slug });
    expect(await code(anon, 'chat:send', { channel: slug, text: 'hi', nonce: nonce() })).toBe('CHAT_AUTH_REQUIRED');
    const s = await open(viewer.accessToken);
    expect(await code(s, 'chat:send', { channel: slug, text: 'hi', nonce: nonce() })).toBe('CHAT_NOT_JOINED');
    await ok(s, 'chat:join', { channel: slug });
    // White space only (tab and line breaks are control characters: VALIDATION_FAILED, see chat-text.test.ts).
    expect(await code(s, 'chat:send', { channel: slug, text: ' \u3000\u00a0 ', nonce: nonce() })).toBe('CHAT_EMPTY');
    // 500 code points of astral characters are 1,000 UTF-16 units: still allowed.
    expect(await code(s, 'chat:send', { channel: slug, text: '😀'.repeat(500), nonce: nonce() })).toBe('OK');
    expect(await code(s, 'chat:send', { channel: slug, text: '가'.repeat(501), nonce: nonce() })).toBe('CHAT_TOO_LONG');
  });

  it('serves websockets without per-message deflate, so a room broadcast is framed once', () => {
    expect(t.app.io.engine.opts.perMessageDeflate).toBe(false);
  });

  it('rejects a handshake with a bad token but lets a tokenless socket read', async () => {
    await expect(connect(url, 'not-a-jwt')).rejects.toMatchObject({ data: { code: 'AUTH_TOKEN_INVALID' } });
    const anon = await open();
    expect((await call(anon, 'chat:join', { channel: slug })).ok).toBe(true);
  });
});
