import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

describe('a viewer watches a live channel in the browser', () => {
  let p: Platform;
  let browser: Browser;
  let pub: Publisher | undefined;
  let ch: { slug: string; streamKey: string; playbackId: string };
  beforeAll(async () => {
    p = await startPlatform();
    ch = p.lait('channel', 'create', 'watch-e2e', '--title', '라잇 시청 테스트', '--json');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await pub?.stop();
    await browser?.close();
    await p?.stop();
  });

  it('turns the offline page into a playing player by itself, shows it live on home, and goes offline when the publisher stops', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${p.urls.site}/c/${ch.slug}`);
    await page.getByTestId('channel-offline').waitFor({ timeout: 15_000 });

    pub = publish(p.urls.rtmp, ch.streamKey, { durationSec: 90 });
    await page.getByTestId('player-video').waitFor({ timeout: 30_000 });
    const start = await waitFor('the video to start playing', async () => {
      const t = await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime);
      return t > 0.2 ? t : null;
    }, 30_000);
    // At least 5 s of video must play; a loaded 2-core CI machine may need a little longer than 5 s of wall time.
    const state = await waitFor('the video time to advance 5 s', async () => {
      const s = await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => ({ t: v.currentTime, error: v.error?.code ?? null, paused: v.paused }));
      if (s.error !== null) throw new Error(`video error ${s.error}`);
      return s.t - start >= 5 ? s : null;
    }, 15_000, 500);
    expect(state.error).toBeNull();
    expect(state.paused).toBe(false);

    const home = await browser.context.newPage();
    await home.goto(p.urls.site);
    await home.locator(`[data-testid="channel-card"][data-slug="${ch.slug}"]`).waitFor({ timeout: 20_000 });
    await expect(home.getByText('라잇 시청 테스트').first().isVisible()).resolves.toBe(true);

    await pub.stop();
    await waitFor('the API to show the channel offline', async () => !(await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live, 15_000);
    await page.getByTestId('channel-offline').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});
