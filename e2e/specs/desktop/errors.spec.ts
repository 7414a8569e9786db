import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { freePort } from '@lait/testkit/ports';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { startDesktop } from '../../helpers/desktop.js';

const SMALL = { preset: '360p', videoBitrateKbps: 600, locale: 'ko' } as const;

async function errorOf(page: Page, testId: string, timeout = 20_000) {
  const el = page.getByTestId(testId);
  await el.waitFor({ timeout });
  return { code: await el.getAttribute('data-code'), text: (await el.textContent()) ?? '' };
}

/** Every failure the streamer can cause or meet gives a clear, localised message, never a hang. */
describe('desktop broadcaster: clear messages when going live fails', () => {
  let p: Platform;
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    p = await startPlatform();
    renderer = await serveRenderer();
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await browser?.close();
    await renderer?.close();
    await p?.stop();
  });

  async function open(ffmpegPath: string | null, settings: Record<string, unknown>) {
    const desktop = await startDesktop({ ffmpegPath, settings: { ...SMALL, ...settings } });
    closers.push(desktop.close);
    const page = await browser.context.newPage();
    await openRenderer(page, renderer.url, desktop.bridgeUrl);
    return { desktop, page };
  }

  it('a wrong stream key on a custom server: BROADCAST_KEY_REFUSED, back to idle, no retry loop', async () => {
    const { page } = await open(FFMPEG, { mode: 'custom', rtmpUrl: p.urls.rtmp });
    await page.getByTestId('custom-key').fill('live_nope_000000000000');
    await page.getByTestId('go-live').click();
    const err = await errorOf(page, 'broadcast-error');
    expect(err.code).toBe('BROADCAST_KEY_REFUSED');
    expect(err.text).toContain('스트림 키가 거부됐어요');
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 5000 });
  });

  it('a publish token revoked by a key rotation while live: the stream drops and the streamer is told, not retried forever', async () => {
    const user = { email: 'rotate@lait.test', password: 'amber-lantern-77', nickname: '키교체' };
    const { accessToken } = await signUp(p.urls.site, user);
    const { page } = await open(FFMPEG, { mode: 'account', serverUrl: p.urls.site });
    await page.getByTestId('signin-email').fill(user.email);
    await page.getByTestId('signin-password').fill(user.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('account-user').waitFor({ timeout: 15_000 });
    await page.getByTestId('go-live').click();
    await page.locator('[data-testid="broadcast-status"][data-state="live"]').waitFor({ timeout: 30_000 });
    const res = await fetch(`${p.urls.site}/api/me/channel/stream-key`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(200);
    // Dropped through /control, then refused on each reconnect (1 + 2 + 4 s of back-off).
    const err = await errorOf(page, 'broadcast-error', 30_000);
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 30_000 });
    expect((await errorOf(page, 'broadcast-error')).code).toBe('BROADCAST_KEY_REFUSED');
    expect(err.text.length).toBeGreaterThan(0);
  }, 90_000);

  it('no ffmpeg: BROADCAST_FFMPEG_MISSING at once', async () => {
    const { page } = await open('/nonexistent/ffmpeg', { mode: 'custom', rtmpUrl: p.urls.rtmp });
    await page.getByTestId('custom-key').fill('any_key');
    await page.getByTestId('go-live').click();
    const err = await errorOf(page, 'broadcast-error', 5000);
    expect(err.code).toBe('BROADCAST_FFMPEG_MISSING');
    expect(err.text).toContain('ffmpeg를 찾을 수 없어요');
    expect(await page.getByTestId('broadcast-status').getAttribute('data-state')).toBe('idle');
  });

  it('an unreachable Lait server: SERVICE_UNAVAILABLE on sign-in; wrong password: AUTH_INVALID_CREDENTIALS', async () => {
    const closed = await freePort();
    const { page } = await open(FFMPEG, { mode: 'account', serverUrl: `http://127.0.0.1:${closed}` });
    await page.getByTestId('signin-email').fill('nobody@lait.test');
    await page.getByTestId('signin-password').fill('whatever-123');
    await page.getByTestId('signin-submit').click();
    const err = await errorOf(page, 'signin-error', 15_000);
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.text).toContain('라잇 서버에 연결할 수 없어요');

    await page.getByTestId('server-url').fill(p.urls.site);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('signin-error').getAttribute('data-code'), { timeout: 15_000 }).toBe('AUTH_INVALID_CREDENTIALS');
    expect(await page.getByTestId('signin-error').textContent()).toContain('이메일 또는 비밀번호가 맞지 않아요');
  });

  it('an unreachable RTMP server: BROADCAST_CONNECT_FAILED while retrying, and stop always stops', async () => {
    const closed = await freePort();
    const { page } = await open(FFMPEG, { mode: 'custom', rtmpUrl: `rtmp://127.0.0.1:${closed}/live` });
    await page.getByTestId('custom-key').fill('any_key');
    await page.getByTestId('go-live').click();
    const err = await errorOf(page, 'broadcast-error', 15_000);
    expect(err.code).toBe('BROADCAST_CONNECT_FAILED');
    expect(err.text).toContain('방송 서버(RTMP)에 연결할 수 없어요');
    await page.getByTestId('retry').waitFor({ timeout: 10_000 });
    await page.getByTestId('stop').click();
    await page.getByTestId('stop-confirm').click();
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 10_000 });
  });
});
