import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourcesListArgs } from '@lait/shared';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { openRenderer, serveRenderer } from '@lait/testkit/desktop-renderer';
import { startDesktop } from '../../helpers/desktop.js';

/** A 2×2 PNG (what desktopCapturer's thumbnail.toDataURL() returns, only smaller). */
const THUMB = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

/** Screens and windows come from main (desktopCapturer in the app) with thumbnails to choose from. */
describe('desktop broadcaster: choosing a screen or window', () => {
  let browser: Browser;
  let renderer: Awaited<ReturnType<typeof serveRenderer>>;
  let close: (() => Promise<void>) | undefined;
  const asked: SourcesListArgs[] = [];

  beforeAll(async () => {
    renderer = await serveRenderer();
    browser = await launchBrowser({ fakeMedia: true });
  });
  afterAll(async () => {
    await close?.();
    await browser?.close();
    await renderer?.close();
  });

  it('shows screens then windows as thumbnails with their names; a click selects, a second click clears', async () => {
    const desktop = await startDesktop({
      ffmpegPath: FFMPEG,
      settings: { locale: 'ko' },
      listSources: async (args) => {
        asked.push(args);
        return [
          { id: 'window:42:0', name: '게임 창', kind: 'window', thumbnailDataUrl: THUMB },
          { id: 'screen:0:0', name: '화면 1', kind: 'screen', thumbnailDataUrl: THUMB },
          { id: 'screen:1:0', name: '화면 2', kind: 'screen', thumbnailDataUrl: THUMB },
        ];
      },
    });
    close = desktop.close;
    const page = await browser.context.newPage();
    await openRenderer(page, renderer.url, desktop.bridgeUrl);
    const tiles = page.getByTestId('source-screen-tile');
    await expect.poll(() => tiles.count()).toBe(3);
    expect(asked[0]?.thumbnailWidth, 'thumbnails are asked for').toBeGreaterThan(0);
    expect(await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-source-id')))).toEqual(['screen:0:0', 'screen:1:0', 'window:42:0']);
    expect(await tiles.nth(2).textContent()).toContain('게임 창');
    // The thumbnail image really loads.
    expect(await tiles.nth(0).locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

    await tiles.nth(2).click();
    expect(await tiles.nth(2).getAttribute('aria-selected')).toBe('true');
    expect(await tiles.nth(0).getAttribute('aria-selected')).toBe('false');
    await tiles.nth(2).click();
    expect(await tiles.nth(2).getAttribute('aria-selected')).toBe('false');
    await page.close();
  }, 60_000);
});
