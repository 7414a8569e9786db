import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChannelPublic, Video, VideoChat, VideoList } from '@lait/shared';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { chatCall, chatNonce, connectChat, signUp, streamKeyOf, type Account } from '../../helpers/chat-client.js';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

const FFPROBE = process.env['LAIT_FFPROBE'] ?? '/usr/bin/ffprobe';

function probeDurationSec(url: string): number {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', url], { encoding: 'utf8' });
  return Number.parseFloat(out.trim());
}

/** Waits until `sec` seconds into the broadcast (by the channel's liveSince). */
async function untilOffset(liveSince: number, sec: number): Promise<void> {
  const wait = liveSince + sec * 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

describe('a broadcast is kept as a VOD with its chat', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  let owner: Account;
  let chat: Socket;
  let browser: Browser | undefined;
  beforeAll(async () => {
    p = await startPlatform();
    owner = await signUp(p.urls.site, 'vodowner');
  });
  afterAll(async () => {
    chat?.disconnect();
    await browser?.close();
    await pub?.stop();
    await p?.stop();
  });

  it('lists a 40 s broadcast within 10 s of its end, with a VOD playlist of 40 ± 2 s and the chat at its offsets', async () => {
    const key = await streamKeyOf(p.urls.site, owner);
    chat = await connectChat(p.urls.site, owner.token);
    await chatCall(chat, 'chat:join', { channel: owner.slug });

    pub = publish(p.urls.rtmp, key, { durationSec: 40 });
    const channel = await waitFor('the channel to go live', async () => {
      const c = (await p.api<ChannelPublic>(`/api/channels/${owner.slug}`)).body;
      return c.live ? c : null;
    }, 20_000, 100);
    const liveSince = Date.parse(channel.liveSince!);
    const say = (text: string) => chatCall<{ id: string }>(chat, 'chat:send', { channel: owner.slug, text, nonce: chatNonce() });

    await untilOffset(liveSince, 5);
    await say('오프닝 인사');
    await untilOffset(liveSince, 17);
    await say('17초쯤 메시지');
    await untilOffset(liveSince, 18);
    const deleted = await say('지워질 메시지');
    await chatCall(chat, 'chat:delete', { channel: owner.slug, messageId: deleted.id });
    await untilOffset(liveSince, 30);
    await say('30초 메시지');

    expect(await pub.exited).toBe(0);
    const endedAt = Date.now();
    const list = await waitFor('the VOD to be listed', async () => {
      const body = (await p.api<VideoList>(`/api/channels/${owner.slug}/videos`)).body;
      return body.videos.length > 0 ? body : null;
    }, 10_000, 200);
    expect(Date.now() - endedAt).toBeLessThan(10_000);
    console.log(`VOD listed ${Date.now() - endedAt} ms after the publisher ended`);
    expect(list.videos).toHaveLength(1);
    const video = list.videos[0]!;
    expect(video).toMatchObject({ channel: { slug: owner.slug }, title: channel.title, hidden: false });
    expect(video.durationSec).toBeGreaterThan(38);
    expect(video.durationSec).toBeLessThan(42);
    expect((await p.api<Video>(`/api/videos/${video.id}`)).body).toEqual(video);

    // Recorded from the live master playlist: a VOD master and one folder per variant (the source
    // alone here: a 240p source gets no rung).
    const master = (await p.api<string>(video.hlsUrl)).text;
    expect(master).toContain('#EXT-X-STREAM-INF');
    const variant = /^\d+\/index\.m3u8$/m.exec(master)?.[0];
    expect(variant).toBe('0/index.m3u8');
    const playlist = (await p.api<string>(video.hlsUrl.replace(/index\.m3u8$/, variant!))).text;
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(playlist).not.toContain(key);
    const duration = probeDurationSec(`${p.urls.site}${video.hlsUrl}`);
    expect(duration).toBeGreaterThan(38);
    expect(duration).toBeLessThan(42);
    // No file of the VOD is named after the stream key (nor after anything but a sequence number).
    expect(existsSync(path.join(p.dataDir, 'vods', video.id, '0', '000000.ts'))).toBe(true);
    expect(execFileSync('ls', ['-R', path.join(p.dataDir, 'vods')], { encoding: 'utf8' })).not.toContain(key.slice(0, 12));

    const upTo20 = (await p.api<VideoChat>(`/api/videos/${video.id}/chat?from=0&to=20`)).body.messages.map((m) => m.text);
    expect(upTo20).toEqual(['오프닝 인사', '17초쯤 메시지']);
    const all = (await p.api<VideoChat>(`/api/videos/${video.id}/chat?from=0&to=60`)).body.messages;
    expect(all.map((m) => m.text)).toEqual(['오프닝 인사', '17초쯤 메시지', '30초 메시지']);
    expect(all[1]!.offsetSec).toBeGreaterThan(16);
    expect(all[1]!.offsetSec).toBeLessThan(19);

    // In the browser: the channel page lists it, the replay page plays it, seeks, and shows the chat of that moment.
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${p.urls.site}/c/${owner.slug}`);
    await page.locator(`[data-testid="past-broadcast"][data-id="${video.id}"]`).click();
    await page.getByTestId('replay-page').waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${p.urls.site}/v/${video.id}`);
    const vod = page.getByTestId('vod-video');
    await waitFor('the VOD to play', async () => (await vod.evaluate((v: HTMLVideoElement) => v.currentTime)) > 1, 20_000, 200);
    await vod.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 20;
    });
    await waitFor('the VOD to play on from 20 s', async () => {
      const t = await vod.evaluate((v: HTMLVideoElement) => (v.error ? -1 : v.currentTime));
      if (t < 0) throw new Error('video error');
      return t > 20.5 && t < 25;
    }, 20_000, 200);
    await page.getByText('17초쯤 메시지').waitFor({ timeout: 10_000 });
    const lines = await page.getByTestId('chat-replay-line').allTextContents();
    expect(lines.some((l) => l.includes('오프닝 인사'))).toBe(true);
    expect(lines.some((l) => l.includes('지워질 메시지'))).toBe(false);
    expect(lines.some((l) => l.includes('30초 메시지'))).toBe(false);
    expect(await page.getByTestId('replay-duration').textContent()).toMatch(/^0:(39|40|41)$/);

    // A signed-in viewer clips the replay at ~21 s: the first 30 s (a clip near the start takes the start).
    await signUp(p.urls.site, 'vodfan');
    await page.goto(`${p.urls.site}/login`);
    await page.getByTestId('login-email').fill('vodfan@lait.test');
    await page.getByTestId('login-password').fill('correct-horse-7');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await page.goto(`${p.urls.site}/v/${video.id}`);
    await page.getByTestId('clip-button').click();
    const clipHref = await page.getByTestId('clip-link').getAttribute('href', { timeout: 30_000 });
    const clip = (await p.api<{ durationSec: number; videoId: string | null }>(`/api/clips/${clipHref!.split('/').pop()}`)).body;
    expect(clip.videoId).toBe(video.id);
    expect(clip.durationSec).toBeGreaterThan(28.5);
    expect(clip.durationSec).toBeLessThan(31.5);
    expect(errors).toEqual([]);
  }, 150_000);
});
