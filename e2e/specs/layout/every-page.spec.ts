import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import type { Publisher } from '@lait/testkit/publisher';
import { goLive } from '@lait/testkit/accounts';
import { VIEWPORTS, horizontalOverflow, isInViewport, screenshot } from '../../helpers/screens.js';

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
  let p: Platform;
  let browser: Browser;
  let pub: Publisher | undefined;
  let slug = '';
  const email = 'layout@lait.test';
  const password = 'good-stream-2026';

  beforeAll(async () => {
    p = await startPlatform();
    browser = await launchBrowser();
    const live = await goLive(p, { email, password, nickname: '라잇스트리머' }, {
      durationSec: 240,
      patch: { title: '밤새 수다 떠는 아주 긴 제목의 방송입니다 모두 환영해요', category: 'talk' },
    });
    slug = live.slug;
    pub = live.publisher;
  });
  afterAll(async () => {
    await pub?.stop();
    await browser?.close();
    await p?.stop();
  });

  const publicPages = (): PageCase[] => [
    { name: 'home', path: '/', ready: '[data-testid="channel-card"]' },
    { name: 'category', path: '/category/talk', ready: '[data-testid="channel-card"]' },
    { name: 'search', path: `/search?q=${encodeURIComponent('ㄹㅇ')}`, ready: '[data-testid="channel-card"]' },
    { name: 'channel', path: `/c/${slug}`, ready: '[data-testid="player-video"]' },
    { name: 'login', path: '/login', ready: '[data-testid="login-submit"]' },
    { name: 'signup', path: '/signup', ready: '[data-testid="signup-submit"]' },
    { name: 'not-found', path: '/no/such/page', ready: '[data-testid="page-not-found"]' },
  ];
  const signedInPages = (): PageCase[] => [
    { name: 'home-signed-in', path: '/', ready: '[data-testid="channel-card"]' },
    { name: 'channel-signed-in', path: `/c/${slug}`, ready: '[data-testid="player-video"]' },
    { name: 'dashboard', path: '/dashboard', ready: '[data-testid="dashboard"]' },
    { name: 'following', path: '/following', ready: '[data-testid="following-page"]' },
  ];

  /** Opens the phone menu when there is one; the header's controls must then be on screen and clickable. */
  async function checkHeader(page: Page, signedIn: boolean, shotName: string): Promise<void> {
    const menu = page.getByTestId('nav-menu-button');
    if (await menu.isVisible()) {
      expect(await isInViewport(page, '[data-testid="nav-menu-button"]')).toBe(true);
      await menu.click();
      await page.locator('#topbar-menu[data-open="true"]').waitFor();
      await screenshot(page, `${shotName}-menu`);
    }
    const controls = ['[data-testid="lang-switch"]', signedIn ? '[data-testid="nav-logout"]' : '[data-testid="nav-login"]'];
    for (const selector of controls) {
      expect(await isInViewport(page, selector), selector).toBe(true);
      await page.locator(selector).first().click({ trial: true, timeout: 5000 });
    }
    expect(await isInViewport(page, '.topbar__logo')).toBe(true);
  }

  async function visitAll(page: Page, cases: PageCase[], signedIn: boolean): Promise<void> {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const c of cases) {
        await page.goto(`${p.urls.site}${c.path}`);
        await page.locator(c.ready).first().waitFor({ timeout: 20_000 });
        await screenshot(page, `${c.name}-${vp.name}`);
        expect(await horizontalOverflow(page), `${c.name} at ${vp.width}px`).toBeLessThanOrEqual(0);
        await checkHeader(page, signedIn, `${c.name}-${vp.name}`);
      }
    }
  }

  it('signed out: no sideways overflow and a reachable header on every page', async () => {
    const page = await browser.context.newPage();
    await visitAll(page, publicPages(), false);
    await page.close();
  });

  it('a phone turned sideways plays the channel full-screen', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 844, height: 390 });
    await page.goto(`${p.urls.site}/c/${slug}`);
    await page.getByTestId('player-video').waitFor({ timeout: 20_000 });
    await screenshot(page, 'channel-phone-landscape');
    const box = await page.getByTestId('player-video').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 844, height: 390 });
    await page.close();
  });

  it('signed in: no sideways overflow and a reachable header on every page', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${p.urls.site}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await visitAll(page, signedInPages(), true);
    await page.close();
  });
});
