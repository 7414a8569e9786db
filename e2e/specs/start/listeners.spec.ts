import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, listeningAddresses } from '../../helpers/listeners.js';
import { CLI_ENTRY, ROOT } from '@lait/testkit/paths';
import { freePort, waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

interface Credentials { slug: string; playbackId: string; streamKey: string }

// Issue 9: `npm start` bound everything to 0.0.0.0, and a SIGKILLed `npm start` left nginx holding its ports.
describe('npm start binds where it is told, and recovers from being SIGKILLed', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-e2e-start-'));
  chmodSync(dataDir, 0o755);
  const ports = { site: 0, rtmp: 0, hls: 0, control: 0 };
  let env: Record<string, string>;
  const children: ChildProcess[] = [];
  const publishers: Publisher[] = [];

  function npmStart(): { proc: ChildProcess; output: () => string } {
    const proc = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    return { proc, output: () => out };
  }
  const running = (run: ReturnType<typeof npmStart>) =>
    waitFor('npm start to report that Lait is running', async () => {
      if (run.proc.exitCode !== null) throw new Error(`npm start exited ${run.proc.exitCode}:\n${run.output().slice(-3000)}`);
      return run.output().includes('Lait is running');
    }, 80_000);

  beforeAll(async () => {
    for (const key of Object.keys(ports) as Array<keyof typeof ports>) ports[key] = await freePort();
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? dataDir,
      NODE_ENV: 'production',
      // Info: request logs exist, and must go to the log file rather than the console.
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      HOST: '127.0.0.2',
      RTMP_BIND_HOST: '127.0.0.3',
      HLS_BIND_HOST: '127.0.0.4',
      PORT: String(ports.site),
      RTMP_PORT: String(ports.rtmp),
      HLS_PORT: String(ports.hls),
      NGINX_CONTROL_PORT: String(ports.control),
    };
  });
  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.stop()));
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)))));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens only on HOST, RTMP_BIND_HOST and HLS_BIND_HOST (control on loopback), and a publish still becomes HLS', async () => {
    const run = npmStart();
    await running(run);
    expect(listeningAddresses(ports.site)).toEqual(['127.0.0.2']);
    // 127.0.0.1 on the RTMP port is nginx's internal push from `live` into `hls`.
    expect(listeningAddresses(ports.rtmp)).toEqual(['127.0.0.1', '127.0.0.3']);
    expect(listeningAddresses(ports.hls)).toEqual(['127.0.0.4']);
    expect(listeningAddresses(ports.control)).toEqual(['127.0.0.1']);
    await expect(fetch(`http://127.0.0.1:${ports.site}/api/health`)).rejects.toThrow();

    const cli = spawnSync(process.execPath, [CLI_ENTRY, 'channel', 'create', 'bind-e2e', '--json'], { env, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const ch = JSON.parse(cli.stdout) as Credentials;
    const pub = publish(`rtmp://127.0.0.3:${ports.rtmp}/live`, ch.streamKey);
    publishers.push(pub);
    await waitFor('HLS on HLS_BIND_HOST', async () => (await fetch(`http://127.0.0.4:${ports.hls}/hls/${ch.playbackId}/index.m3u8`)).ok, 20_000);
    await waitFor('the channel to turn live once its playlist answers', async () => ((await (await fetch(`http://127.0.0.2:${ports.site}/api/channels/${ch.slug}`)).json()) as { live: boolean }).live, 10_000);
    await pub.stop();

    // A readable console: the banner sends a newcomer to sign-up; request logs are in the file only.
    expect(run.output()).toContain(`/signup and create your account`);
    expect(run.output()).not.toContain('incoming request');
    const log = readFileSync(path.join(dataDir, 'logs', 'server.log'), 'utf8');
    expect(log).toContain(`/api/channels/${ch.slug}`);
    expect(log).not.toContain('/internal/rtmp/update');
    expect(log).not.toContain(ch.streamKey);
  });

  it('after a SIGKILL, the next npm start replaces the nginx and server it left running, and restarts a killed nginx', async () => {
    const [first] = children;
    const nginxPid = Number(readFileSync(path.join(dataDir, 'nginx', 'nginx.pid'), 'utf8'));
    const serverPid = Number(readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
    first!.kill('SIGKILL');
    await new Promise((r) => first!.once('exit', r));
    // Its children outlive it and keep the ports.
    expect(isRunning(nginxPid) && isRunning(serverPid)).toBe(true);
    expect(listeningAddresses(ports.hls)).toEqual(['127.0.0.4']);

    const second = npmStart();
    await running(second);
    expect(isRunning(nginxPid)).toBe(false);
    expect(isRunning(serverPid)).toBe(false);
    expect(Number(readFileSync(path.join(dataDir, 'nginx', 'nginx.pid'), 'utf8'))).not.toBe(nginxPid);
    expect((await fetch(`http://127.0.0.2:${ports.site}/api/health`)).ok).toBe(true);

    // A SIGKILLed nginx master: its worker must not keep the ports, and npm start brings nginx back.
    const master = Number(readFileSync(path.join(dataDir, 'nginx', 'nginx.pid'), 'utf8'));
    process.kill(master, 'SIGKILL');
    await waitFor('npm start to restart nginx', async () => second.output().includes('nginx-rtmp restarted'), 20_000);
    await waitFor('a new nginx master', async () => Number(readFileSync(path.join(dataDir, 'nginx', 'nginx.pid'), 'utf8')) !== master, 5_000);
    expect(listeningAddresses(ports.hls)).toEqual(['127.0.0.4']);
    expect((await fetch(`http://127.0.0.4:${ports.hls}/hls/nothing/index.m3u8`)).status).toBe(404);

    second.proc.kill('SIGINT');
    await new Promise((r) => second.proc.once('exit', r));
    for (const port of Object.values(ports)) expect(listeningAddresses(port), `port ${port}`).toEqual([]);
  });
});
