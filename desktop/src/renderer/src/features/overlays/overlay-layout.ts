import type { ChatOverlay, ImageOverlay, OverlayPosition, TextOverlay } from '@lait/shared';
import type { Rect } from '../scene/scene-layout';

/** The output picture's size in pixels. */
export interface OutputSize {
  w: number;
  h: number;
}

/**
 * Places a `w×h` layer on the output. A point is its top-left corner as fractions of the output;
 * a corner keeps `margin × output width` from both edges. Either way the layer stays inside the
 * picture as far as its size allows (a point near the right edge slides left, as in OBS).
 */
export function placeRect(position: OverlayPosition, w: number, h: number, out: OutputSize): Rect {
  const clamp = (v: number, size: number, room: number) => Math.max(0, Math.min(v, room - size));
  if (position.kind === 'point') {
    return { x: clamp(Math.round(position.x * out.w), w, out.w), y: clamp(Math.round(position.y * out.h), h, out.h), w, h };
  }
  const m = Math.round(position.margin * out.w);
  const left = position.corner === 'tl' || position.corner === 'bl';
  const top = position.corner === 'tl' || position.corner === 'tr';
  return { x: clamp(left ? m : out.w - w - m, w, out.w), y: clamp(top ? m : out.h - h - m, h, out.h), w, h };
}

/** A text layer's font size in pixels: a fraction of the output height, at least 8 px. */
export const textFontPx = (layer: Pick<TextOverlay, 'fontSize'>, out: OutputSize) => Math.max(8, Math.round(layer.fontSize * out.h));

/** Padding of a text layer's box around the text: 30 % of the font size. */
export const textPaddingPx = (fontPx: number) => Math.round(fontPx * 0.3);

/** A text layer's box for text `textWidth` pixels wide: one line of 1.25 × the font size plus padding. */
export function textRect(layer: TextOverlay, textWidth: number, out: OutputSize): Rect {
  const font = textFontPx(layer, out);
  const pad = textPaddingPx(font);
  return placeRect(layer.position, Math.ceil(textWidth) + 2 * pad, Math.round(font * 1.25) + 2 * pad, out);
}

/** An image layer: `width` of the output wide, the picture's own aspect ratio. */
export function imageRect(layer: ImageOverlay, natural: { w: number; h: number }, out: OutputSize): Rect {
  const w = Math.max(1, Math.round(layer.width * out.w));
  const h = natural.w > 0 ? Math.max(1, Math.round((w * natural.h) / natural.w)) : w;
  return placeRect(layer.position, w, h, out);
}

/** The chat box: `width` × `height` of the output. */
export function chatRect(layer: ChatOverlay, out: OutputSize): Rect {
  return placeRect(layer.position, Math.round(layer.width * out.w), Math.round(layer.height * out.h), out);
}
