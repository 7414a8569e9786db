import { fitRect, pipRect, type Scene } from './scene-layout';

/** Sources the compositor draws; a missing one is simply skipped. */
export interface CompositorSources {
  screen: HTMLVideoElement | null;
  camera: HTMLVideoElement | null;
}

/**
 * Draws the scene into the canvas that is both the preview and the encoder's input, so the
 * preview is exactly what is sent. A timer (not requestAnimationFrame) drives it because rAF
 * stops when the window is hidden, and a minimised broadcaster must keep sending frames.
 */
export function createCompositor(canvas: HTMLCanvasElement, fps: number) {
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('2d canvas unavailable');
  let scene: Scene = { kind: 'pip', corner: 'br', pipSize: 0.25 };
  let sources: CompositorSources = { screen: null, camera: null };
  const ready = (v: HTMLVideoElement | null): v is HTMLVideoElement => !!v && v.readyState >= 2 && v.videoWidth > 0;

  let late = 0;
  let interval = 1000 / fps;
  let lastTick = performance.now();

  const draw = () => {
    const tick = performance.now();
    // A tick far behind its schedule means the main thread (or the CPU) cannot keep up.
    if (tick - lastTick > interval * 1.5) late += 1;
    lastTick = tick;
    const out = { x: 0, y: 0, w: canvas.width, h: canvas.height };
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, out.w, out.h);
    const { screen, camera } = sources;
    if (scene.kind !== 'camera' && ready(screen)) {
      const r = fitRect(screen.videoWidth, screen.videoHeight, out);
      ctx.drawImage(screen, r.x, r.y, r.w, r.h);
    }
    if (scene.kind === 'camera' && ready(camera)) {
      const r = fitRect(camera.videoWidth, camera.videoHeight, out);
      ctx.drawImage(camera, r.x, r.y, r.w, r.h);
    }
    if (scene.kind === 'pip' && ready(camera)) {
      const r = pipRect(out, scene.corner, scene.pipSize, { w: camera.videoWidth, h: camera.videoHeight });
      ctx.drawImage(camera, r.x, r.y, r.w, r.h);
    }
  };
  let timer = setInterval(draw, interval);
  return {
    setScene: (s: Scene) => void (scene = s),
    setSources: (s: CompositorSources) => void (sources = s),
    setFps(next: number) {
      clearInterval(timer);
      interval = 1000 / next;
      timer = setInterval(draw, interval);
    },
    /** Ticks that came more than 1.5 intervals late since the compositor started. */
    lateFrames: () => late,
    close: () => clearInterval(timer),
  };
}
