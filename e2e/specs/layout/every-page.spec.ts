import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { liveSite } from '../../helpers/live-site.js';
import { VIEWPORTS, checkHeader, horizontalOverflow, screenshot } from '../../helpers/screens.js';

interface PageCase {
  name: string;
  path: string;
  ready: string;
}

/**
 * Every page at 1366×768 and 390×844, signed out and signed in: nothing sticks out sideways, and the
 * header's controls (language switch, log in or log out) are on screen and clickable, behind the
 * menu button on a phone. Screenshots of each go to e2e/test-results/screenshots.
 */
describe('every page fits a desktop and a phone screen', () => {
  const email = 'layout@lait.test';
  const password = 'good-stream-2026';
  const site = liveSite({ email, password, nickname: '라잇스트리머' }, {
    durationSec: 240,
    patch: { title: '밤새 수다 떠는 아주 긴 제목의 방송입니다 모두 환영해요', category: 'talk' },
  });

  const publicPages = (): PageCase[] => [
    { name: 'home', path: '/', ready: '[data-testid="channel-card"]' },
    { name: 'category', path: '/category/talk', ready: '[data-testid="channel-card"]' },
    { name: 'search', path: `/search?q=${encodeURIComponent('ㄹㅇ')}`, ready: '[data-testid="channel-card"]' },
    { name: 'channel', path: `/c/${site.slug}`, ready: '[data-testid="player-video"]' },
    { name: 'login', path: '/login', ready: '[data-testid="login-submit"]' },
    { name: 'signup', path: '/signup', ready: '[data-testid="signup-submit"]' },
    { name: 'not-found', path: '/no/such/page', ready: '[data-testid="page-not-found"]' },
  ];
  const signedInPages = (): PageCase[] => [
    { name: 'home-signed-in', path: '/', ready: '[data-testid="channel-card"]' },
    { name: 'channel-signed-in', path: `/c/${site.slug}`, ready: '[data-testid="player-video"]' },
    { name: 'dashboard', path: '/dashboard', ready: '[data-testid="dashboard"]' },
    { name: 'following', path: '/following', ready: '[data-testid="following-page"]' },
  ];

  async function visitAll(page: Page, cases: PageCase[], signedIn: boolean): Promise<void> {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const c of cases) {
        await page.goto(`${site.p.urls.site}${c.path}`);
        await page.locator(c.ready).first().waitFor({ timeout: 20_000 });
        await screenshot(page, `${c.name}-${vp.name}`);
        expect(await horizontalOverflow(page), `${c.name} at ${vp.width}px`).toBeLessThanOrEqual(0);
        await checkHeader(page, signedIn, `${c.name}-${vp.name}`);
      }
    }
  }

  it('signed out: no sideways overflow and a reachable header on every page', async () => {
    const page = await site.browser.context.newPage();
    await visitAll(page, publicPages(), false);
    await page.close();
  });

  it('a phone turned sideways plays the channel full-screen', async () => {
    const page = await site.browser.context.newPage();
    await page.setViewportSize({ width: 844, height: 390 });
    await page.goto(`${site.p.urls.site}/c/${site.slug}`);
    await page.getByTestId('player-video').waitFor({ timeout: 20_000 });
    await screenshot(page, 'channel-phone-landscape');
    const box = await page.getByTestId('player-video').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 844, height: 390 });
    await page.close();
  });

  it('signed in: no sideways overflow and a reachable header on every page', async () => {
    const page = await site.browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${site.p.urls.site}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await visitAll(page, signedInPages(), true);
    await page.close();
  });
});
