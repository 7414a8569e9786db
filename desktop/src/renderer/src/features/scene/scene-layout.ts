/** Which sources a scene shows. */
export type SceneKind = 'screen' | 'camera' | 'pip';
/** Corner of the picture-in-picture camera. */
export type Corner = 'tl' | 'tr' | 'bl' | 'br';

/** A scene: what to show, and where the camera goes in `pip`. */
export interface Scene {
  kind: SceneKind;
  corner: Corner;
  /** Camera width as a fraction of the output width. */
  pipSize: number;
}

/** A rectangle in output pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Fit a source of `sw×sh` inside `box`, keeping its aspect ratio (letterbox). */
export function fitRect(sw: number, sh: number, box: Rect): Rect {
  if (sw <= 0 || sh <= 0) return box;
  const scale = Math.min(box.w / sw, box.h / sh);
  const w = Math.round(sw * scale);
  const h = Math.round(sh * scale);
  return { x: box.x + Math.round((box.w - w) / 2), y: box.y + Math.round((box.h - h) / 2), w, h };
}

/** Where the PiP camera goes: `pipSize` of the width, 16:9, with a margin of 2 % of the width. */
export function pipRect(out: { w: number; h: number }, corner: Corner, pipSize: number, cam: { w: number; h: number }): Rect {
  const margin = Math.round(out.w * 0.02);
  const w = Math.round(out.w * pipSize);
  const h = cam.w > 0 ? Math.round((w * cam.h) / cam.w) : Math.round((w * 9) / 16);
  const x = corner === 'tl' || corner === 'bl' ? margin : out.w - w - margin;
  const y = corner === 'tl' || corner === 'tr' ? margin : out.h - h - margin;
  return { x, y, w, h };
}
