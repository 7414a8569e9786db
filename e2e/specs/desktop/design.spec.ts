import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { desktopHarness, signInApp } from '../../helpers/desktop.js';
import { screenshot } from '../../helpers/screens.js';


/** The design tokens both apps take from @lait/shared/styles.css (issue 11: one design language). */
const TOKENS = ['--bg', '--bg-raised', '--bg-card', '--bg-hover', '--border', '--text', '--text-muted', '--accent', '--accent-strong', '--live', '--radius'];

/** The root's tokens and the page's type and colours, as the browser resolved them. */
function pageLook(page: Page): Promise<Record<string, string>> {
  return page.evaluate((tokens) => {
    const root = getComputedStyle(document.documentElement);
    const body = getComputedStyle(document.body);
    const look: Record<string, string> = {
      'body font-family': body.fontFamily, 'body color': body.color, 'body background': body.backgroundColor,
      'root word-break': root.wordBreak,
    };
    for (const name of tokens) look[name] = root.getPropertyValue(name).trim();
    return look;
  }, TOKENS);
}

/** What a person sees of a button or a card (colours, border, corners, type), not its size. */
const BOX = ['background-color', 'color', 'border-top-color', 'border-top-width', 'border-top-left-radius', 'font-family', 'font-weight'];
/** The header bar (the app's is not sticky: it has no navigation), the wordmark's mark and a chat line. */
const BAR = ['background-color', 'border-bottom-color', 'border-bottom-width', 'height', 'padding-left'];
const MARK = ['background-image', 'width', 'height', 'border-top-left-radius'];
const TEXT = ['font-family', 'font-size', 'font-weight', 'line-height'];

function looks(el: Locator, props: string[]): Promise<Record<string, string>> {
  return el.evaluate((node, names) => {
    const s = getComputedStyle(node);
    return Object.fromEntries(names.map((n) => [n, s.getPropertyValue(n)]));
  }, props);
}
const boxLook = (el: Locator) => looks(el, BOX);

/**
 * The desktop app and the site side by side in one run (the site's build served by the same server
 * the app signs in to): the same tokens, type and colours on both, the app's primary buttons (sign
 * in, go live) as the site's, Kakao's as the site's, the header and wordmark as the site's, its
 * panels as the site's cards, its chat lines in the site's type. Nothing here names a colour: a
 * drift of either app from the shared stylesheet fails it (soft checks: every drift is reported at
 * once). Screenshots of both at 1366×768 go to e2e/test-results/screenshots.
 */
describe('desktop broadcaster looks like the site', () => {
  const streamer = { email: 'design-caster@lait.test', password: 'violet-harbor-2026', nickname: '디자인방장' };
  const viewer = { email: 'design-viewer@lait.test', password: 'warm-welcome-2026', nickname: '구경꾼' };
  const h = desktopHarness({ site: true });

  it('uses the site’s tokens, type, buttons and cards', async () => {
    const { slug } = await signUp(h.server.url, streamer);
    const site = await h.browser.context.newPage();
    await site.setViewportSize({ width: 1366, height: 768 });
    await site.goto(`${h.server.url}/login`);
    await site.getByTestId('login-submit').waitFor();
    const siteLook = await pageLook(site);
    const sitePrimary = await boxLook(site.getByTestId('login-submit'));
    const siteKakao = await boxLook(site.getByTestId('login-kakao'));
    const siteBar = await looks(site.locator('header').first(), BAR);
    const siteMark = await looks(site.locator('header .topbar__logo-mark'), MARK);
    const siteWordmark = await looks(site.locator('header .topbar__logo'), TEXT);

    const app = await h.browser.context.newPage();
    await app.setViewportSize({ width: 1366, height: 768 });
    const errors = await openRenderer(app, h.renderer.url, h.desktop.bridgeUrl);
    await screenshot(app, 'desktop-design-signed-out');
    expect.soft(await pageLook(app)).toEqual(siteLook);
    expect.soft(await boxLook(app.getByTestId('signin-submit')), 'sign-in button').toEqual(sitePrimary);
    expect.soft(await boxLook(app.getByTestId('signin-kakao')), 'Kakao button').toEqual(siteKakao);
    expect.soft(await looks(app.locator('header').first(), BAR), 'header bar').toEqual(siteBar);
    expect.soft(await looks(app.locator('header .topbar__logo-mark'), MARK), 'logo mark').toEqual(siteMark);
    expect.soft(await looks(app.locator('header .topbar__logo'), TEXT), 'wordmark').toEqual(siteWordmark);

    await signInApp(app, streamer);
    expect.soft(await boxLook(app.getByTestId('go-live')), 'go-live button').toEqual(sitePrimary);
    await screenshot(app, 'desktop-design-signed-in');

    // A viewer on the site's channel page and the streamer in the app talk, so both chats have lines.
    const watch = await h.browser.context.newPage();
    await watch.setViewportSize({ width: 1366, height: 768 });
    await watch.goto(h.server.url);
    await watch.evaluate(async (body) => {
      const res = await fetch('/api/auth/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`signup ${res.status}: ${await res.text()}`);
    }, viewer);
    await watch.goto(`${h.server.url}/c/${slug}`);
    await watch.locator('[data-testid="chat-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    for (const text of ['안녕하세요! 방송 기다렸어요 👋', '오늘은 무슨 이야기 해요?']) {
      await watch.getByTestId('chat-input').fill(text);
      await watch.getByTestId('chat-input').press('Enter');
      await app.locator('[data-testid="chat-message"]', { hasText: text }).waitFor({ timeout: 10_000 });
    }
    await app.getByTestId('chat-input').fill('어서 오세요, 곧 시작합니다');
    await app.getByTestId('chat-send').click();
    await watch.locator('[data-testid="chat-message"]', { hasText: '곧 시작합니다' }).waitFor({ timeout: 10_000 });
    const line = (page: Page) => page.locator('[data-testid="chat-message"]', { hasText: '무슨 이야기' });
    expect.soft(await looks(line(app), TEXT), 'chat line').toEqual(await looks(line(watch), TEXT));
    // The streamer's own line carries the site's role badge in the app too: the same word, the same look.
    const badge = (page: Page) => page.locator('[data-testid="chat-message"]', { hasText: '곧 시작합니다' }).getByTestId('chat-badge');
    await badge(app).waitFor({ timeout: 10_000 });
    expect.soft(await badge(app).textContent(), 'streamer badge').toBe(await badge(watch).textContent());
    expect.soft(await looks(badge(app), [...BOX, ...TEXT]), 'streamer badge').toEqual(await looks(badge(watch), [...BOX, ...TEXT]));
    await app.evaluate(() => window.scrollTo(0, 0));
    await screenshot(app, 'desktop-design-chat');
    await screenshot(watch, 'site-design-channel');

    await app.getByTestId('overlay-add-chat').click();
    await app.getByTestId('overlay-add-text').click();
    await app.evaluate(() => window.scrollTo(0, 0));
    await screenshot(app, 'desktop-design-overlays');

    // The site's card: a dashboard panel, signed in as the same streamer.
    await site.getByTestId('login-email').fill(streamer.email);
    await site.getByTestId('login-password').fill(streamer.password);
    await site.getByTestId('login-submit').click();
    await site.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await site.goto(`${h.server.url}/dashboard`);
    const siteCard = await boxLook(site.getByTestId('moderation-panel'));
    for (const id of ['live-panel', 'chat-panel', 'overlays-panel']) {
      expect.soft(await boxLook(app.getByTestId(id)), `${id} as the site's card`).toEqual(siteCard);
    }
    await site.goto(h.server.url);
    await site.getByTestId('nav-user').waitFor({ timeout: 15_000 });
    await screenshot(site, 'site-design-home');
    expect(errors).toEqual([]);
  });
});
