import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

describe('a streamer signs up and goes live from the dashboard; a logged-out viewer watches', () => {
  let p: Platform;
  let streamer: Browser;
  let viewer: Browser;
  let pub: Publisher | undefined;
  beforeAll(async () => {
    p = await startPlatform({ env: { THUMBNAIL_INTERVAL_MS: '3000' } });
    [streamer, viewer] = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await pub?.stop();
    await Promise.all([streamer?.close(), viewer?.close()]);
    await p?.stop();
  });

  it('sign up → dashboard → rotate key → publish → live with a thumbnail in the directory → watched logged out', async () => {
    const page = await streamer.context.newPage();
    await page.goto(`${p.urls.site}/signup`);
    await page.getByTestId('signup-email').fill('streamer@lait.test');
    await page.getByTestId('signup-nickname').fill('라잇스트리머');
    await page.getByTestId('signup-password').fill('good-stream-2026');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('nav-user').textContent()).toContain('라잇스트리머');

    await page.goto(`${p.urls.site}/dashboard`);
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('stream-server-url').textContent()).toContain(p.urls.rtmp);
    await page.getByTestId('title-input').fill('첫 방송입니다');
    await page.getByTestId('category-select').selectOption('games');
    await page.getByTestId('channel-save').click();
    await page.getByTestId('stream-key-rotate').click();
    const key = (await page.getByTestId('stream-key-value').inputValue()).trim();
    expect(key).toMatch(/^live_/);
    // Masked on screen until the streamer asks (screen sharing), yet copyable as it is.
    expect(await page.getByTestId('stream-key-value').getAttribute('type')).toBe('password');

    pub = publish(p.urls.rtmp, key, { durationSec: 120 });
    await page.locator('[data-testid="live-status"][data-live="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('stream-health').waitFor({ timeout: 30_000 });
    // The "you're live" moment, and the stream manager: the preview plays beside the chat.
    expect(await page.getByTestId('live-share-url').inputValue()).toMatch(/\/c\/[a-z0-9_-]+$/);
    const manager = page.getByTestId('stream-manager');
    await manager.getByTestId('chat-panel').waitFor({ timeout: 15_000 });
    const preview = manager.getByTestId('player-video');
    await waitFor('the dashboard preview to play', async () => ((await preview.evaluate((v: HTMLVideoElement) => v.currentTime)) > 0.5 ? true : null), 30_000);

    const me = await page.evaluate(async () => {
      const r = await fetch('/api/auth/refresh', { method: 'POST' });
      const { accessToken } = await r.json();
      return (await fetch('/api/me', { headers: { authorization: `Bearer ${accessToken}` } })).json();
    });
    const slug: string = me.channel.slug;
    expect(me.channel).toMatchObject({ title: '첫 방송입니다', category: 'games', live: true });

    const home = await viewer.context.newPage();
    await waitFor('a thumbnail on the directory card', async () => {
      await home.goto(p.urls.site);
      const card = home.locator(`[data-testid="channel-card"][data-slug="${slug}"]`);
      await card.waitFor({ timeout: 10_000 });
      const src = await card.locator('[data-testid="channel-thumbnail"]').getAttribute('src').catch(() => null);
      return src?.includes('/api/thumbnails/') ? src : null;
    }, 45_000, 2000);
    const games = await viewer.context.newPage();
    await games.goto(`${p.urls.site}/category/games`);
    await games.locator(`[data-testid="channel-card"][data-slug="${slug}"]`).waitFor({ timeout: 15_000 });

    const watch = await viewer.context.newPage();
    await watch.goto(`${p.urls.site}/c/${slug}`);
    const video = watch.getByTestId('player-video');
    await video.waitFor({ timeout: 30_000 });
    const t0 = await waitFor('playback', async () => {
      const t = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
      return t > 0.2 ? t : null;
    }, 30_000);
    // Plays on at about real time: 3 s of video within 5 s.
    await waitFor('3 s more playback', async () => (await video.evaluate((v: HTMLVideoElement) => v.currentTime)) > t0 + 3, 5_000, 100);
    expect(await watch.getByTestId('nav-login').isVisible()).toBe(true);
  });
});
