import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';
import { screenshot } from '../../helpers/screens.js';

/** The live playlist's first fragment number: it grows by one per second of stream (1 s fragments). */
async function mediaSequence(hlsUrl: string): Promise<number> {
  const text = await (await fetch(hlsUrl)).text();
  return Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? NaN);
}

/** hls.js's distance from the live edge as the player shows it, or null while unknown. */
async function latency(page: Page): Promise<number | null> {
  const value = await page.getByTestId('player').getAttribute('data-latency');
  return value ? Number(value) : null;
}

describe('a viewer drives the player with the keyboard and the control bar', () => {
  let p: Platform;
  let browser: Browser;
  let pub: Publisher | undefined;
  let ch: { slug: string; streamKey: string; playbackId: string };
  beforeAll(async () => {
    p = await startPlatform();
    ch = p.lait('channel', 'create', 'controls-e2e', '--title', '플레이어 조작 테스트', '--json');
    pub = publish(p.urls.rtmp, ch.streamKey, { durationSec: 120 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await pub?.stop();
    await browser?.close();
    await p?.stop();
  });

  it('pauses and resumes at the live edge, sets the volume, goes fullscreen and into theatre mode', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${p.urls.site}/c/${ch.slug}`);
    const video = page.getByTestId('player-video');
    await waitFor('playback', async () => (await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > 1, 45_000);
    await page.getByTestId('player').hover();
    await screenshot(page, 'player-controls-desktop');
    expect(await page.getByTestId('player-live').textContent()).toBe('라이브');

    // Paused, the stream runs on without us: the badge greys, and play jumps back to the edge.
    await page.keyboard.press('k');
    expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    expect(await page.getByTestId('player-live').getAttribute('data-behind')).toBe('true');
    const pausedAt = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    const playlist = `${p.urls.hls}/${ch.playbackId}/index.m3u8`;
    const sequenceAtPause = await mediaSequence(playlist);
    await waitFor('the stream to run 6 fragments past the paused frame', async () => (await mediaSequence(playlist)) >= sequenceAtPause + 6, 30_000);
    await page.keyboard.press('k');
    await waitFor('playback near the live edge again', async () => {
      const value = await latency(page);
      return value !== null && value < 4;
    }, 15_000);
    expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(pausedAt + 5);
    expect(await page.getByTestId('player-live').getAttribute('data-behind')).toBe('false');

    await page.getByTestId('player-volume').fill('0.3');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ volume: Math.round(v.volume * 100), muted: v.muted }))).toEqual({ volume: 30, muted: false });
    await page.keyboard.press('m');
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);

    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('f');
    await waitFor('fullscreen', () => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') === 'player'), 5_000);
    await page.keyboard.press('f');
    await waitFor('fullscreen to end', () => page.evaluate(() => document.fullscreenElement === null), 5_000);

    const before = await page.getByTestId('player').boundingBox();
    await page.keyboard.press('t');
    await page.locator('.channel-page[data-theatre="true"]').waitFor();
    const after = await page.getByTestId('player').boundingBox();
    expect(after!.height).toBeGreaterThan(before!.height);
    await screenshot(page, 'player-theatre-desktop');
  });
});
