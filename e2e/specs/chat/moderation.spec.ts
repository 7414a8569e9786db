import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { chatCall, chatNonce, connectChat, signUp, type Account } from '../../helpers/chat-client.js';

/** Signs in through the site's own form, so the session lives in that browser as a user's would. */
async function signIn(page: Page, site: string, email: string): Promise<void> {
  await page.goto(`${site}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('correct-horse-7');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-user').waitFor({ timeout: 15_000 });
}

/** The error code a send is refused with, or 'sent'. */
async function trySend(socket: Socket, channel: string, text: string): Promise<string> {
  const ack = (await socket.timeout(10_000).emitWithAck('chat:send', { channel, text, nonce: chatNonce() })) as { ok: boolean; error?: { code: string } };
  return ack.ok ? 'sent' : ack.error!.code;
}

/** Moderation both ways, in the browser: the streamer appoints a moderator from the dashboard, the moderator times out and bans from user cards, the streamer unbans from the list. */
describe('moderation from the dashboard and from user cards', () => {
  let p: Platform;
  let streamerBrowser: Browser;
  let modBrowser: Browser;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    p = await startPlatform();
    [streamerBrowser, modBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([streamerBrowser?.close(), modBrowser?.close()]);
    await p?.stop();
  });

  it('appoints a moderator who times out for 1 min and bans from a user card; the streamer unbans from the list', async () => {
    const streamer: Account = await signUp(p.urls.site, '방장님', 'host@lait.test');
    await signUp(p.urls.site, '매니저', 'manager@lait.test');
    const spammer = await signUp(p.urls.site, '도배꾼', 'spam@lait.test');
    const troll = await signUp(p.urls.site, '악플러', 'troll@lait.test');
    const channel = streamer.slug;

    // The streamer appoints 매니저 by nickname on the dashboard.
    const dash = await streamerBrowser.context.newPage();
    await signIn(dash, p.urls.site, 'host@lait.test');
    await dash.goto(`${p.urls.site}/dashboard`);
    const panel = dash.getByTestId('moderation-panel');
    await panel.getByTestId('mod-appoint-input').fill('매니저');
    await panel.getByTestId('mod-appoint').click();
    await panel.getByTestId('mod-list').getByText('매니저').waitFor({ timeout: 10_000 });

    // Two viewers chat; the moderator watches the channel page.
    const [spam, bad] = await Promise.all([connectChat(p.urls.site, spammer.token), connectChat(p.urls.site, troll.token)]);
    sockets.push(spam, bad);
    await Promise.all([chatCall(spam, 'chat:join', { channel }), chatCall(bad, 'chat:join', { channel })]);
    const mod = await modBrowser.context.newPage();
    await signIn(mod, p.urls.site, 'manager@lait.test');
    await mod.goto(`${p.urls.site}/c/${channel}`);
    await mod.locator('[data-testid="chat-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    expect(await trySend(spam, channel, '광고 광고 광고')).toBe('sent');
    expect(await trySend(bad, channel, '나쁜 말')).toBe('sent');

    // A 1-minute time-out from 도배꾼's user card: their next message is refused.
    const spamLine = mod.locator('[data-testid="chat-message"]', { hasText: '광고 광고 광고' });
    await spamLine.getByTestId('chat-nick').click();
    const card = mod.getByTestId('chat-user-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('chat-card-recent').textContent()).toContain('광고 광고 광고');
    await card.getByTestId('chat-card-timeout-60').click();
    await expect.poll(() => trySend(spam, channel, '또 광고'), { timeout: 10_000 }).toBe('CHAT_TIMED_OUT');

    // A ban from 악플러's card asks first, then holds.
    await mod.locator('[data-testid="chat-message"]', { hasText: '나쁜 말' }).getByTestId('chat-nick').click();
    await mod.getByTestId('chat-card-ban').click();
    await mod.getByTestId('chat-card-ban-confirm').click();
    await expect.poll(() => trySend(bad, channel, '다시 왔지롱'), { timeout: 10_000 }).toBe('CHAT_BANNED');

    // The streamer sees 악플러 in the ban list and unbans them there: they can chat again.
    await dash.reload();
    const banList = dash.getByTestId('ban-list');
    const row = banList.locator('li', { hasText: '악플러' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('mod-unban').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => trySend(bad, channel, '반성했어요'), { timeout: 10_000 }).toBe('sent');
    // Removing the moderator takes their powers away: the list is empty again.
    await dash.getByTestId('mod-list').locator('li', { hasText: '매니저' }).getByTestId('mod-remove').click();
    await dash.getByTestId('mod-list').locator('li', { hasText: '매니저' }).waitFor({ state: 'detached', timeout: 10_000 });
  });
});
