import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchStat } from './stat.js';
import { createFixture } from './test/fixture.js';
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

  it('refuses to start on a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(createFixture(acceptKey(KEY, PLAYBACK_ID), { controlPort: port })).rejects.toMatchObject({ code: 'NGINX_PORT_IN_USE' });
  });
});
