import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChannelPublic, Video, VideoChat, VideoList } from '@lait/shared';
import { S3Standin } from '@lait/server/testing';
import { chatCall, chatNonce, connectChat, signUp, streamKeyOf, type Account } from '../../helpers/chat-client.js';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

const FFPROBE = process.env['LAIT_FFPROBE'] ?? '/usr/bin/ffprobe';

/** Asynchronous on purpose: the S3 stand-in runs in this process and must keep answering the server while ffprobe reads. */
async function probeDurationSec(url: string): Promise<number> {
  const { stdout } = await promisify(execFile)(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', url], { encoding: 'utf8', timeout: 30_000 });
  return Number.parseFloat(stdout.trim());
}

/** The fragment names a VOD playlist lists (relative to the playlist). */
function fragmentsOf(playlist: string): string[] {
  return playlist.split('\n').filter((l) => l.endsWith('.ts'));
}

describe('VODs in S3-compatible storage, end to end (s3rver stand-in)', () => {
  const s3 = new S3Standin();
  let p: Platform;
  let pub: Publisher | undefined;
  let chat: Socket | undefined;
  beforeAll(async () => {
    await s3.start();
    p = await startPlatform({ env: s3.env });
  });
  afterAll(async () => {
    chat?.disconnect();
    await pub?.stop();
    await p?.stop();
    await s3.stop();
    s3.cleanup();
  });

  /**
   * Publishes `sec` seconds on `owner`'s channel (one channel per test: the tests do not depend on each
   * other) with one chat message at ~5 s; `beforeEnd` runs while still live. Returns the listed VOD.
   */
  async function broadcast(owner: Account, sec: number, text: string, beforeEnd?: () => Promise<void>): Promise<Video> {
    chat?.disconnect();
    chat = await connectChat(p.urls.site, owner.token);
    const key = await streamKeyOf(p.urls.site, owner);
    await chatCall(chat, 'chat:join', { channel: owner.slug });
    pub = publish(p.urls.rtmp, key, { durationSec: sec });
    const channel = await waitFor('the channel to go live', async () => {
      const c = (await p.api<ChannelPublic>(`/api/channels/${owner.slug}`)).body;
      return c.live ? c : null;
    }, 20_000, 100);
    const liveSince = Date.parse(channel.liveSince!);
    await waitFor('5 s of broadcast', async () => Date.now() >= liveSince + 5000, 20_000, 100);
    await chatCall(chat, 'chat:send', { channel: owner.slug, text, nonce: chatNonce() });
    await beforeEnd?.();
    expect(await pub.exited).toBe(0);
    pub = undefined;
    return waitFor('the VOD to be listed', async () => {
      const videos = (await p.api<VideoList>(`/api/channels/${owner.slug}/videos`)).body.videos;
      return videos.length === 1 ? videos[0]! : null;
    }, 15_000, 200);
  }

  const localDir = (id: string) => path.join(p.dataDir, 'vods', id);

  /** Every file the VOD's playlists name, as keys under `vods/<id>/` (master, variant playlists, fragments). */
  async function expectedKeys(video: Video): Promise<string[]> {
    const master = (await p.api<string>(video.hlsUrl)).text;
    const keys = [`vods/${video.id}/index.m3u8`];
    for (const variant of master.split('\n').filter((l) => /^\d+\/index\.m3u8$/.test(l))) {
      const rung = variant.split('/')[0]!;
      keys.push(`vods/${video.id}/${variant}`);
      const playlist = (await p.api<string>(video.hlsUrl.replace(/index\.m3u8$/, variant))).text;
      expect(playlist).toContain('#EXT-X-ENDLIST');
      for (const f of fragmentsOf(playlist)) keys.push(`vods/${video.id}/${rung}/${f}`);
    }
    expect(keys.length).toBeGreaterThan(10);
    return keys;
  }

  it('uploads a finished broadcast to the store and plays it from there, with its chat', async () => {
    const video = await broadcast(await signUp(p.urls.site, 's3owner'), 24, 'S3 첫 방송 인사');
    // The upload is done when the local folder is gone (deleted only after the row says s3).
    await waitFor('the VOD to move to object storage', async () => !existsSync(localDir(video.id)), 30_000, 200);
    const keys = await expectedKeys(video);
    const stored = await s3.keys(`vods/${video.id}/`);
    for (const k of keys) expect(stored).toContain(k);

    // Served from the store now: playlist and fragments through /vod/…, the whole VOD probes at 24 ± 2 s.
    const master = await p.api<string>(video.hlsUrl);
    expect(master.status).toBe(200);
    expect(video.durationSec).toBeGreaterThan(22);
    expect(video.durationSec).toBeLessThan(26);
    const duration = await probeDurationSec(`${p.urls.site}${video.hlsUrl}`);
    expect(duration).toBeGreaterThan(22);
    expect(duration).toBeLessThan(26);
    const messages = (await p.api<VideoChat>(`/api/videos/${video.id}/chat?from=0&to=60`)).body.messages;
    expect(messages.map((m) => m.text)).toEqual(['S3 첫 방송 인사']);
  }, 90_000);

  it('survives a store outage: plays from the local copy meanwhile, then finishes the upload by itself', async () => {
    const port = s3.port;
    // The store goes down while still live, so every upload of this VOD meets the outage.
    const owner = await signUp(p.urls.site, 's3outage');
    const video = await broadcast(owner, 20, '장애 중 메시지', async () => {
      await s3.stop();
    });
    await waitFor('the uploader to meet the outage', async () => p.serverLog().includes(`upload ${video.id}/`) && p.serverLog().includes('failed; retrying'), 20_000, 200);

    // Nothing lost meanwhile: the local copy is whole and plays.
    expect(existsSync(localDir(video.id))).toBe(true);
    const keys = await expectedKeys(video);
    for (const k of keys) expect(existsSync(path.join(p.dataDir, k))).toBe(true);
    const duration = await probeDurationSec(`${p.urls.site}${video.hlsUrl}`);
    expect(duration).toBeGreaterThan(18);
    expect(duration).toBeLessThan(22);

    // The store comes back on the same port and data: the uploader's back-off (capped at 5 s) finishes alone.
    await s3.start();
    expect(s3.port).toBe(port);
    const backAt = Date.now();
    await waitFor('the upload to complete after the outage', async () => !existsSync(localDir(video.id)), 30_000, 200);
    console.log(`upload completed ${Date.now() - backAt} ms after the store came back`);
    const stored = await s3.keys(`vods/${video.id}/`);
    for (const k of keys) expect(stored).toContain(k);
    // Storage switched: with no local copy, the files can only come from the store.
    expect(await probeDurationSec(`${p.urls.site}${video.hlsUrl}`)).toBeCloseTo(duration, 1);
    expect(p.serverLog()).toContain('VOD uploaded to object storage');
    const messages = (await p.api<VideoChat>(`/api/videos/${video.id}/chat?from=0&to=60`)).body.messages;
    expect(messages.map((m) => m.text)).toEqual(['장애 중 메시지']);
  }, 120_000);
});
