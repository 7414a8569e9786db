import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChannelPublic, Clip, VideoList } from '@lait/shared';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';
import { chatCall, chatNonce, connectChat, signUp, streamKeyOf, type Account } from '../../helpers/chat-client.js';
import { VIEWPORTS, checkHeader, horizontalOverflow, screenshot } from '../../helpers/screens.js';

/** Long enough that the "be right back" page stays up while both sizes are checked on a loaded machine. */
const GRACE_SEC = 120;

/**
 * The pages every-page.spec.ts does not reach: a replay (`/v/<id>`), a clip (`/clip/<id>`), a channel
 * that is "be right back", an offline channel with its past broadcasts, the following page with its
 * shelf, and the dashboard while live. At 1366×768 and 390×844: nothing sticks out sideways, the header
 * works (behind the menu on a phone), the page's own content is on show, and a screenshot is written.
 */
describe('replays, clips, be right back and the live dashboard fit a desktop and a phone', () => {
  let p: Platform;
  let browser: Browser;
  const pubs: Publisher[] = [];
  let vodOwner: Account;
  let fan: Account;
  let videoId = '';
  let clip: Clip;

  const channel = async (slug: string) => (await p.api<ChannelPublic>(`/api/channels/${slug}`)).body;
  const post = async <T>(path: string, token: string, body: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${p.urls.site}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const patchChannel = async (account: Account, patch: Record<string, unknown>) => {
    const res = await fetch(`${p.urls.site}/api/me/channel`, { method: 'PATCH', headers: { authorization: `Bearer ${account.token}`, 'content-type': 'application/json' }, body: JSON.stringify(patch) });
    if (!res.ok) throw new Error(`channel update answered ${res.status}: ${await res.text()}`);
  };
  const liveOf = (slug: string) =>
    waitFor('the channel to be live', async () => {
      const c = await channel(slug);
      return c.live && c.status === 'live' ? c : null;
    }, 45_000, 200);

  beforeAll(async () => {
    p = await startPlatform({ env: { LIVE_GRACE_SEC: String(GRACE_SEC) } });
    browser = await launchBrowser();
    vodOwner = await signUp(p.urls.site, '다시보기스트리머', 'vodlayout@lait.test');
    fan = await signUp(p.urls.site, '레이아웃팬', 'fanlayout@lait.test');
    await patchChannel(vodOwner, { title: '어젯밤 다시보기: 아주 긴 제목으로 줄바꿈이 어떻게 되는지 보는 방송', category: 'talk' });
    expect((await post(`/api/channels/${vodOwner.slug}/follow`, fan.token, {})).status).toBe(200);

    // A short broadcast with a few chat lines: its VOD, the chat replay and a clip of it.
    const chat = await connectChat(p.urls.site, vodOwner.token);
    try {
      await chatCall(chat, 'chat:join', { channel: vodOwner.slug });
      const pub = publish(p.urls.rtmp, await streamKeyOf(p.urls.site, vodOwner), { durationSec: 14 });
      pubs.push(pub);
      await liveOf(vodOwner.slug);
      for (const text of ['안녕하세요 여러분', '오늘은 레이아웃을 봅니다', 'a-very-long-word-without-any-spaces-to-see-whether-the-chat-replay-wraps-it-properly'])
        await chatCall(chat, 'chat:send', { channel: vodOwner.slug, text, nonce: chatNonce() });
      expect(await pub.exited).toBe(0);
      // The long grace (for the BRB test) would hold this broadcast open: a new key ends it at once.
      await waitFor('the API to say "reconnecting"', async () => (await channel(vodOwner.slug)).status === 'reconnecting', 30_000, 200);
      await streamKeyOf(p.urls.site, vodOwner);
    } finally {
      chat.disconnect();
    }
    const { videos } = await waitFor('the VOD to be listed', async () => {
      const body = (await p.api<VideoList>(`/api/channels/${vodOwner.slug}/videos`)).body;
      return body.videos.length > 0 ? body : null;
    }, 30_000, 250);
    videoId = videos[0]!.id;
    const made = await post<Clip>(`/api/videos/${videoId}/clips`, fan.token, { start: 2, end: 9 });
    expect(made.status).toBe(201);
    clip = made.body;
  }, 120_000);

  afterAll(async () => {
    for (const pub of pubs) await pub.stop();
    await browser?.close();
    await p?.stop();
  });

  /**
   * Visits `path` at both sizes: waits for every `ready` selector to be visible, writes a screenshot,
   * checks nothing sticks out sideways and the header works, then runs `extra` for the page's own checks.
   */
  async function visit(page: Page, name: string, path: string, ready: string[], signedIn: boolean, extra?: (vp: (typeof VIEWPORTS)[number]) => Promise<void>): Promise<void> {
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.goto(`${p.urls.site}${path}`);
      for (const selector of ready) await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot(page, `${name}-${vp.name}`);
      expect(await horizontalOverflow(page), `${name} at ${vp.width}px`).toBeLessThanOrEqual(0);
      await extra?.(vp);
      await checkHeader(page, signedIn, `${name}-${vp.name}`);
    }
  }

  /** The element spans the content column on a phone: no wider than the screen, and at least 90 % of it. */
  async function fullWidthOnPhone(page: Page, selector: string, vp: (typeof VIEWPORTS)[number]): Promise<void> {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width + 0.5);
    if (vp.name === 'phone') expect(box!.width, `${selector} width on a phone`).toBeGreaterThanOrEqual(vp.width * 0.9);
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${p.urls.site}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('correct-horse-7');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-user').waitFor({ timeout: 20_000 });
  }

  it('the replay page: the VOD player and the chat replay, with the title before the chat on a phone', async () => {
    const page = await browser.context.newPage();
    await visit(page, 'replay', `/v/${videoId}`, ['[data-testid="vod-video"]', '[data-testid="chat-replay"]', '.replay__title'], false, async (vp) => {
      await fullWidthOnPhone(page, '[data-testid="vod-video"]', vp);
      let seen = '';
      await waitFor('the chat replay to show the lines said so far', async () => {
        seen = await page.getByTestId('vod-video').evaluate((v: HTMLVideoElement) => {
          // Seek once and let it finish: seeking again every poll restarts a seek a loaded machine needs > 0.5 s for.
          if (v.currentTime < 12 && !v.seeking) v.currentTime = 12;
          return `currentTime ${v.currentTime.toFixed(1)} of ${v.duration.toFixed(1)} s, readyState ${v.readyState}, seeking ${v.seeking}, error ${v.error?.code ?? 'none'}, hls.js ${v.dataset['error'] ?? 'no fatal error'}`;
        });
        return (await page.getByTestId('chat-replay-line').count()) >= 3;
      }, 30_000, 500).catch(async (err: Error) => {
        const lines = await page.getByTestId('chat-replay-line').allTextContents();
        throw new Error(`${err.message}: video ${seen}; replay lines ${JSON.stringify(lines)}`);
      });
      await screenshot(page, `replay-chat-${vp.name}`);
      expect(await horizontalOverflow(page), `replay with chat at ${vp.width}px`).toBeLessThanOrEqual(0);
      const title = await page.locator('.replay__title').boundingBox();
      const chat = await page.getByTestId('chat-replay').boundingBox();
      if (vp.name === 'phone') expect(title!.y).toBeLessThan(chat!.y);
      else expect(chat!.x).toBeGreaterThan(title!.x);
    });
    await page.close();
  }, 180_000);

  it('the clip page: the clip plays full width, and its HTML carries og: tags', async () => {
    const html = await (await fetch(`${p.urls.site}/clip/${clip.id}`)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toMatch(/<meta property="og:title" content="[^"]*어젯밤 다시보기/);
    expect(head).toContain(`<meta property="og:video" content="${p.urls.site}${clip.url}">`);
    const image = /<meta property="og:image" content="([^"]+)">/.exec(head)?.[1];
    expect(image, 'og:image').toBeDefined();
    const img = await fetch(image!);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toMatch(/^image\//);

    const page = await browser.context.newPage();
    await visit(page, 'clip', `/clip/${clip.id}`, ['[data-testid="clip-video"]', '.replay__title'], false, async (vp) => {
      await fullWidthOnPhone(page, '[data-testid="clip-video"]', vp);
      await waitFor('the clip to play', async () => (await page.getByTestId('clip-video').evaluate((v: HTMLVideoElement) => v.currentTime)) > 0.5, 30_000, 250);
    });
    await page.close();
  }, 180_000);

  it('an offline channel shows that it is offline and its past broadcasts', async () => {
    const page = await browser.context.newPage();
    await visit(page, 'channel-offline-vods', `/c/${vodOwner.slug}`, ['[data-testid="channel-offline"]', '[data-testid="past-broadcast"]', '[data-testid="chat-panel"]'], false, async (vp) => {
      expect(await page.getByTestId('past-broadcast').count()).toBe(1);
      const shelf = await page.getByTestId('past-broadcasts').boundingBox();
      expect(shelf!.x + shelf!.width).toBeLessThanOrEqual(vp.width + 0.5);
    });
    await page.close();
  }, 180_000);

  it('a channel whose publisher dropped shows "be right back" at both sizes', async () => {
    const brb = await signUp(p.urls.site, '잠깐자리비움', 'brblayout@lait.test');
    await patchChannel(brb, { title: '잠깐 자리 비움: 곧 돌아올게요', category: 'talk' });
    const pub = publish(p.urls.rtmp, await streamKeyOf(p.urls.site, brb), { durationSec: 300 });
    pubs.push(pub);
    const before = await liveOf(brb.slug);
    // A crash: no clean unpublish, the TCP connection just goes.
    pub.proc.kill('SIGKILL');
    await waitFor('the API to say "reconnecting"', async () => (await channel(brb.slug)).status === 'reconnecting', 30_000, 200);

    const page = await browser.context.newPage();
    await visit(page, 'channel-brb', `/c/${brb.slug}`, ['[data-testid="channel-brb"]', '[data-testid="chat-panel"]'], false, async () => {
      expect(await page.getByTestId('channel-brb').textContent()).toContain('잠시 후 돌아옵니다');
      expect(await page.getByTestId('channel-offline').count()).toBe(0);
    });
    // Still within the grace: the screenshots show the state the test meant to show.
    expect(await channel(brb.slug)).toMatchObject({ live: true, status: 'reconnecting', liveSince: before.liveSince });
    await page.close();
  }, 180_000);

  // Last: it signs the shared browser context in.
  it('signed in: the following page with its past-broadcasts shelf, and the dashboard while live', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'fanlayout@lait.test');
    await visit(page, 'following-vods', '/following', ['[data-testid="following-page"]', '[data-testid="followed-broadcasts"] [data-testid="past-broadcast"]'], true);

    await patchChannel(fan, { title: '팬도 방송합니다: 대시보드 레이아웃 확인', category: 'talk' });
    const pub = publish(p.urls.rtmp, await streamKeyOf(p.urls.site, fan), { durationSec: 300 });
    pubs.push(pub);
    await liveOf(fan.slug);
    await visit(page, 'dashboard-live', '/dashboard', ['[data-testid="stream-manager"]', '[data-testid="stream-manager"] [data-testid="player-video"]', '[data-testid="stream-manager"] [data-testid="chat-panel"]'], true, async (vp) => {
      await fullWidthOnPhone(page, '[data-testid="stream-manager"] [data-testid="player-video"]', vp);
      await page.locator('[data-testid="stream-manager"] [data-testid="chat-input"]').waitFor({ state: 'visible', timeout: 20_000 });
    });
    await pub.stop();
    await page.close();
  }, 240_000);
});
