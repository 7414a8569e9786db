import type { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createAccountClient } from '../account/account-client.js';
import { createBroadcastEngine } from '../broadcast/broadcast-engine.js';
import { createChatRelay } from '../chat/chat-relay.js';
import { createIpcEventSource } from './ipc-events.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { createIpcRegistry } from './ipc-registry.js';
import { startWsBridgeServer } from './ws-bridge-server.js';

const fakeSpawn = (() => Object.assign(new EventEmitter(), {
  stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), kill: () => true,
}) as unknown as ChildProcessWithoutNullStreams) as unknown as typeof spawn;

/** The registry and event sources of main, with a fake ffmpeg and no server behind them. */
function desktopMain() {
  const engine = createBroadcastEngine({ ffmpegPath: '/usr/bin/ffmpeg', spawn: fakeSpawn, stopTimeoutMs: 50 });
  const account = createAccountClient({ serverUrl: 'http://127.0.0.1:1' });
  const chat = createChatRelay({ account });
  const unused = () => { throw new Error('unused'); };
  const registry = createIpcRegistry(createIpcHandlers({
    engine, recordDir: null, listSources: async () => [], account, chat,
    kakao: { signIn: unused, cancel: () => false },
    measureSetup: unused, hardwareEncoders: async () => [],
    settings: { get: unused, set: unused },
    appInfo: unused,
  }));
  return { engine, chat, registry };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('web bridge server', () => {
  it('validates calls like ipcMain does and pushes engine events', async () => {
    const { engine, chat, registry } = desktopMain();
    const server = await startWsBridgeServer({ registry, events: createIpcEventSource(engine, chat) });
    close = server.close;
    const ws = new WebSocket(server.url);
    const inbox: unknown[] = [];
    ws.on('message', (d) => inbox.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 1, channel: 'broadcast:start', args: { rtmpUrl: 'nope' } }));
    ws.send(JSON.stringify({ id: 2, channel: 'broadcast:start', args: {
      target: { kind: 'custom', rtmpUrl: 'rtmp://127.0.0.1:1/live', streamKey: 'k' },
      video: { width: 320, height: 180, fps: 15, bitrateKbps: 300, keyframeSec: 1, encoder: 'copy' },
      audio: { bitrateKbps: 64 }, input: { kind: 'stream', container: 'webm' },
    } }));
    // Writes follow the start's answer, as the renderer's do (it writes once it sees `connecting`).
    const answered = (id: number) => inbox.some((m) => (m as { id?: number }).id === id);
    await vi.waitFor(() => expect(answered(2)).toBe(true));
    ws.send(JSON.stringify({ id: 3, channel: 'broadcast:write', args: { epoch: 1, data: { $bytes: 'GkXfow==' } } }));
    await vi.waitFor(() => expect(answered(3)).toBe(true));
    expect(inbox).toContainEqual({ id: 1, ack: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }) });
    expect(inbox).toContainEqual({ id: 2, ack: expect.objectContaining({ ok: true }) });
    expect(inbox).toContainEqual({ id: 3, ack: { ok: true, data: { accepted: true, queuedBytes: expect.any(Number) } } });
    expect(inbox).toContainEqual({ event: 'broadcast:state', payload: expect.objectContaining({ state: 'connecting' }) });
    ws.close();
    await engine.stop();
  });
});

describe('web bridge server origins', () => {
  it('refuses pages from other origins when origins are given (web preview), accepts its own', async () => {
    const { engine, chat, registry } = desktopMain();
    const server = await startWsBridgeServer({ registry, events: createIpcEventSource(engine, chat), allowedOrigins: ['http://127.0.0.1:5190'] });
    close = server.close;
    const outcome = (origin: string) => new Promise<string>((resolve) => {
      const ws = new WebSocket(server.url, { origin });
      ws.once('open', () => { ws.close(); resolve('open'); });
      ws.once('error', (err) => resolve(String(err.message)));
    });
    expect(await outcome('http://evil.example')).toContain('401');
    expect(await outcome('http://127.0.0.1:5190')).toBe('open');
  });
});
