import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelPublic, VideoList } from '@lait/shared';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

const GRACE_SEC = 20;

describe('be right back: a dropped publisher does not end the broadcast', () => {
  let p: Platform;
  let browser: Browser;
  const pubs: Publisher[] = [];
  let ch: { slug: string; streamKey: string };
  beforeAll(async () => {
    p = await startPlatform({ env: { LIVE_GRACE_SEC: String(GRACE_SEC) } });
    ch = p.lait('channel', 'create', 'brb-e2e', '--title', '잠깐 자리 비움', '--json');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const pub of pubs) await pub.stop();
    await browser?.close();
    await p?.stop();
  });

  const channel = async () => (await p.api<ChannelPublic>(`/api/channels/${ch.slug}`)).body;
  const playing = (page: Page) =>
    waitFor('the video to play', async () => (await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime)) > 1, 40_000, 250);

  it('shows "be right back" within 3 s of a crash, resumes the same broadcast on republish, and goes offline after the grace', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${p.urls.site}/c/${ch.slug}`);
    pubs.push(publish(p.urls.rtmp, ch.streamKey, { durationSec: 120 }));
    await page.getByTestId('player-video').waitFor({ timeout: 30_000 });
    await playing(page);
    const before = await channel();
    expect(before.status).toBe('live');

    // A crash: no clean unpublish, the TCP connection just goes.
    const killedAt = Date.now();
    pubs[0]!.proc.kill('SIGKILL');
    await page.getByTestId('channel-brb').waitFor({ timeout: 3_000 });
    expect(Date.now() - killedAt).toBeLessThan(3_000);
    expect(await page.getByTestId('channel-brb').textContent()).toContain('잠시 후 돌아옵니다');
    expect(await channel()).toMatchObject({ live: true, status: 'reconnecting', liveSince: before.liveSince });
    await expect(page.getByTestId('channel-offline').count()).resolves.toBe(0);

    // Back within 15 s with the same key: the page plays again by itself, and it is the same broadcast.
    pubs.push(publish(p.urls.rtmp, ch.streamKey, { durationSec: 120 }));
    await waitFor('the API to show the channel live again', async () => (await channel()).status === 'live', 15_000);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect((await channel()).liveSince).toBe(before.liveSince);
    await page.getByTestId('player-video').waitFor({ timeout: 20_000 });
    await playing(page);

    // Away past the grace: the broadcast ends as it always did.
    pubs[1]!.proc.kill('SIGKILL');
    await page.getByTestId('channel-brb').waitFor({ timeout: 5_000 });
    const goneAt = Date.now();
    await page.getByTestId('channel-offline').waitFor({ timeout: (GRACE_SEC + 10) * 1000 });
    expect(Date.now() - goneAt).toBeGreaterThan((GRACE_SEC - 5) * 1000);
    expect(await channel()).toMatchObject({ live: false, status: 'offline' });

    // One broadcast, one VOD: the gap is a discontinuity in it, not a second video.
    const { videos } = await waitFor('the VOD to be listed', async () => {
      const body = (await p.api<VideoList>(`/api/channels/${ch.slug}/videos`)).body;
      return body.videos.length > 0 ? body : null;
    }, 10_000, 250);
    expect(videos).toHaveLength(1);
    // Recorded from the live master playlist: the source is the first variant's folder.
    const master = (await p.api<string>(videos[0]!.hlsUrl)).text;
    expect(master).toContain('#EXT-X-STREAM-INF');
    const playlist = (await p.api<string>(videos[0]!.hlsUrl.replace(/index\.m3u8$/, '0/index.m3u8'))).text;
    expect(playlist.match(/#EXT-X-DISCONTINUITY/g)).toHaveLength(1);
    expect(playlist).toContain('#EXT-X-ENDLIST');
  }, 150_000);
});
