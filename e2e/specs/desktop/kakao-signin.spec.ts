import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKakaoStandin, type KakaoStandin } from '@lait/server/testing';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { startDesktop } from '../../helpers/desktop.js';

/**
 * Kakao sign-in from the desktop app (RFC 8252): the app's "system browser" is a second Chromium
 * page that opens whatever the app hands to openExternal, goes through the Kakao stand-in's consent
 * page and lands on the app's 127.0.0.1 loopback listener; the app then shows the Kakao account.
 */
describe('desktop broadcaster: sign in with Kakao through the system browser', () => {
  let kakao: KakaoStandin;
  let p: Platform;
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  let desktop: Awaited<ReturnType<typeof startDesktop>>;
  let app: Page;
  let errors: string[];
  /** Pages the "system browser" opened, newest last. */
  const opened: Promise<Page>[] = [];

  beforeAll(async () => {
    kakao = await startKakaoStandin();
    kakao.setMode('page');
    p = await startPlatform({ env: kakao.env() });
    renderer = await serveRenderer();
    browser = await launchBrowser();
    desktop = await startDesktop({
      ffmpegPath: null,
      settings: { serverUrl: p.urls.site, mode: 'account' },
      openExternal: (url) => {
        opened.push((async () => {
          const tab = await browser.context.newPage();
          await tab.goto(url);
          return tab;
        })());
      },
    });
    app = await browser.context.newPage();
    errors = await openRenderer(app, renderer.url, desktop.bridgeUrl);
  });
  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
    await renderer?.close();
    await p?.stop();
    await kakao?.close();
  });

  async function nextSystemTab(count: number): Promise<Page> {
    await expect.poll(() => opened.length, { timeout: 10_000 }).toBe(count);
    return opened[count - 1]!;
  }

  it('says so when the user cancels at Kakao', async () => {
    await app.getByTestId('signin-kakao').click();
    await app.getByTestId('kakao-waiting').waitFor({ timeout: 10_000 });
    expect(await app.getByTestId('kakao-waiting').textContent()).toContain('브라우저에서 로그인을 마쳐 주세요');
    const tab = await nextSystemTab(1);
    await tab.getByTestId('kakao-cancel').click();
    await tab.getByTestId('loopback-failed').waitFor({ timeout: 10_000 });
    const error = app.getByTestId('signin-error');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.getAttribute('data-code')).toBe('AUTH_KAKAO_CANCELLED');
    expect(await error.textContent()).toContain('카카오 로그인을 취소했어요');
    await tab.close();
  });

  it('stops waiting when the streamer cancels in the app', async () => {
    await app.getByTestId('signin-kakao').click();
    await app.getByTestId('kakao-cancel').click();
    await app.getByTestId('signin-kakao').waitFor({ timeout: 10_000 });
    expect(await app.getByTestId('signin-error').count()).toBe(0);
    await (await nextSystemTab(2)).close();
  });

  it('signs in with the Kakao account and shows its nickname; the session can go live', async () => {
    kakao.setUser({ id: 5_000_000_123, nickname: '카카오스트리머', email: 'streamer@kakao.test', emailVerified: true });
    await app.getByTestId('signin-kakao').click();
    const tab = await nextSystemTab(3);
    expect(await tab.getByTestId('kakao-account').textContent()).toBe('카카오스트리머');
    await tab.getByTestId('kakao-consent').click();
    await tab.getByTestId('loopback-ok').waitFor({ timeout: 10_000 });
    expect(new URL(tab.url()).hostname).toBe('127.0.0.1');
    expect(await tab.textContent('body')).toContain('로그인되었습니다. 앱으로 돌아가세요');

    await expect.poll(() => app.getByTestId('account-user').textContent(), { timeout: 15_000 }).toContain('카카오스트리머');
    await app.getByTestId('live-panel').waitFor({ timeout: 15_000 });
    const token = await desktop.core.account.publishToken();
    expect(token.rtmpUrl).toBe(p.urls.rtmp);
    // The browser never got the app's session: its refresh cookie stays with main.
    const cookies = await browser.context.cookies(p.urls.site);
    expect(cookies.map((c) => c.name)).not.toContain('lait_rt');
    expect(errors).toEqual([]);
  });
});
