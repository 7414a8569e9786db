import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ChatMessage } from '@lait/shared';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { signUp, type TestUser } from '../../test/users.js';
import { call, code, connect, listen, nonce, ok, slugOf, until, type ChatClient } from './test/chat-clients.js';

describe.each(DATABASE_KINDS)('chat moderation and limits (%s)', (kind) => {
  const t = useTestApp(kind, { RATE_LIMIT_SIGNUP_PER_HOUR: '1000' });
  let url: string;
  let owner: TestUser;
  let slug: string;
  let boss: ChatClient;
  let watcher: ChatClient;
  const sockets: ChatClient[] = [];
  const member = async () => {
    const user = await signUp(t.app);
    const socket = await connect(url, user.accessToken);
    sockets.push(socket);
    await ok(socket, 'chat:join', { channel: slug });
    return { user, socket };
  };
  const send = (s: ChatClient, text: string, n = nonce()) => call<{ id: string; text: string }>(s, 'chat:send', { channel: slug, text, nonce: n });
  const codeOf = (ack: Ack<unknown>) => (ack.ok ? 'OK' : ack.error.code);

  beforeAll(async () => {
    url = await listen(t.app);
    owner = await signUp(t.app);
    slug = await slugOf(t.app, owner.accessToken);
    boss = await connect(url, owner.accessToken);
    watcher = await connect(url);
    sockets.push(boss, watcher);
    expect((await ok<{ role: string }>(boss, 'chat:join', { channel: slug })).role).toBe('streamer');
    await ok(watcher, 'chat:join', { channel: slug });
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('lets only the streamer appoint moderators, and only moderators moderate', async () => {
    const mod = await member();
    const viewer = await member();
    expect(await code(viewer.socket, 'chat:ban', { channel: slug, userId: mod.user.id })).toBe('CHAT_FORBIDDEN');
    expect(await code(watcher, 'chat:clear', { channel: slug })).toBe('CHAT_AUTH_REQUIRED');
    await ok(boss, 'chat:moderator', { channel: slug, userId: mod.user.id, moderator: true });
    expect((await ok<{ role: string }>(mod.socket, 'chat:join', { channel: slug })).role).toBe('moderator');
    expect(await code(mod.socket, 'chat:moderator', { channel: slug, userId: viewer.user.id, moderator: true })).toBe('CHAT_FORBIDDEN');
    expect(await code(mod.socket, 'chat:ban', { channel: slug, userId: owner.id })).toBe('CHAT_FORBIDDEN');
    expect(await code(mod.socket, 'chat:timeout', { channel: slug, userId: viewer.user.id, seconds: 5 })).toBe('OK');
  });

  it('bans and unbans (the ban removes the user\'s recent messages)', async () => {
    const v = await member();
    const sent = await send(v.socket, '곧 밴 당할 메시지');
    expect(sent.ok).toBe(true);
    const deleted = new Promise<{ ids: string[] }>((r) => watcher.once('chat:deleted', r));
    await ok(boss, 'chat:ban', { channel: slug, userId: v.user.id });
    expect((await deleted).ids).toContain(sent.ok && sent.data.id);
    expect(codeOf(await send(v.socket, '밴 이후'))).toBe('CHAT_BANNED');
    const { history } = await ok<{ history: ChatMessage[] }>(watcher, 'chat:join', { channel: slug });
    expect(history.some((m) => m.user.id === v.user.id)).toBe(false);
    await ok(boss, 'chat:unban', { channel: slug, userId: v.user.id });
    expect(codeOf(await send(v.socket, '언밴 이후'))).toBe('OK');
  });

  it('tells a banned or timed-out viewer so when they (re)join, before they type', async () => {
    const v = await member();
    const rejoin = async () => {
      // A reload: a new socket with the same account.
      const again = await connect(url, v.user.accessToken);
      sockets.push(again);
      return (await ok<{ restriction: unknown }>(again, 'chat:join', { channel: slug })).restriction;
    };
    expect(await rejoin()).toBeNull();
    const { until: timedOutUntil } = await ok<{ until: string }>(boss, 'chat:timeout', { channel: slug, userId: v.user.id, seconds: 60 });
    expect(await rejoin()).toEqual({ kind: 'timedOut', until: timedOutUntil });
    await ok(boss, 'chat:ban', { channel: slug, userId: v.user.id });
    expect(await rejoin()).toEqual({ kind: 'banned' });
    await ok(boss, 'chat:unban', { channel: slug, userId: v.user.id });
    // The streamer is never restricted in their own chat, and a reader without an account has no restriction to show.
    expect((await ok<{ restriction: unknown }>(boss, 'chat:join', { channel: slug })).restriction).toBeNull();
    expect((await ok<{ restriction: unknown }>(watcher, 'chat:join', { channel: slug })).restriction).toBeNull();
  });

  it('times out with escalation: a second timeout within 24 h doubles', async () => {
    const v = await member();
    const first = await ok<{ until: string }>(boss, 'chat:timeout', { channel: slug, userId: v.user.id, seconds: 60 });
    const refused = await send(v.socket, '타임아웃 중');
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CHAT_TIMED_OUT', retryAfterSec: expect.any(Number) });
    const before = Date.now();
    const second = await ok<{ until: string }>(boss, 'chat:timeout', { channel: slug, userId: v.user.id, seconds: 60 });
    expect(Date.parse(second.until) - before).toBeGreaterThanOrEqual(119_000);
    expect(Date.parse(second.until)).toBeGreaterThan(Date.parse(first.until));
  });

  it('deletes a message and clears the chat, for history too', async () => {
    const v = await member();
    const a = await ok<{ id: string }>(v.socket, 'chat:send', { channel: slug, text: '지울 메시지', nonce: nonce() });
    const deleted = new Promise<{ ids: string[] }>((r) => watcher.once('chat:deleted', r));
    await ok(boss, 'chat:delete', { channel: slug, messageId: a.id });
    expect((await deleted).ids).toEqual([a.id]);
    let { history } = await ok<{ history: ChatMessage[] }>(watcher, 'chat:join', { channel: slug });
    expect(history.some((m) => m.id === a.id)).toBe(false);
    const cleared = new Promise((r) => watcher.once('chat:cleared', r));
    await ok(boss, 'chat:clear', { channel: slug });
    await cleared;
    ({ history } = await ok<{ history: ChatMessage[] }>(watcher, 'chat:join', { channel: slug }));
    expect(history).toEqual([]);
  });

  it('enforces slow mode with a retry-after, and exempts the streamer', async () => {
    const v = await member();
    const heard = new Promise<{ settings: { slowModeSec: number } }>((r) => watcher.once('chat:settings', r));
    await ok(boss, 'chat:settings', { channel: slug, slowModeSec: 2 });
    expect((await heard).settings.slowModeSec).toBe(2);
    expect(codeOf(await send(v.socket, '첫 메시지'))).toBe('OK');
    const slow = await send(v.socket, '두 번째');
    expect(slow.ok ? null : slow.error).toMatchObject({ code: 'CHAT_SLOW_MODE', retryAfterSec: 2 });
    expect(codeOf(await send(boss, '스트리머는 예외 1'))).toBe('OK');
    expect(codeOf(await send(boss, '스트리머는 예외 2'))).toBe('OK');
    await ok(boss, 'chat:settings', { channel: slug, slowModeSec: 0 });
  });

  it('enforces followers-only with a minimum follow age', async () => {
    const v = await member();
    await ok(boss, 'chat:settings', { channel: slug, followersOnlyMin: 0 });
    expect(codeOf(await send(v.socket, '팔로우 전'))).toBe('CHAT_FOLLOWERS_ONLY');
    const res = await t.app.inject({ method: 'POST', url: `/api/channels/${slug}/follow`, headers: { authorization: `Bearer ${v.user.accessToken}` } });
    expect(res.statusCode).toBeLessThan(300);
    expect(codeOf(await send(v.socket, '팔로우 후'))).toBe('OK');
    await ok(boss, 'chat:settings', { channel: slug, followersOnlyMin: 10 });
    expect(codeOf(await send(v.socket, '10분 전'))).toBe('CHAT_FOLLOWERS_ONLY');
    await ok(boss, 'chat:settings', { channel: slug, followersOnlyMin: null });
  });

  it('masks or blocks the base list and the channel\'s own words', async () => {
    const v = await member();
    const put = await t.app.inject({ method: 'PUT', url: '/api/me/channel/chat-words', headers: { authorization: `Bearer ${owner.accessToken}` }, payload: { words: ['바나나'] } });
    expect(put.json()).toEqual({ words: ['바나나'] });
    const masked = await ok<{ id: string; text: string }>(v.socket, 'chat:send', { channel: slug, text: '바나나 먹자', nonce: nonce() });
    expect(masked.text).not.toContain('바나나');
    await until('the masked frame', () => watcher.received.some((m) => m.id === masked.id));
    expect(watcher.received.find((m) => m.id === masked.id)!.text).toBe(masked.text);
    expect((await ok<{ text: string }>(v.socket, 'chat:send', { channel: slug, text: '시발 진짜', nonce: nonce() })).text).not.toContain('시발');
    await ok(boss, 'chat:settings', { channel: slug, filterMode: 'block' });
    expect(codeOf(await send(v.socket, '바나나 또 먹자'))).toBe('CHAT_FILTERED');
    await ok(boss, 'chat:settings', { channel: slug, filterMode: 'mask' });
  });

  it('refuses the same text twice (CHAT_DUPLICATE) and a burst (CHAT_RATE_LIMITED)', async () => {
    const v = await member();
    expect(codeOf(await send(v.socket, '똑같은 말'))).toBe('OK');
    expect(codeOf(await send(v.socket, '똑같은  말'))).toBe('CHAT_DUPLICATE');
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(codeOf(await send(v.socket, `빠른 메시지 ${i}`)));
    expect(codes).toContain('CHAT_RATE_LIMITED');
    expect(codes.filter((c) => c === 'OK').length).toBeLessThanOrEqual(8);
  });
});
