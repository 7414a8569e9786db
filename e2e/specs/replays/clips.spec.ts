import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPublic, Clip, VideoList } from '@lait/shared';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { signUp, streamKeyOf } from '../../helpers/chat-client.js';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

const FFPROBE = process.env['LAIT_FFPROBE'] ?? '/usr/bin/ffprobe';
const probe = (url: string) => JSON.parse(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration,format_name:stream=codec_name', '-of', 'json', url], { encoding: 'utf8' })) as { format: { duration: string; format_name: string }; streams: Array<{ codec_name: string }> };

describe('clips of a live stream and of a VOD', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    p = await startPlatform({ env: { RATE_LIMIT_CLIPS_PER_10MIN: '2' } });
  });
  afterAll(async () => {
    await pub?.stop();
    await browser?.close();
    await p?.stop();
  });

  const post = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${p.urls.site}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Clip & { code?: string; message?: string } };
  };

  it('cuts the last 20 s into an MP4 of 20 ± 1.5 s that plays, limits clippers with a clear 429, clips a VOD range, and lets the streamer delete', async () => {
    const owner = await signUp(p.urls.site, 'clipowner');
    const fan = await signUp(p.urls.site, 'clipfan');
    const other = await signUp(p.urls.site, 'clipother');
    pub = publish(p.urls.rtmp, await streamKeyOf(p.urls.site, owner), { durationSec: 35 });
    const live = await waitFor('the channel to go live', async () => {
      const c = (await p.api<ChannelPublic>(`/api/channels/${owner.slug}`)).body;
      return c.live ? c : null;
    }, 20_000, 100);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(live.liveSince!) + 26_000 - Date.now())));

    const startedAt = Date.now();
    const made = await post(`/api/channels/${owner.slug}/clips`, fan.token, { seconds: 20 });
    const tookMs = Date.now() - startedAt;
    expect(made.status).toBe(201);
    const clip = made.body;
    expect(clip.durationSec).toBeGreaterThanOrEqual(18.5);
    expect(clip.durationSec).toBeLessThanOrEqual(21.5);
    expect((await p.api<Clip>(`/api/clips/${clip.id}`)).body).toEqual(clip);
    const info = probe(`${p.urls.site}${clip.url}`);
    expect(info.format.format_name).toContain('mp4');
    expect(Math.abs(Number.parseFloat(info.format.duration) - 20)).toBeLessThanOrEqual(1.5);
    expect(info.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    console.log(`live clip of 20 s made in ${tookMs} ms`);

    // Over the limit: a clear 429 for that viewer, while another viewer still may clip.
    expect((await post(`/api/channels/${owner.slug}/clips`, fan.token, { seconds: 15 })).status).toBe(201);
    const refused = await post(`/api/channels/${owner.slug}/clips`, fan.token, { seconds: 15 });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.body.message).toMatch(/try again in \d+ s/);
    expect((await post(`/api/channels/${owner.slug}/clips`, other.token, { seconds: 61 })).status).toBe(400);

    // The share page carries og: tags rendered by the server, and its video plays.
    const html = await (await fetch(`${p.urls.site}/clip/${clip.id}`)).text();
    expect(html).toContain(`<meta property="og:video" content="${p.urls.site}${clip.url}">`);
    expect(html).toContain('og:title');
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await page.goto(`${p.urls.site}/clip/${clip.id}`);
    const video = page.getByTestId('clip-video');
    await waitFor('the clip to play', async () => (await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > 1, 20_000, 200);

    // A range of the VOD once the broadcast is over.
    expect(await pub.exited).toBe(0);
    const { videos } = await waitFor('the VOD', async () => {
      const body = (await p.api<VideoList>(`/api/channels/${owner.slug}/videos`)).body;
      return body.videos.length ? body : null;
    }, 15_000, 250);
    const ranged = await post(`/api/videos/${videos[0]!.id}/clips`, other.token, { start: 5, end: 15 });
    expect(ranged.status).toBe(201);
    expect(Math.abs(Number.parseFloat(probe(`${p.urls.site}${ranged.body.url}`).format.duration) - 10)).toBeLessThanOrEqual(1.5);

    // Only the streamer (or the clip's maker) deletes.
    const del = (id: string, token: string) => fetch(`${p.urls.site}/api/clips/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect((await del(clip.id, other.token)).status).toBe(403);
    expect((await del(clip.id, owner.token)).status).toBe(204);
    expect((await p.api(`/api/clips/${clip.id}`)).status).toBe(404);
    expect((await fetch(`${p.urls.site}${clip.url}`)).status).toBe(404);
  }, 150_000);
});
