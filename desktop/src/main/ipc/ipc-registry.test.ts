import type { BroadcastStatus } from '@lait/shared';
import { describe, expect, it, vi } from 'vitest';
import { createIpcRegistry, type IpcHandlers } from './ipc-registry.js';

const status: BroadcastStatus = { state: 'idle', since: 0, epoch: 0, attempt: 0 };
const validStart = {
  target: { kind: 'custom', rtmpUrl: 'rtmp://127.0.0.1:1935/live', streamKey: 'abc_123' },
  video: { width: 1280, height: 720, fps: 30, bitrateKbps: 2500, keyframeSec: 1, encoder: 'x264' },
  audio: { bitrateKbps: 128 },
  input: { kind: 'stream', container: 'webm' },
};

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    'app:info': () => ({ name: 'lait', version: '0', platform: 'linux', versions: { electron: '', chrome: '', node: '' }, ffmpeg: null, recordDir: null }),
    'settings:get': vi.fn(),
    'settings:set': vi.fn(),
    'sources:list': () => [],
    'auth:status': () => ({ signedIn: false, serverUrl: 'http://x', user: null }),
    'auth:login': vi.fn(),
    'auth:logout': vi.fn(),
    'auth:kakao': vi.fn(),
    'auth:kakao-cancel': () => null,
    'channel:get': vi.fn(),
    'channel:update': vi.fn(),
    'channel:categories': () => [],
    'setup:measure': vi.fn(),
    'setup:encoders': () => ({ hardware: [] }),
    'broadcast:start': vi.fn(() => ({ ok: true as const, data: status })),
    'broadcast:write': () => ({ accepted: true, queuedBytes: 0 }),
    'broadcast:stop': () => status,
    'broadcast:retry': () => status,
    'broadcast:status': () => status,
    'chat:open': vi.fn(),
    'chat:send': vi.fn(),
    'chat:delete': vi.fn(),
    'chat:timeout': vi.fn(),
    'chat:ban': vi.fn(),
    'chat:unban': vi.fn(),
    'chat:clear': vi.fn(),
    'moderation:get': vi.fn(),
    'moderation:appoint': vi.fn(),
    'moderation:remove': vi.fn(),
    'moderation:unban': vi.fn(),
    'chat:close': () => null,
    ...overrides,
  };
}

describe('ipc registry', () => {
  it('rejects bad arguments with VALIDATION_FAILED before the handler runs', async () => {
    const h = handlers();
    const reg = createIpcRegistry(h);
    const bad = [
      undefined,
      {},
      { ...validStart, target: { ...validStart.target, streamKey: 'has space' } },
      { ...validStart, target: { ...validStart.target, rtmpUrl: 'http://evil' } },
      { ...validStart, target: { kind: 'account', streamKey: 'smuggled' } },
      { ...validStart, rtmpUrl: 'rtmp://127.0.0.1/live', streamKey: 'k' },
      { ...validStart, video: { ...validStart.video, fps: 1000 } },
      { ...validStart, recordPath: '/etc/passwd' },
    ];
    for (const args of bad) {
      const ack = await reg.dispatch('broadcast:start', args);
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('VALIDATION_FAILED');
    }
    expect(h['broadcast:start']).not.toHaveBeenCalled();
  });

  it('passes valid arguments and wraps plain results in an ok Ack', async () => {
    const reg = createIpcRegistry(handlers());
    expect(await reg.dispatch('broadcast:start', validStart)).toEqual({ ok: true, data: status });
    expect(await reg.dispatch('broadcast:status', undefined)).toEqual({ ok: true, data: status });
  });

  it('accepts bytes for broadcast:write and refuses a string', async () => {
    const reg = createIpcRegistry(handlers());
    expect((await reg.dispatch('broadcast:write', { epoch: 1, data: new Uint8Array([1, 2]) })).ok).toBe(true);
    expect((await reg.dispatch('broadcast:write', { epoch: 1, data: 'AQI=' })).ok).toBe(false);
  });

  it('validates account and channel arguments', async () => {
    const h = handlers();
    const reg = createIpcRegistry(h);
    for (const args of [undefined, { email: 'a@b.c' }, { email: 'not-an-email', password: 'x' }, { email: 'a@b.c', password: 'x', token: 't' }]) {
      expect(await reg.dispatch('auth:login', args)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    for (const args of [{}, { title: '' }, { category: 'Bad Slug' }, { slug: 'other' }]) {
      expect(await reg.dispatch('channel:update', args)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(h['auth:login']).not.toHaveBeenCalled();
    expect(h['channel:update']).not.toHaveBeenCalled();
    expect((await reg.dispatch('channel:update', { title: '새 방송', category: null })).ok).toBe(true);
  });

  it('validates chat arguments: no channel or nonce from the renderer, ids and durations in range', async () => {
    const h = handlers();
    const reg = createIpcRegistry(h);
    const bad: [Parameters<typeof reg.dispatch>[0], unknown][] = [
      ['chat:send', undefined], ['chat:send', { text: 42 }], ['chat:send', { text: 'x'.repeat(4001) }],
      ['chat:send', { text: 'hi', channel: 'other' }], ['chat:send', { text: 'hi', nonce: 'abcdefgh' }],
      ['chat:delete', { messageId: 'abc' }], ['chat:delete', { messageId: '1', channel: 'other' }],
      ['chat:timeout', { userId: 2, seconds: 0 }], ['chat:timeout', { userId: 0, seconds: 600 }], ['chat:timeout', { userId: 2 }],
      ['chat:ban', { userId: '2' }], ['chat:unban', {}], ['chat:open', { channel: 'other' }],
    ];
    for (const [channel, args] of bad) {
      expect(await reg.dispatch(channel, args), `${channel} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    for (const c of ['chat:send', 'chat:delete', 'chat:timeout', 'chat:ban', 'chat:unban', 'chat:open'] as const) expect(h[c]).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with IPC_UNKNOWN_CHANNEL', async () => {
    const reg = createIpcRegistry(handlers());
    for (const channel of ['shell:exec', 42, null, '__proto__', 'toString']) {
      const ack = await reg.dispatch(channel, undefined);
      expect(ack).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    }
  });

  it('turns a throwing or rejecting handler into INTERNAL without leaking the message', async () => {
    const log = vi.fn();
    const reg = createIpcRegistry(
      handlers({
        'broadcast:status': () => {
          throw new Error('secret path /home/x');
        },
        'broadcast:stop': () => Promise.reject(new Error('boom')),
      }),
      log,
    );
    await expect(reg.dispatch('broadcast:status', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error' },
    });
    await expect(reg.dispatch('broadcast:stop', undefined)).resolves.toMatchObject({ ok: false });
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('passes an error Ack from a handler through unchanged', async () => {
    const refused = { ok: false as const, error: { code: 'BROADCAST_ALREADY_LIVE' as const, message: 'live' } };
    const reg = createIpcRegistry(handlers({ 'broadcast:start': () => refused }));
    expect(await reg.dispatch('broadcast:start', validStart)).toEqual(refused);
  });
});
