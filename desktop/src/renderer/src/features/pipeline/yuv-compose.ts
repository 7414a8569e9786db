/**
 * Composition in I420, the format cameras and Chromium's capturers deliver and H.264 encodes:
 * pasting a camera frame that is already at its PiP size into a copy of the screen frame is a
 * few row copies, where a 2D canvas converts every pixel to RGB and the encoder back again
 * (measured: docs/desktop.md). Anything else (other formats, sizes that need scaling) takes
 * the canvas path.
 */

import { pipRect, type Scene } from '../scene/scene-layout';

/** A rectangle in output pixels, even-aligned (I420 chroma is subsampled 2×2). */
export interface EvenRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const even = (n: number) => Math.round(n / 2) * 2;

/**
 * Where the camera goes in this scene, even-aligned, at 16:9 — and so the size the camera is
 * asked to deliver (the capturer crops and scales, so its frames paste without scaling here).
 * The whole output for a camera-only scene.
 */
export function pipCameraRect(scene: Scene, width: number, height: number): EvenRect {
  if (scene.kind !== 'pip') return { x: 0, y: 0, w: width, h: height };
  return evenRect(pipRect({ w: width, h: height }, scene.corner, scene.pipSize, { w: 16, h: 9 }));
}

/** `r` snapped to even coordinates and size. */
export function evenRect(r: EvenRect): EvenRect {
  return { x: even(r.x), y: even(r.y), w: Math.max(2, even(r.w)), h: Math.max(2, even(r.h)) };
}

/** copyTo copies the visible rectangle (the capturer's crop), so only the format matters. */
const isI420 = (f: VideoFrame) => f.format === 'I420' && !!f.visibleRect && f.visibleRect.x % 2 === 0 && f.visibleRect.y % 2 === 0;

/** Whether `main` (output size) and `pip` (exactly `at`'s size) can be composed in I420. */
export function canComposeI420(main: VideoFrame, pip: VideoFrame | null, width: number, height: number, at: EvenRect): boolean {
  if (!isI420(main) || main.displayWidth !== width || main.displayHeight !== height || width % 2 || height % 2) return false;
  if (!pip) return true;
  return isI420(pip) && pip.displayWidth === at.w && pip.displayHeight === at.h && at.x + at.w <= width && at.y + at.h <= height;
}

/** An I420 picture in memory: one buffer, three planes (Y, U, V) at offsets with strides. */
export interface Planes {
  data: Uint8Array;
  layout: PlaneLayout[];
}

async function planes(frame: VideoFrame, reuse: Uint8Array | null): Promise<Planes> {
  const size = frame.allocationSize();
  const data = reuse && reuse.byteLength === size ? reuse : new Uint8Array(size);
  const layout = await frame.copyTo(data);
  return { data, layout };
}

/** Copies `src` (at.w×at.h) into `dst` at (at.x, at.y), one plane at a time (chroma at half size). */
export function paste(dst: Planes, src: Planes, at: EvenRect): void {
  for (let p = 0; p < 3; p++) {
    const d = dst.layout[p];
    const s = src.layout[p];
    if (!d || !s) return;
    const sub = p === 0 ? 1 : 2;
    const rows = at.h / sub;
    const cols = at.w / sub;
    for (let row = 0; row < rows; row++) {
      const from = s.offset + row * s.stride;
      const to = d.offset + (at.y / sub + row) * d.stride + at.x / sub;
      dst.data.set(src.data.subarray(from, from + cols), to);
    }
  }
}

/**
 * A half-size copy of a w×h I420 picture (every other pixel and row; w and h multiples of 4),
 * into `reuse` when it has the right size.
 */
export function halve(src: Planes, w: number, h: number, reuse: Uint8Array | null): Planes {
  const hw = w / 2;
  const hh = h / 2;
  const size = hw * hh * 1.5;
  const data = reuse && reuse.byteLength === size ? reuse : new Uint8Array(size);
  const layout: PlaneLayout[] = [
    { offset: 0, stride: hw },
    { offset: hw * hh, stride: hw / 2 },
    { offset: hw * hh * 1.25, stride: hw / 2 },
  ];
  for (let p = 0; p < 3; p++) {
    const s = src.layout[p];
    const d = layout[p];
    if (!s || !d) break;
    const cols = p === 0 ? hw : hw / 2;
    const rows = p === 0 ? hh : hh / 2;
    for (let row = 0; row < rows; row++) {
      const from = s.offset + row * 2 * s.stride;
      const to = d.offset + row * d.stride;
      for (let c = 0; c < cols; c++) data[to + c] = src.data[from + c * 2] ?? 0;
    }
  }
  return { data, layout };
}

/** Reusable buffers for one output size; not shared between workers. */
export function createI420Composer() {
  let mainBuf: Uint8Array | null = null;
  let pipBuf: Uint8Array | null = null;
  let smallBuf: Uint8Array | null = null;
  let halfSrcBuf: Uint8Array | null = null;
  return {
    /** `main` with `pip` pasted at `at` (or main alone), as a new I420 frame the caller closes. */
    async compose(main: VideoFrame, pip: VideoFrame | null, at: EvenRect): Promise<VideoFrame> {
      const m = await planes(main, mainBuf);
      mainBuf = m.data;
      if (pip) {
        const p = await planes(pip, pipBuf);
        pipBuf = p.data;
        paste(m, p, at);
      }
      return new VideoFrame(m.data, {
        format: 'I420', codedWidth: main.displayWidth, codedHeight: main.displayHeight, timestamp: 0, layout: m.layout,
      });
    },
    /**
     * A half-size copy for the preview (every other pixel): drawing a frame on a canvas converts
     * all of its pixels, so converting a quarter of them is a quarter of the cost.
     */
    async half(frame: VideoFrame): Promise<VideoFrame | null> {
      const w = frame.displayWidth;
      const h = frame.displayHeight;
      if (!isI420(frame) || w % 4 || h % 4) return null;
      const src = await planes(frame, halfSrcBuf);
      halfSrcBuf = src.data;
      const out = halve(src, w, h, smallBuf);
      smallBuf = out.data;
      const hw = w / 2;
      const hh = h / 2;
      return new VideoFrame(out.data, { format: 'I420', codedWidth: hw, codedHeight: hh, timestamp: 0, layout: out.layout });
    },
  };
}
