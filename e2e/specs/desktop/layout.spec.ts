import { describe, expect, it } from 'vitest';
import { openRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { desktopHarness, signInApp } from '../../helpers/desktop.js';
import { horizontalOverflow, screenshot } from '../../helpers/screens.js';

/**
 * The desktop app on a 1366×768 laptop, signed in with chat open: nothing scrolls sideways, the
 * output settings are within reach (no sideways scroll to get to them), and the chat is large
 * enough to read. A screenshot goes with the other pages' (e2e/test-results/screenshots).
 */
describe('desktop broadcaster on a 1366×768 screen', () => {
  const streamer = { email: 'layout-caster@lait.test', password: 'violet-harbor-2026', nickname: '노트북방장' };
  const h = desktopHarness();

  it('fits without sideways scrolling, with the output settings and a readable chat on screen', async () => {
    await signUp(h.server.url, streamer);
    const app = await h.browser.context.newPage();
    await app.setViewportSize({ width: 1366, height: 768 });
    const errors = await openRenderer(app, h.renderer.url, h.desktop.bridgeUrl);
    await signInApp(app, streamer);

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
