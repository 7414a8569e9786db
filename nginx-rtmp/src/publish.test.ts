import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropPublisher } from './control.js';
import { deriveRelaySecret } from './relay-secret.js';
import { fetchStat } from './stat.js';
import { createFixture, SECRET } from './test/fixture.js';
import { readTree } from './test/files.js';
import { acceptKey, type NotifyHandler } from './test/notify-stub.js';
import { startPublisher } from './test/publisher.js';
import { waitFor } from './test/wait.js';

const KEY = 'sk_live_Zq8V3xKeyMustNotLeak';
const PLAYBACK_ID = 'pb7Hc2Lq';

describe('publishing through the live → hls relay', () => {
  it('renames a valid key to its playbackId and never exposes the key', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publisher = fx.publish(KEY);
    const playlist = join(fx.nginx.hlsDir, PLAYBACK_ID, 'index.m3u8');
    await waitFor('the playlist', () => existsSync(playlist));

    const response = await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`, { headers: { Origin: 'https://lait.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const segment = (await response.text()).split('\n').find((line) => line.endsWith('.ts'));
    expect(segment).toMatch(/^\d+\.ts$/);
    const ts = await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/${segment}`);
    expect(ts.status).toBe(200);
    expect(ts.headers.get('content-type')).toBe('video/mp2t');
    expect(ts.headers.get('cache-control')).toBe('public, max-age=60');
    expect(ts.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${fx.nginx.urls.hls}/${PLAYBACK_ID}/index.m3u8`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://lait.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');

    const statXml = await (await fetch(fx.nginx.urls.stat)).text();
    expect(statXml).not.toContain(KEY);
    const stat = await fetchStat(fx.nginx.urls.control);
    const streams = stat.map((s) => `${s.app}/${s.name}`).sort();
    expect(streams).toEqual([`hls/${PLAYBACK_ID}`, `live/${PLAYBACK_ID}`]);
    const live = stat.find((s) => s.app === 'live');
    expect(live).toMatchObject({ publishing: true, video: { width: 320, height: 240, frameRate: 15, codec: 'H264' } });
    expect(live?.audio?.codec).toBe('AAC');
    expect(live?.clientId).toBeTypeOf('number');
    expect(live?.nclients).toBe(2);
    // A relay on loopback keeps up: nothing dropped (the metrics sum this per stream).
    expect(live?.droppedFrames).toBe(0);

    await publisher.stop();
    const done = await waitFor('publish_done', () => fx.stub.requests.find((r) => r.path === '/internal/rtmp/publish-done'));
    const publish = fx.stub.requests.find((r) => r.path === '/internal/rtmp/publish');
    for (const request of [publish, done]) {
      expect(request?.query.get('secret')).toBe(SECRET);
      expect(request?.body.get('name')).toBe(KEY);
      expect(request?.body.get('app')).toBe('live');
    }
    expect(publish?.body.get('call')).toBe('publish');
    expect(done.body.get('call')).toBe('publish_done');

    const files = await readTree(fx.workDir);
    expect(files.map((f) => f.path)).toContain(join(fx.workDir, 'nginx.conf'));
    expect(files.map((f) => f.path).filter((p) => p.includes(KEY))).toEqual([]);
    expect(files.filter((f) => f.content.includes(KEY)).map((f) => f.path)).toEqual([]);
    expect(fx.stderr.join('\n')).not.toContain(KEY);
    expect(fx.stderr.join('\n')).not.toContain(SECRET);
  });

  it('lets only the relay secret publish into hls: a direct local publish by playback id is refused', async () => {
    const relaySecret = deriveRelaySecret(SECRET);
    const accept = acceptKey(KEY, PLAYBACK_ID);
    // What the server does: the hls application's on_publish needs ?relay=<secret> in tcUrl.
    const handler: NotifyHandler = (request) => {
      if (request.path !== '/internal/rtmp/relay') return accept(request);
      const tcurl = request.body.get('tcurl') ?? '';
      return new URL(tcurl).searchParams.get('relay') === relaySecret ? { status: 200 } : { status: 403 };
    };
    const fx = await createFixture(handler);
    const rtmpPort = new URL(fx.nginx.urls.rtmp).port;

    const direct = startPublisher(`rtmp://127.0.0.1:${rtmpPort}/hls/${PLAYBACK_ID}`);
    const exit = await direct.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(await readdir(fx.nginx.hlsDir)).toEqual([]);
    const refused = fx.stub.requests.find((r) => r.path === '/internal/rtmp/relay');
    expect(refused?.body.get('app')).toBe('hls');
    expect(refused?.body.get('name')).toBe(PLAYBACK_ID);

    fx.publish(KEY);
    await waitFor('the playlist through the relay', () => existsSync(join(fx.nginx.hlsDir, PLAYBACK_ID, 'index.m3u8')), 15_000);
    const relayed = fx.stub.requests.filter((r) => r.path === '/internal/rtmp/relay').at(-1);
    expect(relayed?.query.get('secret')).toBe(SECRET);
    expect(new URL(relayed?.body.get('tcurl') ?? '').searchParams.get('relay')).toBe(relaySecret);
    // Nowhere but the notify body: not in the relay's address, the stat page or nginx's log.
    for (const request of fx.stub.requests) expect(request.body.get('addr') ?? '').not.toContain(relaySecret);
    expect(await (await fetch(fx.nginx.urls.stat)).text()).not.toContain(relaySecret);
    expect(fx.stderr.join('\n')).not.toContain(relaySecret);
  });

  it('refuses a wrong key: ffmpeg fails and no HLS appears', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publisher = fx.publish('not-the-key');
    const exit = await publisher.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(await readdir(fx.nginx.hlsDir)).toEqual([]);
    expect(await fetchStat(fx.nginx.urls.control)).toEqual([]);
    expect(fx.stub.requests.map((r) => r.body.get('name'))).toContain('not-the-key');
  });

  it('dropPublisher ends the publisher', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publisher = fx.publish(KEY);
    await waitFor('the live stream', async () =>
      (await fetchStat(fx.nginx.urls.control)).some((s) => s.app === 'live' && s.publishing),
    );
    expect(await dropPublisher(fx.nginx.urls.control, 'live', PLAYBACK_ID)).toBe(1);
    const exit = await Promise.race([publisher.exited, new Promise((resolve) => setTimeout(resolve, 5000, 'still running'))]);
    expect(exit).not.toBe('still running');
    expect(await dropPublisher(fx.nginx.urls.control, 'live', PLAYBACK_ID)).toBe(0);
  });

  it('drops the publisher when on_update answers non-2xx', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    const publisher = fx.publish(KEY);
    const accept = acceptKey(KEY, PLAYBACK_ID);
    // The relay's own session also gets on_update (call=update_play, name=playbackId): keep it 2xx.
    fx.stub.setHandler((request) => (request.body.get('call') === 'update_publish' ? { status: 403 } : accept(request)));
    const startedAt = Date.now();
    const exit = await Promise.race([publisher.exited, new Promise((resolve) => setTimeout(resolve, 16_000, 'still running'))]);
    expect(exit).not.toBe('still running');
    expect(Date.now() - startedAt).toBeGreaterThan(5000);
    const update = fx.stub.requests.find((r) => r.body.get('call') === 'update_publish');
    expect(update?.body.get('name')).toBe(KEY);
    expect(update?.query.get('secret')).toBe(SECRET);
  }, 30_000);
});
