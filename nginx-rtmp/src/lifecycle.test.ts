import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { getFreePort } from './ports.js';
import { findStaleNginx, killStaleNginx } from './stale-nginx.js';
import { fetchStat } from './stat.js';
import { createFixture, SECRET } from './test/fixture.js';
import { acceptKey } from './test/notify-stub.js';
import { listeningAddresses, pidsInGroup } from './test/procfs.js';
import { startReconnectingPublisher } from './test/publisher.js';
import { waitFor } from './test/wait.js';

const KEY = 'sk_live_lifecycleKey42';
const PLAYBACK_ID = 'pbLife9';

describe('nginx process lifecycle', () => {
  it('exposes only HLS publicly and keeps stat and control on loopback', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publicBase = new URL(fx.nginx.urls.hls).origin;
    for (const path of ['/stat', '/control/drop/publisher?app=live&name=x', '/hls/', '/hls/x/', '/nginx.conf', '/hls/../nginx.conf']) {
      expect((await fetch(`${publicBase}${path}`)).status, path).toBe(404);
    }
    const missing = await fetch(`${fx.nginx.urls.hls}/nobody/index.m3u8`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${fx.nginx.urls.hls}/x/index.m3u8`, { method: 'POST' })).status).toBe(403);

    const controlPort = Number(new URL(fx.nginx.urls.stat).port);
    expect(await listeningAddresses(controlPort)).toEqual(['127.0.0.1']);
    expect(await listeningAddresses(Number(new URL(publicBase).port))).toEqual(['0.0.0.0']);
    expect((await fetch(fx.nginx.urls.stat)).status).toBe(200);
  });

  it('listens only on the configured bind hosts, and still relays and serves HLS', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID), { rtmpBindHost: '127.0.0.2', hlsBindHost: '127.0.0.3' });
    const port = (url: string) => Number(new URL(url).port);
    expect(fx.nginx.urls.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.2:\d+\/live$/);
    expect(fx.nginx.urls.hls).toMatch(/^http:\/\/127\.0\.0\.3:\d+\/hls$/);
    // 127.0.0.1 on the RTMP port is the internal push's listener.
    expect((await listeningAddresses(port(fx.nginx.urls.rtmp))).sort()).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(await listeningAddresses(port(fx.nginx.urls.hls))).toEqual(['127.0.0.3']);
    expect(await listeningAddresses(port(fx.nginx.urls.stat))).toEqual(['127.0.0.1']);
    await expect(fetch(`http://127.0.0.1:${port(fx.nginx.urls.hls)}/hls/${PLAYBACK_ID}/index.m3u8`)).rejects.toThrow();

    fx.publish(KEY);
    await waitFor('HLS on the HLS bind host', async () => (await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`)).status === 200, 15_000);
  });

  it('stop() leaves no nginx process behind', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    // Master, one worker, the cache manager (hls_cleanup) and, for a minute, the cache loader —
    // the master forks them just after it starts listening, so wait for them rather than race.
    await waitFor('nginx to fork its helper processes', async () => (await pidsInGroup(fx.nginx.pid)).length >= 3, 5_000);
    await fx.nginx.stop();
    expect(await pidsInGroup(fx.nginx.pid)).toEqual([]);
    expect(fx.unexpectedExits).toEqual([]);
  });

  it('restart() brings HLS back for a reconnecting publisher', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publisher = startReconnectingPublisher(`${fx.nginx.urls.rtmp}/${KEY}`);
    onTestFinished(() => publisher.stop());
    const playlist = join(fx.nginx.hlsDir, PLAYBACK_ID, 'index.m3u8');
    await waitFor('the first playlist', () => statSync(playlist, { throwIfNoEntry: false }));
    const oldPid = fx.nginx.pid;

    await fx.nginx.restart();
    const restartedAt = Date.now();
    expect(fx.nginx.pid).not.toBe(oldPid);
    expect(await pidsInGroup(oldPid)).toEqual([]);

    await waitFor('a second publish', () => publisher.connects() >= 2 && fx.stub.requests.filter((r) => r.path === '/internal/rtmp/publish').length >= 2, 10_000);
    await waitFor('the hls stream', async () => (await fetchStat(fx.nginx.urls.control)).some((s) => s.app === 'hls' && s.publishing), 10_000);
    await waitFor('a fresh playlist', () => (statSync(playlist, { throwIfNoEntry: false })?.mtimeMs ?? 0) > restartedAt, 10_000);
    expect((await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`)).status).toBe(200);
    expect(fx.unexpectedExits).toEqual([]);
  });

  it('reports an nginx that exits without being asked', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    process.kill(fx.nginx.pid, 'SIGTERM');
    const event = await waitFor('the exit report', () => fx.unexpectedExits[0]);
    expect(event).toMatchObject({ type: 'nginx:exited', code: 0, signal: null });
    expect(await pidsInGroup(fx.nginx.pid)).toEqual([]);
  });

  it('leaves no worker holding the ports when the master is SIGKILLed, and restarts', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    await waitFor('nginx to fork its helper processes', async () => (await pidsInGroup(fx.nginx.pid)).length >= 3, 5_000);
    const oldPid = fx.nginx.pid;
    const rtmpPort = Number(new URL(fx.nginx.urls.rtmp).port);
    const hlsPort = Number(new URL(fx.nginx.urls.hls).port);

    process.kill(oldPid, 'SIGKILL');
    const event = await waitFor('the exit report', () => fx.unexpectedExits[0]);
    expect(event).toMatchObject({ type: 'nginx:exited', signal: 'SIGKILL' });
    expect(await pidsInGroup(oldPid)).toEqual([]);
    expect(await listeningAddresses(rtmpPort)).toEqual([]);
    expect(await listeningAddresses(hlsPort)).toEqual([]);

    await fx.nginx.restart();
    expect(fx.nginx.pid).not.toBe(oldPid);
    expect(await listeningAddresses(rtmpPort)).toEqual(['0.0.0.0']);
    expect((await fetch(fx.nginx.urls.stat)).status).toBe(200);
  });

  it('takes over the work dir from an nginx whose Node parent was SIGKILLed', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'lait-nginx-orphan-'));
    onTestFinished(async () => {
      await killStaleNginx(workDir);
      await rm(workDir, { recursive: true, force: true });
    });
    const ports = { rtmpPort: await getFreePort(), hlsHttpPort: await getFreePort(), controlPort: await getFreePort() };
    const parent = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./cli.ts', import.meta.url)),
      '--notify-url', 'http://127.0.0.1:9', '--work-dir', workDir, '--rtmp-port', String(ports.rtmpPort),
      '--hls-port', String(ports.hlsHttpPort), '--control-port', String(ports.controlPort)], {
      env: { ...process.env, RTMP_NOTIFY_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const orphanPid = Number(await waitFor('the CLI to start nginx', () => /nginx-rtmp pid (\d+)/.exec(out)?.[1], 20_000));
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    // nginx is detached from its parent: it survives it, holding the ports.
    expect((await pidsInGroup(orphanPid)).length).toBeGreaterThan(0);
    expect(await listeningAddresses(ports.rtmpPort)).toEqual(['0.0.0.0']);

    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID), { ...ports, workDir, hlsDir: join(workDir, 'hls') });
    expect(await pidsInGroup(orphanPid)).toEqual([]);
    expect(fx.stderr.join('\n')).toContain('killed nginx processes left by an earlier run');
    const publisher = fx.publish(KEY);
    onTestFinished(() => publisher.stop());
    await waitFor('the playlist from the new nginx', async () => (await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`)).status === 200, 15_000);
  });

  it('leaves alone an nginx of another work dir, even when a stale pid file names it', async () => {
    const other = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const workDir = await mkdtemp(join(tmpdir(), 'lait-nginx-stale-'));
    onTestFinished(() => rm(workDir, { recursive: true, force: true }));
    await writeFile(join(workDir, 'nginx.pid'), `${other.nginx.pid}\n`);
    expect(await findStaleNginx(workDir)).toEqual([]);
    expect(await findStaleNginx(other.workDir)).toContainEqual(expect.objectContaining({ pid: other.nginx.pid }));
    expect(await killStaleNginx(workDir)).toEqual([]);
    expect((await fetch(other.nginx.urls.stat)).status).toBe(200);
  });

  it('refuses to start on a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(createFixture(acceptKey(KEY, PLAYBACK_ID), { controlPort: port })).rejects.toMatchObject({ code: 'NGINX_PORT_IN_USE' });
  });
});
