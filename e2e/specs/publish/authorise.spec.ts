import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { exitWithin, publish, type Publisher } from '@lait/testkit/publisher';

interface Credentials { slug: string; playbackId: string; streamKey: string; rtmpUrl: string; watchUrl: string }

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? [full, ...walk(full)] : [full];
  });
}

describe('publishing is authorised by the server', () => {
  let p: Platform;
  let ch: Credentials;
  const publishers: Publisher[] = [];
  beforeAll(async () => {
    p = await startPlatform();
    ch = p.lait<Credentials>('channel', 'create', 'auth-e2e', '--title', '인증 테스트', '--json');
  });
  afterAll(async () => {
    await Promise.all(publishers.map((x) => x.stop()));
    await p?.stop();
  });

  it('refuses a wrong key and writes no HLS', async () => {
    const wrong = publish(p.urls.rtmp, 'live_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    publishers.push(wrong);
    const code = await exitWithin(wrong, 15_000);
    expect(code, 'ffmpeg should be refused and exit').not.toBeNull();
    expect(code).not.toBe(0);
    const files = walk(path.join(p.dataDir, 'hls')).filter((f) => f.endsWith('.m3u8') || f.endsWith('.ts'));
    expect(files).toEqual([]);
  });

  it('turns the right key into HLS under the playback id, with the key nowhere public', async () => {
    const pub = publish(p.urls.rtmp, ch.streamKey);
    publishers.push(pub);
    // What players load: the master playlist (the source alone, or with the ladder's rungs).
    const playlist = `${p.urls.hls}/${ch.playbackId}/master.m3u8`;
    const source = `${p.urls.hls}/${ch.playbackId}/index.m3u8`;
    const text = await waitFor('the HLS playlist', async () => {
      const res = await fetch(source);
      const body = await res.text();
      return res.ok && body.includes('.ts') ? body : null;
    }, 20_000);
    expect(text).toContain('#EXTM3U');

    const res = await fetch(playlist);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toContain('no-cache');

    // Live once its playlist answers (the playable watch probes it every 250 ms).
    const live = await waitFor('the channel to turn live', async () => {
      const res = await p.api<{ live: boolean; hlsUrl: string }>(`/api/channels/${ch.slug}`);
      return res.body.live ? res : null;
    }, 10_000);
    expect(live.body).toMatchObject({ live: true, hlsUrl: playlist });
    expect((await fetch(playlist)).status).toBe(200);

    // The key must appear in no file name or content under the data dir except the database,
    // in no API response, in no server log line and not on nginx's stat page.
    const secretPart = ch.streamKey.split('_')[2]!;
    for (const file of walk(p.dataDir)) {
      expect(file).not.toContain(secretPart);
      if (/\.(log|m3u8|conf)$/.test(file)) expect(readFileSync(file, 'utf8'), file).not.toContain(ch.streamKey);
    }
    const list = await p.api('/api/channels?live=true');
    expect(list.text).toContain(ch.playbackId);
    expect(list.text).not.toContain(ch.streamKey);
    expect(live.text).not.toContain(ch.streamKey);
    const stat = await (await fetch(`${p.urls.control}/stat`)).text();
    expect(stat).toContain(ch.playbackId);
    expect(stat).not.toContain(ch.streamKey);
    expect(p.serverLog()).not.toContain(ch.streamKey);
    expect(p.serverLog()).not.toContain(secretPart);

    // The stat page is not on the public HLS port.
    expect((await fetch(`${p.urls.hls.replace('/hls', '')}/stat`)).status).toBe(404);
  });

  it('refuses a second publisher on the same key while the first is live', async () => {
    const second = publish(p.urls.rtmp, ch.streamKey);
    publishers.push(second);
    const code = await exitWithin(second, 15_000);
    expect(code, 'the second publisher should be refused').not.toBeNull();
    expect(code).not.toBe(0);
    expect(publishers[1]!.proc.exitCode, 'the first publisher keeps streaming').toBeNull();
  });

  it('after rotate-key the live stream ends, the old key is refused and the new one works', async () => {
    const first = publishers[1]!;
    const rotated = p.lait<Credentials>('channel', 'rotate-key', ch.slug, '--json');
    expect(rotated.playbackId).toBe(ch.playbackId);
    const code = await exitWithin(first, 15_000);
    expect(code, 'the stream on the old key should end').not.toBeNull();
    await waitFor('the channel to go offline', async () => !(await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live, 15_000);

    const old = publish(p.urls.rtmp, ch.streamKey);
    publishers.push(old);
    expect(await exitWithin(old, 15_000)).not.toBeNull();

    const fresh = publish(p.urls.rtmp, rotated.streamKey);
    publishers.push(fresh);
    await waitFor('the channel to be live on the new key', async () => (await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live, 20_000);
    expect(fresh.proc.exitCode).toBeNull();
  });
});
