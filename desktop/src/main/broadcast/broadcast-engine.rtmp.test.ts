import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BroadcastState, BroadcastStatus } from '@lait/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroadcastEngine, type BroadcastEngine, type BroadcastStartOptions } from './broadcast-engine.js';
import { resolveFfmpeg } from './ffmpeg-path.js';

const ffmpeg = resolveFfmpeg({ envPath: process.env.PATH })?.path;
const NGINX = '/usr/sbin/nginx';
const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Stand-in RTMP server until nginx-rtmp's startNginx is available: one ffmpeg that accepts one publish. */
function startReceiver(port: number) {
  const proc = spawn(ffmpeg!, ['-hide_banner', '-loglevel', 'error', '-nostats', '-listen', '1', '-f', 'flv',
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

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

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

describe.skipIf(!ffmpeg)('broadcast engine against a real RTMP receiver', () => {
  it('goes live, survives the receiver dying and is live again within 10 s of its restart', async () => {
    const port = await freePort();
    let rx = startReceiver(port);
    cleanups.push(() => kill(rx.proc)());
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg!, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    await new Promise((r) => setTimeout(r, 300)); // let the receiver listen
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
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg!, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    const errors: string[] = [];
    engine.on('error', (e) => errors.push(e.code));
    engine.start(job(port));
    await waitFor(engine, 'reconnecting', 10_000);
    expect(errors[0]).toBe('BROADCAST_CONNECT_FAILED');
    await expect(engine.stop()).resolves.toMatchObject({ state: 'idle' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(engine.status().state).toBe('idle');
  });

  it('answers a missing ffmpeg with a typed error at once', () => {
    const engine = createBroadcastEngine({ ffmpegPath: '/opt/none/ffmpeg' });
    const started = Date.now();
    expect(engine.start(job(1935))).toMatchObject({ ok: false, error: { code: 'BROADCAST_FFMPEG_MISSING' } });
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe.skipIf(!ffmpeg || !existsSync(NGINX) || !existsSync(RTMP_MODULE))('broadcast engine against nginx-rtmp', () => {
  async function startNginx(refuse: boolean) {
    const [rtmpPort, httpPort] = [await freePort(), await freePort()];
    const auth: Server = createHttpServer((_req, res) => {
      res.statusCode = refuse ? 403 : 200;
      res.end();
    }).listen(httpPort, '127.0.0.1');
    cleanups.push(() => new Promise((r) => auth.close(r)));
    const dir = mkdtempSync(join(tmpdir(), 'lait-desktop-nginx-'));
    writeFileSync(join(dir, 'nginx.conf'), `load_module ${RTMP_MODULE};
daemon off; master_process off; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr error;
events { worker_connections 64; }
rtmp { server { listen 127.0.0.1:${rtmpPort}; application live { live on; on_publish http://127.0.0.1:${httpPort}/publish; } } }
`);
    const proc = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    cleanups.push(kill(proc));
    await new Promise((r) => setTimeout(r, 500));
    return rtmpPort;
  }

  it('turns a publish refused by on_publish (403) into BROADCAST_KEY_REFUSED without retrying', async () => {
    const port = await startNginx(true);
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg!, x264Preset: 'ultrafast' });
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
    const engine = createBroadcastEngine({ ffmpegPath: ffmpeg!, x264Preset: 'ultrafast' });
    cleanups.push(() => engine.dispose());
    engine.start(job(port, 'good-key'));
    await waitFor(engine, 'live', 10_000);
  });
});
