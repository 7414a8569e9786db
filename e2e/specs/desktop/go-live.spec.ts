import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser, playbackGain } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { startDesktop } from '../../helpers/desktop.js';
import { screenshot } from '../../helpers/screens.js';

/**
 * The built renderer in headless Chromium (fake camera, microphone and screen) drives the real
 * engine through the WebSocket bridge: sign in, sources, PiP scene, go live → HLS plays on the
 * channel page; nginx restarts while live → the stream comes back by itself.
 */
describe('desktop broadcaster: sign in and go live from the app', () => {
  let p: Platform;
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  let desktop: Awaited<ReturnType<typeof startDesktop>>;
  const user = { email: 'caster@lait.test', password: 'violet-harbor-2026', nickname: '데스크톱방송' };

  beforeAll(async () => {
    p = await startPlatform();
    renderer = await serveRenderer();
    desktop = await startDesktop({
      ffmpegPath: FFMPEG,
      // Small output: this test is about the path, not the resolution (2 shared cores).
      settings: { serverUrl: p.urls.site, mode: 'account', preset: '360p', videoBitrateKbps: 800, record: true },
    });
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
    await renderer?.close();
    await p?.stop();
  });

  it('signs in, composes screen + camera, goes live, plays on /c/<slug>, survives an nginx restart, stops and keeps the recording', async () => {
    const { slug } = await signUp(p.urls.site, user);
    const page = await browser.context.newPage();
    const errors = await openRenderer(page, renderer.url, desktop.bridgeUrl);

    await page.getByTestId('signin-email').fill(user.email);
    await page.getByTestId('signin-password').fill(user.password);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('account-user').textContent(), { timeout: 15_000 }).toContain('데스크톱방송');

    await page.getByTestId('live-panel').waitFor({ timeout: 15_000 });
    await page.getByTestId('live-title').fill('데스크톱 앱 첫 방송');
    await expect.poll(() => page.locator('[data-testid="live-category"] option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await page.getByTestId('live-category').selectOption('games');
    await page.getByTestId('live-save').click();
    await expect.poll(async () => (await p.api<{ title: string; category: string }>(`/api/channels/${slug}`)).body, { timeout: 10_000 })
      .toMatchObject({ title: '데스크톱 앱 첫 방송', category: 'games' });

    // getDisplayMedia needs a real click; camera and microphone come from the fake devices.
    await page.click('[data-testid="source-share-screen"]');
    await expect.poll(() => page.locator('[data-testid="source-camera"] option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const cam = await page.locator('[data-testid="source-camera"] option').nth(1).getAttribute('value');
    await page.getByTestId('source-camera').selectOption(cam ?? '');
    const mic = await page.locator('[data-testid="source-mic"] option').nth(1).getAttribute('value');
    await page.getByTestId('source-mic').selectOption(mic ?? '');
    await page.getByTestId('scene-pip').check();

    // The mixer: the fake microphone beeps about twice a second, which moves its meter; muted,
    // the meter (post-fader) stays at zero over the same window.
    const micLevel = async () => Number(await page.getByTestId('mixer-mic-meter').getAttribute('data-level'));
    const windowMax = async () => {
      let max = 0;
      for (let i = 0; i < 20; i++, await new Promise((r) => setTimeout(r, 70))) max = Math.max(max, await micLevel());
      return max;
    };
    await expect.poll(micLevel, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0.01);
    expect(await windowMax(), 'mic meter while unmuted').toBeGreaterThan(0.01);
    await page.getByTestId('mixer-mic-mute').click();
    // Mute ramps the gain down (15 ms time constant): a single quiet sample may fall between two
    // beeps while the ramp is still audible, so wait for a whole window to stay silent.
    await expect.poll(windowMax, { timeout: 10_000, interval: 0, message: 'mic meter while muted' }).toBeLessThan(0.001);
    await page.getByTestId('mixer-mic-mute').click();

    await page.getByTestId('go-live').click();
    await page.locator('[data-testid="broadcast-status"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('health-bitrate').waitFor({ timeout: 10_000 });
    await screenshot(page, 'desktop-live');
    await expect.poll(async () => (await p.api<{ live: boolean }>(`/api/channels/${slug}`)).body.live, { timeout: 20_000 }).toBe(true);

    const watch = await browser.context.newPage();
    await watch.goto(`${p.urls.site}/c/${slug}`);
    expect(await playbackGain(watch, 6000), 'channel page plays ≥ 3 s in 6 s').toBeGreaterThanOrEqual(3);
    // Switching scene while live changes the picture, not the stream: same ffmpeg run, still playing.
    const epochLive = desktop.core.engine.status().epoch;
    // Each scene stays until ffmpeg has reported another second of frames (15 fps) sent in it.
    const frame = () => desktop.core.engine.status().health?.frame ?? 0;
    for (const scene of ['scene-screen', 'scene-camera', 'scene-pip']) {
      await page.getByTestId(scene).check();
      const from = frame();
      await expect.poll(frame, { timeout: 10_000, interval: 100 }).toBeGreaterThan(from + 15);
    }
    expect(desktop.core.engine.status()).toMatchObject({ state: 'live', epoch: epochLive });
    expect(await playbackGain(watch, 6000), 'still plays after scene switches').toBeGreaterThanOrEqual(3);
    // Preview off (saves CPU): the preview stops moving, the stream does not.
    const shot = () => page.getByTestId('preview').screenshot();
    // Whether the preview changes over 800 ms: a window of observation, not a wait for something.
    const moving = async () => {
      const a = await shot();
      await new Promise((r) => setTimeout(r, 800));
      return !a.equals(await shot());
    };
    await expect.poll(moving, { timeout: 10_000, message: 'preview moves' }).toBe(true);
    await page.getByTestId('preview-toggle').uncheck();
    // The toggle reaches the worker asynchronously: once two shots agree, it has stopped drawing.
    await expect.poll(moving, { timeout: 10_000, message: 'preview stops' }).toBe(false);
    expect(await moving(), 'preview off stays still').toBe(false);
    expect(await playbackGain(watch, 6000), 'plays with the preview off').toBeGreaterThanOrEqual(3);
    await page.getByTestId('preview-toggle').check();
    expect(desktop.core.engine.status()).toMatchObject({ state: 'live', epoch: epochLive });
    expect(await page.getByTestId('recording-path').textContent()).toContain(desktop.recordDir);
    // The count itself comes from chat presence (server side); the panel must show the API's number.
    await expect.poll(async () => {
      const shown = Number(await page.getByTestId('viewer-count').getAttribute('data-count'));
      return shown === (await p.api<{ viewerCount: number }>(`/api/channels/${slug}`)).body.viewerCount;
    }, { timeout: 15_000 }).toBe(true);

    const epochBefore = desktop.core.engine.status().epoch;
    const restartCalledAt = Date.now();
    const timeline: string[] = [];
    const off = desktop.core.engine.on('state', (st) => timeline.push(`${Date.now() - restartCalledAt} ms ${st.state}`));
    await p.nginx.restart();
    const restartedAt = Date.now();
    timeline.push(`${restartedAt - restartCalledAt} ms nginx answering again`);
    await page.locator('[data-testid="broadcast-status"][data-state="reconnecting"], [data-testid="broadcast-status"][data-state="connecting"]')
      .first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await page.locator('[data-testid="broadcast-status"][data-state="live"]').waitFor({ timeout: 10_000 });
    const backAfterMs = Date.now() - restartedAt;
    off();
    console.info(`[desktop e2e] restart timeline: ${timeline.join(' → ')}`);
    expect(backAfterMs, 'live again within 10 s of the restart').toBeLessThan(10_000);
    expect(desktop.core.engine.status().epoch, 'a new ffmpeg run publishes').toBeGreaterThan(epochBefore);
    console.info(`[desktop e2e] live again ${backAfterMs} ms after nginx restart (epoch ${epochBefore} → ${desktop.core.engine.status().epoch})`);
    await waitFor('the channel to be live again', async () => (await p.api<{ live: boolean }>(`/api/channels/${slug}`)).body.live, 20_000);
    expect(await playbackGain(watch, 6000, 45_000), 'channel page plays again ≥ 3 s in 6 s').toBeGreaterThanOrEqual(3);

    // "방송 종료" asks first: keeping the stream keeps the same ffmpeg run live.
    const epochAtStop = desktop.core.engine.status().epoch;
    await page.getByTestId('stop').click();
    await page.getByTestId('stop-cancel').click();
    expect(await page.getByTestId('stop').isVisible()).toBe(true);
    expect(desktop.core.engine.status()).toMatchObject({ state: 'live', epoch: epochAtStop });
    await page.getByTestId('stop').click();
    await screenshot(page, 'desktop-stop-confirm');
    await page.getByTestId('stop-confirm').click();
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 10_000 });
    const files = readdirSync(desktop.recordDir).map((f) => path.join(desktop.recordDir, f));
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.every((f) => existsSync(f)) && statSync(files[0]!).size).toBeGreaterThan(50_000);
    expect(errors).toEqual([]);
  }, 180_000);
});
