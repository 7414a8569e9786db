import type { ChatOverlay, ImageOverlay, TextOverlay } from '@lait/shared';
import { describe, expect, it } from 'vitest';
import { chatRect, imageRect, placeRect, textFontPx, textRect } from './overlay-layout';

const out = { w: 1280, h: 720 };
const text = (over: Partial<TextOverlay> = {}): TextOverlay => ({
  id: 't', kind: 'text', visible: true, position: { kind: 'corner', corner: 'tl', margin: 0.02 }, text: '안녕', fontSize: 0.05, color: '#ffffff', background: null, ...over,
});

describe('overlay layout', () => {
  it('puts a point-positioned layer with its top-left corner at the fractions of the output', () => {
    expect(placeRect({ kind: 'point', x: 0.25, y: 0.5 }, 100, 50, out)).toEqual({ x: 320, y: 360, w: 100, h: 50 });
  });

  it('slides a layer placed near the right or bottom edge back inside the picture', () => {
    expect(placeRect({ kind: 'point', x: 0.95, y: 1 }, 200, 100, out)).toEqual({ x: 1080, y: 620, w: 200, h: 100 });
  });

  it('keeps the margin (a fraction of the width) from both edges of each corner', () => {
    const at = (corner: 'tl' | 'tr' | 'bl' | 'br') => placeRect({ kind: 'corner', corner, margin: 0.05 }, 100, 40, out);
    expect(at('tl')).toEqual({ x: 64, y: 64, w: 100, h: 40 });
    expect(at('tr')).toEqual({ x: 1280 - 100 - 64, y: 64, w: 100, h: 40 });
    expect(at('bl')).toEqual({ x: 64, y: 720 - 40 - 64, w: 100, h: 40 });
    expect(at('br')).toEqual({ x: 1116, y: 616, w: 100, h: 40 });
  });

  it('sizes text from the output height and pads its box by 30 % of the font size', () => {
    const layer = text({ fontSize: 0.1 });
    expect(textFontPx(layer, out)).toBe(72);
    // 72 px font: 22 px padding, one line of 90 px.
    expect(textRect(layer, 300, out)).toEqual({ x: 26, y: 26, w: 344, h: 134 });
    expect(textFontPx(text({ fontSize: 0.01 }), { w: 320, h: 180 })).toBe(8);
  });

  it('scales an image to its width fraction and keeps its aspect ratio', () => {
    const layer: ImageOverlay = { id: 'i', kind: 'image', visible: true, position: { kind: 'corner', corner: 'br', margin: 0 }, src: 'data:image/png;base64,', width: 0.25 };
    expect(imageRect(layer, { w: 400, h: 200 }, out)).toEqual({ x: 960, y: 560, w: 320, h: 160 });
    expect(imageRect(layer, { w: 400, h: 200 }, { w: 1920, h: 1080 })).toEqual({ x: 1440, y: 840, w: 480, h: 240 });
  });

  it('sizes the chat box as fractions of both sides', () => {
    const layer: ChatOverlay = { id: 'c', kind: 'chat', visible: true, position: { kind: 'corner', corner: 'bl', margin: 0.02 }, width: 0.3, height: 0.5, maxMessages: 5, fontSize: 0.03 };
    expect(chatRect(layer, out)).toEqual({ x: 26, y: 720 - 360 - 26, w: 384, h: 360 });
  });
});
