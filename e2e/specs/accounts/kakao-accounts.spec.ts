import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKakaoStandin, type KakaoStandin } from '../../../server/src/test/kakao-standin.js';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';

/** Issue 9: Kakao login never takes over an account by its (unverified) email; linking is explicit. */
describe('Kakao accounts in a real browser', () => {
  let kakao: KakaoStandin;
  let p: Platform;
  let browser: Browser;
  beforeAll(async () => {
    kakao = await startKakaoStandin();
    kakao.setMode('page');
    p = await startPlatform({ env: kakao.env() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.stop();
    await kakao?.close();
  });

  const api = (pathname: string, body: unknown) =>
    fetch(`${p.urls.site}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('pre-hijack: the victim lands in their own account, and the attacker\'s password does not open it', async () => {
    const attacker = await api('/api/auth/signup', { email: 'victim@kakao.test', password: 'grape-hunter-2026', nickname: 'attacker' });
    expect(attacker.status).toBe(201);
    const attackerId = ((await attacker.json()) as { user: { id: number } }).user.id;

    kakao.setUser({ id: 6_000_000_001, nickname: '피해자', email: 'victim@kakao.test', emailVerified: true });
    const page = await browser.context.newPage();
    await page.goto(`${p.urls.site}/login`);
    await page.getByTestId('login-kakao').click();
    await page.getByTestId('kakao-consent').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('nav-user').textContent()).toContain('피해자');
    expect(await page.getByTestId('kakao-separate').textContent()).toContain('카카오 계정을 연결');

    const victim = await page.evaluate(async () => {
      const r = await fetch('/api/auth/refresh', { method: 'POST' });
      return ((await r.json()) as { user: { id: number; kakaoLinked: boolean } }).user;
    });
    expect(victim.id).not.toBe(attackerId);
    expect(victim.kakaoLinked).toBe(true);

    const attackerLogin = await api('/api/auth/login', { email: 'victim@kakao.test', password: 'grape-hunter-2026' });
    const opened = ((await attackerLogin.json()) as { user: { id: number; kakaoLinked: boolean } }).user;
    expect(opened).toMatchObject({ id: attackerId, kakaoLinked: false });
    await page.close();
  });

  it('a password user links Kakao from the dashboard and then signs in with Kakao', async () => {
    const fresh = await launchBrowser();
    try {
      const page = await fresh.context.newPage();
      await page.goto(`${p.urls.site}/signup`);
      await page.getByTestId('signup-email').fill('linker@lait.test');
      await page.getByTestId('signup-nickname').fill('링크할사람');
      await page.getByTestId('signup-password').fill('link-me-please-7');
      await page.getByTestId('signup-submit').click();
      await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });

      kakao.setUser({ id: 6_000_000_002, nickname: '카카오링커', email: 'linker@lait.test', emailVerified: true });
      await page.goto(`${p.urls.site}/dashboard`);
      await page.getByTestId('kakao-link-start').click();
      await page.getByTestId('kakao-consent').click();
      await page.getByTestId('kakao-linked').waitFor({ timeout: 15_000 });
      expect(page.url()).toBe(`${p.urls.site}/dashboard`);

      await page.getByTestId('nav-logout').click();
      await page.getByTestId('nav-login').waitFor();
      await page.goto(`${p.urls.site}/login`);
      await page.getByTestId('login-kakao').click();
      await page.getByTestId('kakao-consent').click();
      await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('nav-user').textContent()).toContain('링크할사람');
    } finally {
      await fresh.close();
    }
  });
});
