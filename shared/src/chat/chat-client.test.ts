import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, type ChatClientListener, type ChatClientOptions, type ChatSocket } from './chat-client.js';
import type { ChatJoinResult, ChatMessage } from './messages.js';
import { FakeChatSocket as FakeSocket } from './fake-chat-socket.js';

const joinResult: ChatJoinResult = { history: [], viewerCount: 1, settings: { slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' }, role: 'viewer', hasMore: false, restriction: null };
const message = (id: string, channel = 'alpha'): ChatMessage => ({
  id, channel, user: { id: 7, nickname: '시청자', role: 'viewer' }, text: '안녕', createdAt: new Date(0).toISOString(), nonce: `nonce-${id}`,
});

function setup(overrides: Partial<ChatClientOptions> = {}) {
  let socket: FakeSocket | undefined;
  let lastId: string | null = null;
  const calls: { status: [string, string | null][]; messages: ChatMessage[][]; tokens: boolean[] } = { status: [], messages: [], tokens: [] };
  const listener: ChatClientListener = {
    status: (state, code) => calls.status.push([state, code]),
    joined: () => {},
    messages: (m) => calls.messages.push(m),
    deleted: () => {}, cleared: () => {}, viewers: () => {}, settings: () => {}, notice: () => {},
  };
  const client = createChatClient({
    slug: 'alpha',
    listener,
    lastId: () => lastId,
    getToken: (renew) => (calls.tokens.push(renew), Promise.resolve('token')),
    createSocket: (auth) => (socket = new FakeSocket(auth)) as unknown as ChatSocket,
    whenAuthRefused: 'stop',
    ackTimeoutMs: 1_000,
    ...overrides,
  });
  return { client, calls, socket: () => socket!, setLastId: (id: string) => (lastId = id) };
}

const handshake = (socket: FakeSocket) => new Promise<{ token?: string }>((resolve) => socket.auth(resolve));

describe('chat client', () => {
  afterEach(() => vi.useRealTimers());

  it('joins on connect, and after a drop re-joins asking only for what came after the last id', async () => {
    const { client, socket, setLastId, calls } = setup();
    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult }));
    socket().open();
    await expect(client.whenJoined(1_000)).resolves.toBe(true);
    expect(socket().sent('chat:join')[0]!.payload).toEqual({ channel: 'alpha' });

    setLastId('41');
    socket().drop();
    expect(calls.status.at(-1)).toEqual(['reconnecting', 'SERVICE_UNAVAILABLE']);
    socket().open();
    await expect(client.whenJoined(1_000)).resolves.toBe(true);
    expect(socket().sent('chat:join')[1]!.payload).toEqual({ channel: 'alpha', sinceId: '41' });
    client.close();
  });

  it('passes on only its own channel’s messages', async () => {
    const { client, socket, calls } = setup();
    socket().fire('chat:messages', [message('1'), message('2', 'other')]);
    socket().fire('chat:messages', [message('3', 'other')]);
    expect(calls.messages.map((batch) => batch.map((m) => m.id))).toEqual([['1']]);
    client.close();
  });

  it('resends the same payload after an ack timeout and gives up after three silent attempts', async () => {
    vi.useFakeTimers();
    const { client, socket } = setup();
    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult }));
    socket().open();
    const payload = { channel: 'alpha', text: '안녕', nonce: 'nonce-abcdef' };
    const result = client.request('chat:send', payload);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(socket().sent('chat:send').map((e) => e.payload)).toEqual([payload, payload, payload]);
    await expect(result).resolves.toEqual({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the chat server' } });
    client.close();
  });

  it('re-joins when the server forgot the join, then sends again', async () => {
    const { client, socket } = setup();
    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult }));
    socket().open();
    let refusals = 1;
    socket().answers.set('chat:send', () =>
      refusals-- > 0 ? { ok: false, error: { code: 'CHAT_NOT_JOINED', message: 'join first' } } : { ok: true, data: { id: '5', text: '안녕' } });
    await expect(client.request('chat:send', { channel: 'alpha', text: '안녕', nonce: 'nonce-abcdef' })).resolves.toEqual({ ok: true, data: { id: '5', text: '안녕' } });
    expect(socket().sent('chat:join')).toHaveLength(2);
    client.close();
  });

  it('answers a refusal with its code, and an unknown code as INTERNAL', async () => {
    const { client, socket } = setup();
    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult }));
    socket().open();
    socket().answers.set('chat:send', () => ({ ok: false, error: { code: 'CHAT_SLOW_MODE', message: 'slow', retryAfterSec: 3 } }));
    await expect(client.request('chat:send', { channel: 'alpha', text: 'a', nonce: 'nonce-abcdef' })).resolves.toEqual({
      ok: false, error: { code: 'CHAT_SLOW_MODE', message: 'slow', retryAfterSec: 3 },
    });
    socket().answers.set('chat:clear', () => ({ ok: false, error: { code: 'SOMETHING_NEW' as 'INTERNAL', message: 'new' } }));
    await expect(client.request('chat:clear', { channel: 'alpha' })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    client.close();
  });

  it('renews the token after a refused handshake and stops after two, saying why', async () => {
    vi.useFakeTimers();
    const { client, socket, calls } = setup({ whenAuthRefused: 'stop' });
    const opened = client.whenJoined(60_000);
    await handshake(socket());
    socket().refuse('AUTH_TOKEN_EXPIRED');
    await vi.advanceTimersByTimeAsync(1_000);
    await handshake(socket());
    expect(calls.tokens).toEqual([false, true]);
    socket().refuse('AUTH_TOKEN_EXPIRED');
    expect(calls.status.at(-1)).toEqual(['offline', 'AUTH_TOKEN_EXPIRED']);
    await expect(opened).resolves.toBe(false);
    expect(client.lastError()).toEqual({ code: 'AUTH_TOKEN_EXPIRED', message: 'refused' });
    client.close();
  });

  it('reads anonymously after two refused handshakes when asked to', async () => {
    vi.useFakeTimers();
    const { client, socket, calls } = setup({ whenAuthRefused: 'read-anonymously' });
    socket().refuse('AUTH_TOKEN_INVALID');
    socket().refuse('AUTH_TOKEN_INVALID');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(handshake(socket())).resolves.toEqual({});
    expect(calls.status.at(-1)).toEqual(['reconnecting', 'AUTH_TOKEN_INVALID']);
    socket().answers.set('chat:join', () => ({ ok: true, data: { ...joinResult, role: null } }));
    socket().open();
    await expect(client.whenJoined(1_000)).resolves.toBe(true);
    expect(calls.status.at(-1)).toEqual(['connected', 'UNAUTHORIZED']);
    client.close();
    expect(calls.status.at(-1)).toEqual(['offline', null]);
  });
});
