import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '@lait/shared';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openRenderer } from '@lait/testkit/desktop-renderer';
import { signUp } from '@lait/testkit/accounts';
import { desktopHarness, signInApp } from '../../helpers/desktop.js';
import { near, readPreview, type FracRect, type Rgb } from '../../helpers/preview-pixels.js';
import { horizontalOverflow, screenshot } from '../../helpers/screens.js';

const MAGENTA: Rgb = [255, 0, 255];
const GREEN: Rgb = [0, 200, 80];
const BLACK: Rgb = [0, 0, 0];

/** A solid green 80×40 PNG, made by the browser (what a streamer's logo file would be). */
async function greenPng(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(80, 40);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'rgb(0, 200, 80)';
    ctx.fillRect(0, 0, 80, 40);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  });
  return Buffer.from(b64, 'base64');
}

/** The row of the layer of `kind` in the overlays panel. */
const row = (page: Page, kind: string) => page.locator(`[data-testid="overlay-row"][data-kind="${kind}"]`);

/**
 * Overlays in the desktop app's compositor (built renderer in headless Chromium, no capture
 * source: the scene is black), read back from the preview, which shows exactly the encoded picture.
 * Output 1280×720. The text layer starts at the top-left corner (margin 26 px, font 43 px, padding
 * 13 px); the image layer at the top right, a fifth of the width (256×128 at x 998, y 26); the chat
 * overlay at the bottom left (435×288 at x 26, y 406).
 */
describe('desktop broadcaster: overlays on the scene', () => {
  const streamer = { email: 'overlay-caster@lait.test', password: 'violet-harbor-2026', nickname: '오버레이방장' };
  const h = desktopHarness({ settings: { preset: '720p' } });

  it('draws a Hangul text layer with its box and a picked image, hides them when toggled off, keeps them after a restart, and puts chat on the picture', async () => {
    await signUp(h.server.url, streamer);
    const app = await h.browser.context.newPage();
    await app.setViewportSize({ width: 1366, height: 768 });
    const errors = await openRenderer(app, h.renderer.url, h.desktop.bridgeUrl);

    // Text layer: Hangul, magenta box.
    await app.getByTestId('overlay-add-text').click();
    await app.getByTestId('overlay-text').fill('안녕하세요 라잇 방송');
    await app.getByTestId('overlay-background').fill('#ff00ff');
    const textPad = { x: 30 / 1280, y: 30 / 720 };
    const textBox: FracRect = { x: 26 / 1280, y: 26 / 720, w: 0.3, h: 80 / 720 };
    await expect.poll(async () => (await readPreview(app)).at(textPad.x, textPad.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, MAGENTA));
    // The glyphs are drawn in white over the box (Hangul from Noto Sans CJK, not blank).
    const shot = await readPreview(app);
    expect(shot.count(textBox, (c) => near(c, [255, 255, 255], 60))).toBeGreaterThan(50);
    expect(shot.count(textBox, (c) => near(c, MAGENTA))).toBeGreaterThan(200);
    expect(await row(app, 'text').textContent()).toContain('안녕하세요 라잇 방송');

    // Image layer: a solid green PNG through the file input.
    await app.getByTestId('overlay-add-image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await greenPng(app) });
    const imageMid = { x: (998 + 128) / 1280, y: (26 + 64) / 720 };
    await expect.poll(async () => (await readPreview(app)).at(imageMid.x, imageMid.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, GREEN));
    // Its aspect ratio is kept: 256×128, so just below it is the black scene.
    expect(near((await readPreview(app)).at(imageMid.x, (26 + 128 + 12) / 720), BLACK)).toBe(true);

    // Toggled off, each layer leaves the picture; the other stays.
    await row(app, 'image').getByTestId('overlay-visible').uncheck();
    await expect.poll(async () => (await readPreview(app)).at(imageMid.x, imageMid.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, BLACK));
    expect(near((await readPreview(app)).at(textPad.x, textPad.y), MAGENTA)).toBe(true);
    await row(app, 'text').getByTestId('overlay-visible').uncheck();
    await expect.poll(async () => (await readPreview(app)).at(textPad.x, textPad.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, BLACK));
    await row(app, 'image').getByTestId('overlay-visible').check();
    await expect.poll(async () => (await readPreview(app)).at(imageMid.x, imageMid.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, GREEN));

    // Saved with the settings: after a reload (the app restarting) the image is there again, the text still off.
    const saved = () => (JSON.parse(readFileSync(path.join(h.desktop.dataDir, 'settings.json'), 'utf8')) as Settings).overlays.map((l) => [l.kind, l.visible]);
    await expect.poll(() => { try { return saved(); } catch { return null; } }, { timeout: 5000 }).toEqual([['text', false], ['image', true]]);
    await app.reload();
    await app.getByTestId('go-live').waitFor();
    await expect.poll(async () => (await readPreview(app)).at(imageMid.x, imageMid.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, GREEN));
    expect(near((await readPreview(app)).at(textPad.x, textPad.y), BLACK)).toBe(true);

    // Chat overlay: the streamer's own channel chat, nickname in blue over a translucent box.
    await signInApp(app, streamer);
    await app.getByTestId('overlay-add-chat').click();
    const chatBox: FracRect = { x: 26 / 1280, y: 406 / 720, w: 435 / 1280, h: 288 / 720 };
    const nickBlue = (c: Rgb) => c[2] > 150 && c[0] < 180 && c[2] - c[0] > 60;
    expect((await readPreview(app)).count(chatBox, nickBlue)).toBe(0);
    await app.getByTestId('chat-input').fill('오버레이에 나와요');
    await app.getByTestId('chat-send').click();
    await app.locator('[data-testid="chat-message"]', { hasText: '오버레이에 나와요' }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await readPreview(app)).count(chatBox, nickBlue), { timeout: 5000 }).toBeGreaterThan(20);

    // All three on the picture for the screenshot that goes with the others.
    await row(app, 'text').getByTestId('overlay-visible').check();
    await expect.poll(async () => (await readPreview(app)).at(textPad.x, textPad.y), { timeout: 5000 }).toSatisfy((c: Rgb) => near(c, MAGENTA));
    await screenshot(app, 'desktop-overlays');
    expect(await horizontalOverflow(app)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  }, 90_000);
});
