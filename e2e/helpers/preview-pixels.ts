import type { Page } from 'playwright-core';

/** An RGB colour read from the screen. */
export type Rgb = [number, number, number];

/** A rectangle as fractions of the output picture. */
export interface FracRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Reads the desktop app's preview as shown on screen. The preview canvas was handed to the
 * compositor worker (transferControlToOffscreen), so the page cannot read it back: the element's
 * screenshot is decoded in the page instead, and samples are taken at fractions of the picture.
 */
export async function readPreview(page: Page) {
  const png = await page.getByTestId('preview').screenshot();
  const data = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    // Base64, not an array of numbers: a million numbers through the protocol as JSON took seconds.
    let bin = '';
    for (let i = 0; i < rgba.length; i += 0x8000) bin += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
    return { w: bitmap.width, h: bitmap.height, rgba: btoa(bin) };
  }, png.toString('base64'));
  const px = Buffer.from(data.rgba, 'base64');
  const at = (fx: number, fy: number): Rgb => {
    const i = (Math.min(data.h - 1, Math.floor(fy * data.h)) * data.w + Math.min(data.w - 1, Math.floor(fx * data.w))) * 4;
    return [px[i]!, px[i + 1]!, px[i + 2]!];
  };
  return {
    at,
    /** How many pixels inside `r` match `test`. */
    count(r: FracRect, test: (c: Rgb) => boolean): number {
      let n = 0;
      for (let y = Math.floor(r.y * data.h); y < Math.min(data.h, (r.y + r.h) * data.h); y += 1) {
        for (let x = Math.floor(r.x * data.w); x < Math.min(data.w, (r.x + r.w) * data.w); x += 1) if (test(at((x + 0.5) / data.w, (y + 0.5) / data.h))) n += 1;
      }
      return n;
    },
  };
}

/** Whether `c` is within `tolerance` of `want` in every channel (the preview is scaled and encoded as drawn). */
export const near = (c: Rgb, want: Rgb, tolerance = 40) => c.every((v, i) => Math.abs(v - want[i]!) <= tolerance);
