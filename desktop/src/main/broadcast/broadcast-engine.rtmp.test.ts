import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BroadcastState, BroadcastStatus } from '@lait/shared';
import { findRtmpModule } from '@lait/nginx-rtmp';
import { freePort } from '@lait/testkit/ports';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBroadcastEngine, type BroadcastEngine, type BroadcastStartOptions } from './broadcast-engine.js';
import { resolveFfmpeg } from './ffmpeg-path.js';

/** These tests need the real parts; a machine without them fails here, saying what to install (npm test installs both). */
function requireFfmpeg(): string {
  const found = resolveFfmpeg({ envPath: process.env.PATH })?.path;
  if (!found) throw new Error('ffmpeg not found on PATH: install it (apt-get install ffmpeg) or run npm test, which does');
  return found;
}
let ffmpeg = '';

/** Stand-in RTMP server until nginx-rtmp's startNginx is available: one ffmpeg that accepts one publish. */
function startReceiver(port: number) {
  const proc = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-nostats', '-listen', '1', '-f', 'flv',
    '-i', `rtmp://127.0.0.1:${port}/live/x`, '-c', 'copy', '-f', 'null', '-progress', 'pipe:1', '-']);
  let frames = 0;
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    for (const m of d.matchAll(/^frame=(\d+)/gm)) frames = Number(m[1]);
  });
  return { proc, frames: () => frames };
}

function waitFor(engine: BroadcastEngine, state: BroadcastState, ms: number): Promise<BroadcastStatus> {
  return new Promise((resolve, reject) => {
    if (engine.status().state === state) return resolve(engine.status());
    const timer = setTimeout(() => reject(new Error(`no ${state} within ${ms} ms (now ${engine.status().state})`)), ms);
    const off = engine.on('state', (s) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const until = async (cond: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Whether something accepts TCP connections on the port (nginx does; never used on ffmpeg's one-shot listener). */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const job = (port: number, key = 'x'): BroadcastStartOptions => ({
  rtmpUrl: `rtmp://127.0.0.1:${port}/live`,
  streamKey: key,
  video: { width: 320, height: 180, fps: 15, bitrateKbps: 300, keyframeSec: 1, encoder: 'x264' },
  audio: { bitrateKbps: 64 },
  input: { kind: 'testsrc' },
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const kill = (p: ChildProcess) => () => {
  if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
};

describe('broadcast engine against a real RTMP receiver', () => {
  beforeAll(() => void (ffmpeg = requireFfmpeg()));

  it('goes live, survives the receiver dying and is live again within 10 s of its restart', async () => {
    const port = await freePort();
    let rx = startReceiver(port);
    cleanups.push(() => kill(rx.proc)());
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    // The receiver may not listen yet: the engine's own reconnect covers that, as it would for a streamer.
    expect(engine.start(job(port)).ok).toBe(true);
    await waitFor(engine, 'live', 10_000);
    await until(() => rx.frames() > 15, 10_000);
    expect(engine.status().health?.fps).toBeGreaterThan(0);

    rx.proc.kill('SIGKILL');
    await waitFor(engine, 'reconnecting', 10_000);
    rx = startReceiver(port);
    const restartedAt = Date.now();
    await waitFor(engine, 'live', 10_000);
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    await until(() => rx.frames() > 0, 10_000);
    await expect(engine.stop()).resolves.toMatchObject({ state: 'idle' });
  });

  it('stop() while reconnecting ends in idle', async () => {
    const port = await freePort(); // nobody listens: every attempt is refused
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    const errors: string[] = [];
    engine.on('error', (e) => errors.push(e.code));
    engine.start(job(port));
    const { nextRetryAt } = await waitFor(engine, 'reconnecting', 10_000);
    expect(errors[0]).toBe('BROADCAST_CONNECT_FAILED');
    const states: BroadcastState[] = [];
    engine.on('state', (s) => states.push(s.state));
    await expect(engine.stop()).resolves.toMatchObject({ state: 'idle' });
    // The retry that was due never comes: past its time, nothing has moved since idle.
    await until(() => Date.now() > (nextRetryAt ?? 0) + 500, 15_000);
    expect(engine.status().state).toBe('idle');
    expect(states.filter((s) => s !== 'stopping' && s !== 'idle')).toEqual([]);
  });

  it('answers a missing ffmpeg with a typed error at once', () => {
    const engine = createBroadcastEngine({ ffmpegPath: '/opt/none/ffmpeg' });
    const started = Date.now();
    expect(engine.start(job(1935))).toMatchObject({ ok: false, error: { code: 'BROADCAST_FFMPEG_MISSING' } });
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('broadcast engine against nginx-rtmp', () => {
  let nginx = { nginxPath: '', modulePath: '' };
  beforeAll(async () => {
    ffmpeg = requireFfmpeg();
    // Throws NGINX_NOT_FOUND / RTMP_MODULE_NOT_FOUND, naming what is missing and how to install it.
    nginx = await findRtmpModule();
  });

  async function startNginx(refuse: boolean) {
    const [rtmpPort, httpPort] = [await freePort(), await freePort()];
    const auth: Server = createHttpServer((_req, res) => {
      res.statusCode = refuse ? 403 : 200;
      res.end();
    }).listen(httpPort, '127.0.0.1');
    cleanups.push(() => new Promise((r) => auth.close(r)));
    const dir = mkdtempSync(join(tmpdir(), 'lait-desktop-nginx-'));
    writeFileSync(join(dir, 'nginx.conf'), `load_module ${nginx.modulePath};
daemon off; master_process off; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr error;
events { worker_connections 64; }
rtmp { server { listen 127.0.0.1:${rtmpPort}; application live { live on; on_publish http://127.0.0.1:${httpPort}/publish; } } }
`);
    const proc = spawn(nginx.nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    cleanups.push(kill(proc));
    await until(() => accepts(rtmpPort), 10_000);
    return rtmpPort;
  }

  it('turns a publish refused by on_publish (403) into BROADCAST_KEY_REFUSED without retrying', async () => {
    const port = await startNginx(true);
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    const states: BroadcastState[] = [];
    engine.on('state', (s) => states.push(s.state));
    engine.start(job(port, 'wrong-key'));
    await waitFor(engine, 'idle', 10_000);
    expect(states).toEqual(['connecting', 'idle']);
    expect(engine.status().lastError).toMatchObject({ code: 'BROADCAST_KEY_REFUSED', willRetry: false, exitCode: 1 });
    expect(engine.status().lastError?.stderrTail).not.toContain('wrong-key');
  });

  it('goes live when on_publish accepts', async () => {
    const port = await startNginx(false);
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    engine.start(job(port, 'good-key'));
    await waitFor(engine, 'live', 10_000);
  });
});
