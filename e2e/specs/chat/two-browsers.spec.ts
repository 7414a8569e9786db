import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';

interface SignedUp {
  user: { id: number; nickname: string };
  accessToken: string;
}

/** Signs up from inside the page, so the refresh cookie lands in that browser; the site restores the session on load. */
async function signUp(page: Page, site: string, body: { email: string; nickname: string; password: string }): Promise<SignedUp> {
  await page.goto(site);
  return page.evaluate(async (b) => {
    const res = await fetch('/api/auth/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
    if (!res.ok) throw new Error(`signup ${res.status}: ${await res.text()}`);
    return (await res.json()) as SignedUp;
  }, body);
}

const message = (page: Page, text: string) => page.locator('[data-testid="chat-message"]', { hasText: text });

describe('two browsers chat on a channel page', () => {
  let p: Platform;
  let host: Browser;
  let guest: Browser;
  beforeAll(async () => {
    p = await startPlatform();
    [host, guest] = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([host?.close(), guest?.close()]);
    await p?.stop();
  });

  it('sends Hangul typed through IME composition only once it is composed, and both sides see the same messages', async () => {
    const a = await host.context.newPage();
    const b = await guest.context.newPage();
    const streamer = await signUp(a, p.urls.site, { email: 'host@lait.test', nickname: '방장', password: 'good-stream-2026' });
    const viewer = await signUp(b, p.urls.site, { email: 'guest@lait.test', nickname: '손님', password: 'warm-welcome-2026' });
    const slug = await a.evaluate(async (token) => {
      const me = await (await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } })).json();
      return me.channel.slug as string;
    }, streamer.accessToken);

    await Promise.all([a.goto(`${p.urls.site}/c/${slug}`), b.goto(`${p.urls.site}/c/${slug}`)]);
    for (const page of [a, b]) await page.locator('[data-testid="chat-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    // The streamer's own page does not count as a viewer: the guest is the one.
    await a.locator('[data-testid="chat-viewers"][data-count="1"]').waitFor({ timeout: 15_000 });

    // The guest types 안녕하세요 through the browser's IME path (composition events from Chromium itself).
    const input = b.getByTestId('chat-input');
    await input.click();
    const cdp = await b.context().newCDPSession(b);
    const compose = (text: string) => cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    for (const [steps, syllable] of [[['ㅇ', '아', '안'], '안'], [['ㄴ', '녀', '녕'], '녕'], [['ㅎ', '하'], '하'], [['ㅅ', '세'], '세']] as const) {
      for (const step of steps) await compose(step);
      await cdp.send('Input.insertText', { text: syllable });
    }
    await compose('ㅇ');
    await compose('요');
    // Enter while 요 is still being composed: nothing may be sent yet.
    await b.evaluate(() => {
      const w = window as unknown as { enterWhileComposing?: boolean };
      document.querySelector('[data-testid="chat-input"]')!.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') w.enterWhileComposing = (e as KeyboardEvent).isComposing;
      });
    });
    await b.keyboard.press('Enter');
    expect(await b.evaluate(() => (window as unknown as { enterWhileComposing?: boolean }).enterWhileComposing)).toBe(true);
    // The Enter is handled once the page has painted after it: a send would show its pending line by
    // then. Anything sent would also reach both lists before the reply below (checked there: 2 lines).
    await b.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await b.getByTestId('chat-pending').count()).toBe(0);
    expect(await b.getByTestId('chat-message').count()).toBe(0);
    expect(await a.getByTestId('chat-message').count()).toBe(0);

    // Composition ends with the finished syllable: now the whole text goes, once.
    await cdp.send('Input.insertText', { text: '요' });
    const arrived = message(a, '안녕하세요');
    await arrived.waitFor({ timeout: 10_000 });
    expect(await arrived.textContent()).toBe('손님: 안녕하세요');
    expect(await arrived.getAttribute('data-user-id')).toBe(String(viewer.user.id));
    const id = await arrived.getAttribute('data-id');
    await b.locator(`[data-testid="chat-message"][data-id="${id}"]`).waitFor();
    expect(await b.getByTestId('chat-input').inputValue()).toBe('');

    // The streamer answers with a plain Enter; the guest sees it with the streamer badge, in id order.
    await a.getByTestId('chat-input').fill('반가워요 손님!');
    await a.getByTestId('chat-input').press('Enter');
    const reply = message(b, '반가워요 손님!');
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toContain('스트리머');
    for (const page of [a, b]) {
      const ids = await page.getByTestId('chat-message').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))));
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBeLessThan(ids[1]!);
    }

    // Moderation from the streamer's menu: the guest's message is deleted for both.
    await message(a, '안녕하세요').hover();
    await message(a, '안녕하세요').getByTestId('chat-message-menu').click();
    await a.getByTestId('chat-delete').click();
    await b.locator(`[data-testid="chat-message"][data-id="${id}"][data-deleted="true"]`).waitFor({ timeout: 10_000 });
  });
});
