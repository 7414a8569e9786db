import { fitRect, pipRect, type Scene } from '../scene/scene-layout';

/** The newest frame of each video source, kept until the next one arrives. */
export interface SceneFrames {
  screen: VideoFrame | null;
  camera: VideoFrame | null;
}

type Ctx = OffscreenCanvasRenderingContext2D;

const size = (f: VideoFrame) => ({ w: f.displayWidth, h: f.displayHeight });

/** Draws one output picture of `scene`; a missing source leaves black. */
export function drawScene(ctx: Ctx, scene: Scene, frames: SceneFrames, width: number, height: number): void {
  const out = { x: 0, y: 0, w: width, h: height };
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  const main = scene.kind === 'camera' ? frames.camera : frames.screen;
  if (main) {
    const { w, h } = size(main);
    const r = fitRect(w, h, out);
    ctx.drawImage(main, r.x, r.y, r.w, r.h);
  }
  if (scene.kind === 'pip' && frames.camera) {
    const r = pipRect(out, scene.corner, scene.pipSize, size(frames.camera));
    ctx.drawImage(frames.camera, r.x, r.y, r.w, r.h);
  }
}
