import { describe, expect, it } from 'vitest';
import { evenRect, halve, paste, pipCameraRect, type Planes } from './yuv-compose';

/** A w×h I420 picture with every Y sample `y` and every chroma sample `c`. */
function solid(w: number, h: number, y: number, c: number): Planes {
  const data = new Uint8Array(w * h * 1.5);
  data.fill(y, 0, w * h);
  data.fill(c, w * h);
  return { data, layout: [{ offset: 0, stride: w }, { offset: w * h, stride: w / 2 }, { offset: w * h * 1.25, stride: w / 2 }] };
}
const at = (p: Planes, plane: number, x: number, y: number) => {
  const l = p.layout[plane]!;
  return p.data[l.offset + y * l.stride + x];
};

describe('I420 composition', () => {
  it('pastes the camera into its corner on every plane and leaves the rest of the screen alone', () => {
    const screen = solid(64, 36, 10, 20);
    const camera = solid(16, 8, 200, 100);
    paste(screen, camera, { x: 46, y: 26, w: 16, h: 8 });
    expect(at(screen, 0, 46, 26)).toBe(200);
    expect(at(screen, 0, 61, 33)).toBe(200);
    expect(at(screen, 0, 45, 26)).toBe(10);
    expect(at(screen, 0, 46, 34)).toBe(10);
    expect(at(screen, 1, 23, 13)).toBe(100);
    expect(at(screen, 2, 30, 16)).toBe(100);
    expect(at(screen, 1, 22, 13)).toBe(20);
    expect(at(screen, 2, 31, 17)).toBe(20);
  });

  it('halves a picture for the preview by taking every other sample', () => {
    const src = solid(8, 4, 0, 0);
    for (let i = 0; i < 32; i++) src.data[i] = i; // Y row r = 8r … 8r+7
    const half = halve(src, 8, 4, null);
    expect(Array.from(half.data.subarray(0, 8))).toEqual([0, 2, 4, 6, 16, 18, 20, 22]);
    expect(half.data.byteLength).toBe(4 * 2 * 1.5);
  });

  it('puts the PiP camera on even pixels inside the picture, 16:9, in the chosen corner', () => {
    const r = pipCameraRect({ kind: 'pip', corner: 'br', pipSize: 0.25 }, 1280, 720);
    expect(r).toEqual({ x: 934, y: 514, w: 320, h: 180 });
    const tl = pipCameraRect({ kind: 'pip', corner: 'tl', pipSize: 0.33 }, 854, 480);
    for (const v of Object.values(tl)) expect(v % 2).toBe(0);
    expect(tl.x).toBeLessThan(30);
    expect(pipCameraRect({ kind: 'camera', corner: 'tl', pipSize: 0.25 }, 1920, 1080)).toEqual({ x: 0, y: 0, w: 1920, h: 1080 });
    expect(evenRect({ x: 3, y: 5, w: 7, h: 1 })).toEqual({ x: 4, y: 6, w: 8, h: 2 });
  });
});
