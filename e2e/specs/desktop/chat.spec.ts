import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { desktopHarness, signInApp } from '../../helpers/desktop.js';

const line = (page: Page, text: string) => page.locator('[data-testid="chat-message"]', { hasText: text });

/**
 * The desktop app's chat panel (built renderer in headless Chromium, main's chat relay over the WS
 * bridge) against a real server, with a signed-in viewer on the site's channel page: messages both
 * ways, Hangul through the IME, and a ban from the desktop that the viewer's page feels.
 */
describe('desktop broadcaster: live panel chat', () => {
  const streamer = { email: 'chat-caster@lait.test', password: 'violet-harbor-2026', nickname: '채팅방장' };
  const viewer = { email: 'chat-viewer@lait.test', password: 'warm-welcome-2026', nickname: '시청자' };
  const h = desktopHarness({ site: true });

  it('relays a viewer’s Korean message to the app, the app’s IME-composed reply to the viewer, and a ban from the app', async () => {
    const { slug } = await signUp(h.server.url, streamer);
    const app = await h.browser.context.newPage();
    const errors = await openRenderer(app, h.renderer.url, h.desktop.bridgeUrl);
    await signInApp(app, streamer);

    // The viewer signs up inside their page (the refresh cookie lands there) and opens the channel.
    const watch = await h.browser.context.newPage();
    await watch.goto(h.server.url);
    await watch.evaluate(async (body) => {
      const res = await fetch('/api/auth/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`signup ${res.status}: ${await res.text()}`);
    }, viewer);
    await watch.goto(`${h.server.url}/c/${slug}`);
    await watch.locator('[data-testid="chat-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    // The live panel's count comes from the relay's chat:viewers, without waiting for the 5 s poll;
    // the streamer's own chat connection is not a viewer.
    await app.locator('[data-testid="viewer-count"][data-count="1"]').waitFor({ timeout: 4_000 });

    await watch.getByTestId('chat-input').fill('안녕하세요 👋');
    await watch.getByTestId('chat-input').press('Enter');
    const hello = line(app, '안녕하세요 👋');
    await hello.waitFor({ timeout: 10_000 });
    expect(await hello.textContent()).toContain(viewer.nickname);

    // The streamer types 반가워요 through the IME: Enter while a syllable is composing sends nothing.
    const input = app.getByTestId('chat-input');
    await input.click();
    const cdp = await app.context().newCDPSession(app);
    const compose = (text: string) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    for (const [steps, syllable] of [[['ㅂ', '바', '반'], '반'], [['ㄱ', '가'], '가'], [['ㅇ', '워'], '워']] as const) {
      for (const step of steps) await compose(step);
      await cdp.send('Input.insertText', { text: syllable });
    }
    await compose('ㅇ');
    await compose('요');
    await app.keyboard.press('Enter');
    // Handled once the page has painted after it; a premature send would reach the viewer before the
    // reply below, which the count of lines with 반가워 there checks.
    await app.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await line(app, '반가워').count()).toBe(0);
    await cdp.send('Input.insertText', { text: '요' });
    // CDP's synthetic IME lets that Enter reach the textarea as a line break (a real IME eats it); sending trims it.
    expect((await input.inputValue()).trim()).toBe('반가워요');
    await app.keyboard.press('Enter');
    const reply = line(watch, '반가워요');
    await reply.waitFor({ timeout: 10_000 });
    await line(app, '반가워요').waitFor({ timeout: 10_000 });
    expect(await input.inputValue()).toBe('');
    expect(await line(watch, '반가워요').count()).toBe(1);
    expect(await line(watch, '반가워').count(), 'nothing went out while 요 was composing').toBe(1);

    // Ban from the app's menu on the viewer's line: their recent lines go, and their page cannot chat.
    // The menu offers time-outs of 1 min to 24 h, and a ban asks first: cancelling bans no one.
    await hello.getByTestId('chat-menu-button').click();
    for (const seconds of [60, 600, 3600, 86400]) expect(await app.getByTestId(`chat-timeout-${seconds}`).isVisible()).toBe(true);
    await app.getByTestId('chat-ban').click();
    await app.getByTestId('chat-ban-cancel').click();
    expect(await app.getByTestId('chat-done').count()).toBe(0);
    expect(await line(app, '안녕하세요 👋').count()).toBe(1);
    await hello.getByTestId('chat-menu-button').click();
    await app.getByTestId('chat-ban').click();
    await app.getByTestId('chat-ban-confirm').click();
    await app.getByTestId('chat-done').waitFor({ timeout: 10_000 });
    await expect.poll(() => line(app, '안녕하세요 👋').count(), { timeout: 10_000 }).toBe(0);
    // The server's notice shows in the app's chat, in Korean, naming who was banned.
    const notice = app.locator('[data-testid="chat-notice"][data-code="USER_BANNED"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/님이 채팅에서 금지됐어요$/);
    // The banned viewer sees it before typing: a disabled box with the reason, and again after a reload.
    const restricted = watch.locator('[data-testid="chat-restricted"][data-kind="banned"]');
    await restricted.waitFor({ timeout: 10_000 });
    expect(await watch.getByTestId('chat-input').isDisabled()).toBe(true);
    await watch.reload();
    await restricted.waitFor({ timeout: 15_000 });
    expect(await restricted.textContent()).toContain('채팅이 금지되어');
    expect(await watch.getByTestId('chat-input').isDisabled()).toBe(true);

    // The app lists moderators and bans as the web dashboard does: appoint, remove, and unban there.
    const mod = app.getByTestId('moderation-panel');
    await mod.locator('summary').click();
    const banned = mod.getByTestId('ban-list').locator('li', { hasText: '시청자' });
    await banned.waitFor({ timeout: 10_000 });
    await mod.getByTestId('mod-appoint-input').fill('없는닉네임');
    await mod.getByTestId('mod-appoint').click();
    expect(await mod.getByTestId('mod-error').getAttribute('data-code', { timeout: 10_000 })).toBe('NOT_FOUND');
    await banned.getByTestId('mod-unban').click();
    await banned.waitFor({ state: 'detached', timeout: 10_000 });
    await mod.getByTestId('mod-appoint-input').fill('시청자');
    await mod.getByTestId('mod-appoint').click();
    const appointed = mod.getByTestId('mod-list').locator('li', { hasText: '시청자' });
    await appointed.waitFor({ timeout: 10_000 });
    // Unbanned, the viewer's page can chat again after a reload.
    await watch.reload();
    await watch.getByTestId('chat-input').waitFor({ timeout: 15_000 });
    await expect.poll(() => watch.getByTestId('chat-input').isDisabled(), { timeout: 10_000 }).toBe(false);
    await appointed.getByTestId('mod-remove').click();
    await appointed.waitFor({ state: 'detached', timeout: 10_000 });
    expect(errors).toEqual([]);
  });
});
