import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { startDesktop } from '../../helpers/desktop.js';

/**
 * Automatic setup measures the encoder that will actually be used and applies what it found:
 * the app's own H.264 encoder (WebCodecs, in the renderer) by default, ffmpeg's x264 when the
 * streamer chose the re-encode.
 */
describe('desktop broadcaster: automatic setup', () => {
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    renderer = await serveRenderer();
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    for (const close of closers) await close().catch(() => undefined);
    await browser?.close();
    await renderer?.close();
  });

  for (const encoder of ['copy', 'x264'] as const) {
    it(`with encoder ${encoder}: measures, recommends a size, frame rate and bitrate, and applies them`, async () => {
      const desktop = await startDesktop({ ffmpegPath: FFMPEG, settings: { preset: '360p', fps: 30, videoBitrateKbps: 600, encoder, locale: 'en' } });
      closers.push(desktop.close);
      const page = await browser.context.newPage();
      await openRenderer(page, renderer.url, desktop.bridgeUrl);
      await page.getByTestId('setup-measure').click();
      const result = page.getByTestId('setup-result');
      await result.waitFor({ timeout: 60_000 });
      const text = (await result.textContent()) ?? '';
      const m = /(1080p|720p|480p|360p)\D+(30|60)\D+(\d+)/.exec(text);
      expect(m, `recommendation shown: ${text}`).not.toBeNull();
      const [, preset, fps, kbps] = m!;
      // Applied to the output settings (and saved in main, where broadcasts read them).
      await expect.poll(() => page.getByTestId('output-preset').inputValue()).toBe(preset);
      expect(await page.getByTestId('output-fps').inputValue()).toBe(fps);
      expect(await page.getByTestId('output-bitrate').inputValue()).toBe(kbps);
      const saved = await desktop.core.registry.dispatch('settings:get', undefined);
      expect(saved).toMatchObject({ ok: true, data: { preset, fps: Number(fps), videoBitrateKbps: Number(kbps) } });
      // A real trial ran: the per-size speeds are shown.
      expect(await page.locator('.setup .muted').textContent()).toMatch(/\d+p: \d+\.\dx/);
      await page.close();
    }, 120_000);
  }
});
