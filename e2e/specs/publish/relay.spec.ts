import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { exitWithin, publish, type Publisher } from '@lait/testkit/publisher';

interface Credentials { slug: string; playbackId: string; streamKey: string }

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// Issue 9: the `hls` application accepted any publisher from 127.0.0.1, so behind a same-host TCP
// proxy anyone could put video on an offline channel by its public playback id.
describe('only the ingest relay publishes into the hls application', () => {
  let p: Platform;
  let ch: Credentials;
  const publishers: Publisher[] = [];
  beforeAll(async () => {
    p = await startPlatform();
    ch = p.lait<Credentials>('channel', 'create', 'relay-e2e', '--title', 'relay', '--json');
  });
  afterAll(async () => {
    await Promise.all(publishers.map((x) => x.stop()));
    await p?.stop();
  });

  it('refuses a direct local publish to rtmp://127.0.0.1/hls/<playbackId>: no HLS, channel stays offline', async () => {
    const hlsApp = p.urls.rtmp.replace(/\/live$/, '/hls');
    const direct = publish(hlsApp, ch.playbackId);
    publishers.push(direct);
    const code = await exitWithin(direct, 15_000);
    expect(code, 'ffmpeg should be refused and exit').not.toBeNull();
    expect(code).not.toBe(0);
    expect((await fetch(`${p.urls.hls}/${ch.playbackId}/index.m3u8`)).status).toBe(404);
    expect(walk(path.join(p.dataDir, 'hls'))).toEqual([]);
    expect((await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live).toBe(false);
    expect(p.serverLog()).toContain('publish into hls refused');
  });

  it('still turns a valid key published to the live application into HLS, and the relay secret stays out of logs', async () => {
    const pub = publish(p.urls.rtmp, ch.streamKey);
    publishers.push(pub);
    await waitFor('the HLS playlist', async () => {
      const res = await fetch(`${p.urls.hls}/${ch.playbackId}/index.m3u8`);
      return res.ok && (await res.text()).includes('.ts');
    }, 20_000);
    await waitFor('the channel to turn live once its playlist answers', async () => (await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live, 10_000);

    const conf = readFileSync(path.join(p.dataDir, 'nginx', 'nginx.conf'), 'utf8');
    const relaySecret = /\?relay=([A-Za-z0-9_-]+);/.exec(conf)?.[1];
    expect(relaySecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(p.serverLog()).not.toContain(relaySecret);
    expect(p.nginx.stderrTail()).not.toContain(relaySecret);
    expect(await (await fetch(`${p.urls.control}/stat`)).text()).not.toContain(relaySecret);
  });
});
