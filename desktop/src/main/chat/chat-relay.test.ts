import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatConnectionStatus, ChatMessage, ChatOpenResult, IpcEvent } from '@lait/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '@lait/server/testing';
import { createMemorySessionStore } from '../account/session-store.js';
import { createDesktopCore, type DesktopCore } from '../desktop-core.js';
import { defaultSettings } from '../settings/settings-store.js';
import { call, connectViewer, startLaitServer, until, type ViewerSocket } from './test/lait-server.js';

type Server = Awaited<ReturnType<typeof startLaitServer>>;
type User = Awaited<ReturnType<Server['signUp']>>;

/**
 * The desktop core (account client, chat relay, validated IPC registry) against the real server
 * process, through a TCP proxy the test can cut: what the renderer sees is what `dispatch` answers
 * and what the core's event source relays.
 */
describe('chat relay against the real server', () => {
  let server: Server;
  let proxy: TcpProxy;
  let core: DesktopCore;
  let dataDir: string;
  let streamer: User;
  let viewer: User;
  let viewerSocket: ViewerSocket;
  const relayed: ChatMessage[] = [];
  const deleted: string[] = [];
  const states: ChatConnectionStatus[] = [];
  const viewerCounts: number[] = [];

  const dispatch = <T>(channel: IpcEvent | string, args?: unknown) => core.registry.dispatch(channel, args) as Promise<{ ok: boolean; data?: T; error?: { code: string } }>;
  const viewerSays = async (text: string) => {
    const ack = await call<{ id: string }>(viewerSocket, 'chat:send', { channel: streamer.slug, text, nonce: `n${Date.now()}${Math.random().toString(36).slice(2)}` });
    if (!ack.ok) throw new Error(`viewer send refused: ${ack.error.code}`);
    return ack.data.id;
  };

  beforeAll(async () => {
    server = await startLaitServer();
    proxy = await startTcpProxy(server.port);
    streamer = await server.signUp('방송하는사람');
    viewer = await server.signUp('보는사람');
    viewerSocket = await connectViewer(server.url, viewer.accessToken);
    expect((await call(viewerSocket, 'chat:join', { channel: streamer.slug })).ok).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'lait-desktop-chat-core-'));
    core = await createDesktopCore({
      ffmpeg: null, settingsFile: join(dataDir, 'settings.json'), recordDir: null, sessionStore: createMemorySessionStore(),
      defaults: defaultSettings('rtmp://127.0.0.1:1/live', `http://127.0.0.1:${proxy.port}`),
      runtime: { name: 'test', version: '0', platform: process.platform, versions: { electron: '', chrome: '', node: process.versions.node } },
    });
    core.events.on('chat:messages', (batch) => relayed.push(...batch));
    core.events.on('chat:deleted', (p) => deleted.push(...p.ids));
    core.events.on('chat:connection', (s) => states.push(s));
    core.events.on('chat:viewers', (p) => viewerCounts.push(p.count));
  }, 60_000);

  afterAll(async () => {
    viewerSocket?.disconnect();
    await core?.dispose();
    await proxy?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers CHAT_NOT_JOINED / UNAUTHORIZED before sign-in, then opens with history, settings and the streamer role', async () => {
    expect(await dispatch('chat:send', { text: '아직' })).toMatchObject({ ok: false, error: { code: 'CHAT_NOT_JOINED' } });
    expect(await dispatch('chat:open')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const before = await viewerSays('방송 전에 쓴 글');
    expect(await dispatch('auth:login', { email: streamer.email, password: streamer.password })).toMatchObject({ ok: true });
    const open = await dispatch<ChatOpenResult>('chat:open');
    expect(open.ok).toBe(true);
    expect(open.data).toMatchObject({ channel: streamer.slug, role: 'streamer', settings: { slowModeSec: 0, filterMode: 'mask' } });
    expect(open.data?.history.map((m) => [m.id, m.text])).toContainEqual([before, '방송 전에 쓴 글']);
    expect(open.data?.viewerCount).toBeGreaterThanOrEqual(1);
    expect(states.at(-1)).toEqual({ state: 'connected', code: null });
    expect(viewerCounts.length).toBeGreaterThan(0);
    // Idempotent: a second open (the panel re-mounting) answers the same snapshot on the same socket.
    const again = await dispatch<ChatOpenResult>('chat:open');
    expect(again.data?.history.map((m) => m.id)).toEqual(open.data?.history.map((m) => m.id));
    expect(states.filter((s) => s.state === 'connecting')).toHaveLength(1);
  });

  it('sends the streamer’s Korean text to a viewer, masked text answered as stored', async () => {
    const sent = await dispatch<{ id: string; text: string }>('chat:send', { text: '  안녕하세요 여러분 👋  ' });
    expect(sent).toMatchObject({ ok: true, data: { text: '안녕하세요 여러분 👋' } });
    await until('the viewer to get it', () => viewerSocket.received.some((m) => m.id === sent.data?.id));
    expect(viewerSocket.received.find((m) => m.id === sent.data?.id)?.user).toMatchObject({ id: streamer.id, role: 'streamer' });
    expect(await dispatch('chat:send', { text: '   ' })).toMatchObject({ ok: false, error: { code: 'CHAT_EMPTY' } });
  });

  it('relays a viewer’s message to the renderer event once', async () => {
    const id = await viewerSays('안녕하세요 👋');
    await until('the relayed message', () => relayed.some((m) => m.id === id));
    expect(relayed.filter((m) => m.id === id)).toHaveLength(1);
    expect(relayed.find((m) => m.id === id)).toMatchObject({ text: '안녕하세요 👋', user: { id: viewer.id, role: 'viewer' } });
  });

  it('re-joins after the connection drops and relays exactly the missed messages, once each', async () => {
    await proxy.cut();
    await until('reconnecting', () => states.at(-1)?.state === 'reconnecting');
    const missed = [await viewerSays('끊긴 동안 1'), await viewerSays('끊긴 동안 2')];
    await proxy.restore();
    await until('connected again', () => states.at(-1)?.state === 'connected', 20_000);
    await until('the missed messages', () => missed.every((id) => relayed.some((m) => m.id === id)));
    for (const id of missed) expect(relayed.filter((m) => m.id === id)).toHaveLength(1);
    expect(new Set(relayed.map((m) => m.id)).size).toBe(relayed.length);
    const open = await dispatch<ChatOpenResult>('chat:open');
    const ids = open.data?.history.map((m) => m.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(missed));
    // And sending works again on the new connection.
    expect(await dispatch('chat:send', { text: '다시 연결됐어요' })).toMatchObject({ ok: true });
  });

  it('deletes a viewer’s message and bans the viewer: both reach the viewer’s socket', async () => {
    const id = await viewerSays('지워질 메시지');
    await until('relayed', () => relayed.some((m) => m.id === id));
    expect(await dispatch('chat:delete', { messageId: id })).toEqual({ ok: true, data: null });
    await until('the viewer to see the deletion', () => viewerSocket.deleted.includes(id));
    await until('the relay to see it too', () => deleted.includes(id));
    expect((await dispatch<ChatOpenResult>('chat:open')).data?.history.some((m) => m.id === id)).toBe(false);

    expect(await dispatch('chat:timeout', { userId: viewer.id, seconds: 600 })).toMatchObject({ ok: true, data: { until: expect.any(String) } });
    const timedOut = await call(viewerSocket, 'chat:send', { channel: streamer.slug, text: '타임아웃 중', nonce: `t${Date.now()}abcdefgh` });
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'CHAT_TIMED_OUT' } });

    expect(await dispatch('chat:ban', { userId: viewer.id })).toEqual({ ok: true, data: null });
    const banned = await call(viewerSocket, 'chat:send', { channel: streamer.slug, text: '차단됐나요', nonce: `b${Date.now()}abcdefgh` });
    expect(banned).toMatchObject({ ok: false, error: { code: 'CHAT_BANNED' } });
    expect(await dispatch('chat:unban', { userId: viewer.id })).toEqual({ ok: true, data: null });
  });

  it('answers bad arguments with VALIDATION_FAILED and server refusals with their code, never a throw', async () => {
    for (const [channel, args] of [
      ['chat:send', { text: 7 }], ['chat:send', { text: 'hi', channel: 'other-channel' }], ['chat:delete', { messageId: 'abc' }],
      ['chat:timeout', { userId: viewer.id, seconds: -1 }], ['chat:ban', { userId: 'me' }], ['chat:ban', undefined],
    ] as const) {
      expect(await dispatch(channel, args), channel).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await dispatch('chat:send', { text: '가'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'CHAT_TOO_LONG' } });
    expect(await dispatch('chat:ban', { userId: streamer.id })).toMatchObject({ ok: false });
  });

  it('closes on sign-out: offline, and sending answers CHAT_NOT_JOINED', async () => {
    expect(await dispatch('auth:logout')).toMatchObject({ ok: true, data: { signedIn: false } });
    expect(states.at(-1)).toEqual({ state: 'offline', code: null });
    expect(await dispatch('chat:send', { text: '로그아웃 후' })).toMatchObject({ ok: false, error: { code: 'CHAT_NOT_JOINED' } });
  });
});
