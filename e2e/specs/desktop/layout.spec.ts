import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareServer, type BareServer } from '@lait/testkit/bare-server';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { startDesktop } from '../../helpers/desktop.js';
import { horizontalOverflow, screenshot } from '../../helpers/screens.js';

/**
 * The desktop app on a 1366×768 laptop, signed in with chat open: nothing scrolls sideways, the
 * output settings are within reach (no sideways scroll to get to them), and the chat is large
 * enough to read. A screenshot goes with the other pages' (e2e/test-results/screenshots).
 */
describe('desktop broadcaster on a 1366×768 screen', () => {
  let server: BareServer;
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  let desktop: Awaited<ReturnType<typeof startDesktop>>;
  const streamer = { email: 'layout-caster@lait.test', password: 'violet-harbor-2026', nickname: '노트북방장' };

  beforeAll(async () => {
    server = await startBareServer({});
    renderer = await serveRenderer();
    desktop = await startDesktop({ ffmpegPath: null, settings: { serverUrl: server.url, mode: 'account' } });
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
    await renderer?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('fits without sideways scrolling, with the output settings and a readable chat on screen', async () => {
    await signUp(server.url, streamer);
    const app = await browser.context.newPage();
    await app.setViewportSize({ width: 1366, height: 768 });
    const errors = await openRenderer(app, renderer.url, desktop.bridgeUrl);
    await app.getByTestId('signin-email').fill(streamer.email);
    await app.getByTestId('signin-password').fill(streamer.password);
    await app.getByTestId('signin-submit').click();
    await app.locator('[data-testid="chat-connection"][data-state="connected"]').waitFor({ timeout: 20_000 });

    await screenshot(app, 'desktop-app-1366');
    expect(await horizontalOverflow(app)).toBeLessThanOrEqual(0);
    // Every output control lies within the window's width (reachable by scrolling down at most).
    for (const id of ['output-preset', 'output-fps', 'output-bitrate', 'output-encoder', 'go-live']) {
      const box = await app.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x, id).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(1366);
    }
    // The output settings start on the first screen, under the preview, without scrolling.
    expect((await app.getByTestId('output-preset').boundingBox())!.y).toBeLessThan(768);
    // The chat: a list at least 240 px tall and 280 px wide, in text of at least 13 px.
    const list = await app.getByTestId('chat-list').boundingBox();
    expect(list!.height).toBeGreaterThanOrEqual(240);
    expect(list!.width).toBeGreaterThanOrEqual(280);
    const fontPx = await app.getByTestId('chat-list').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(13);
    expect(errors).toEqual([]);
  });
});
