/// <reference lib="webworker" />
import type { Scene } from '../scene/scene-layout';
import { drawScene, type SceneFrames } from './compose';
import { canComposeI420, createI420Composer, pipCameraRect } from './yuv-compose';
import { createEpochEncoder, type EpochEncoder } from './epoch-encoder';
import type { EpochOptions, FromWorker, PipelineFormat, PipelineStats, ToWorker } from './pipeline-protocol';

/**
 * The compositor and encoder, off the page's main thread. Sources arrive as VideoFrame streams
 * (MediaStreamTrackProcessor), so no <video> element decodes into the page, nothing reads a
 * canvas back for captureStream, and React never competes with the frame clock. The preview
 * canvas is the page's own, transferred here: what it shows is exactly what is encoded.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

/** The page's preview canvas (transferred here), drawn at {@link PREVIEW_WIDTH} wide. */
let preview: OffscreenCanvas | null = null;
let previewCtx: OffscreenCanvasRenderingContext2D | null = null;
/** The full-size composition that is encoded when the scene needs compositing. */
let full: OffscreenCanvas | null = null;
let fullCtx: OffscreenCanvasRenderingContext2D | null = null;
let format: PipelineFormat = { width: 1280, height: 720, fps: 30 };
let scene: Scene = { kind: 'pip', corner: 'br', pipSize: 0.25 };
const frames: SceneFrames = { screen: null, camera: null };
const readers: Partial<Record<'screen' | 'camera' | 'audio', ReadableStreamDefaultReader<VideoFrame | AudioData>>> = {};
const stats: PipelineStats = { late: 0, dropped: 0, encoded: 0, path: 'none' };
/** A new source frame since the last draw: without one, the previous picture is sent again. */
let dirty = true;

/**
 * The preview shows exactly the encoded picture, scaled down: at 640 wide it costs a quarter of
 * a full-size draw, and the panel shows it about that size anyway.
 */
const PREVIEW_WIDTH = 640;

let encoder: EpochEncoder | null = null;
let encoderEpoch = -1;

async function pump<T extends VideoFrame | AudioData>(slot: 'screen' | 'camera' | 'audio', stream: ReadableStream<T> | null, take: (value: T) => void) {
  void readers[slot]?.cancel().catch(() => {});
  delete readers[slot];
  if (slot !== 'audio') {
    frames[slot]?.close();
    frames[slot] = null;
    dirty = true;
  }
  if (!stream) return;
  const reader = stream.getReader();
  readers[slot] = reader as ReadableStreamDefaultReader<VideoFrame | AudioData>;
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
    if (done || !value) break;
    if (readers[slot] !== reader) {
      value.close();
      break;
    }
    take(value);
  }
}

/** Whether the scene shows this source: a hidden camera's frames need no new picture. */
const visible = (slot: 'screen' | 'camera') => (slot === 'screen' ? scene.kind !== 'camera' : scene.kind !== 'screen');
const takeFrame = (slot: 'screen' | 'camera') => (frame: VideoFrame) => {
  frames[slot]?.close();
  frames[slot] = frame;
  if (visible(slot)) dirty = true;
};
const takeAudio = (data: AudioData) => (encoder ? encoder.audio(data) : data.close());

function resize() {
  if (!preview) return;
  preview.width = Math.min(PREVIEW_WIDTH, format.width);
  preview.height = Math.round((preview.width * format.height) / format.width / 2) * 2;
  previewCtx = preview.getContext('2d', { alpha: false });
  full = new OffscreenCanvas(format.width, format.height);
  fullCtx = full.getContext('2d', { alpha: false });
  dirty = true;
}

/** How often the preview is redrawn while sources change: 15 fps is smooth to watch and half the cost. */
const PREVIEW_INTERVAL_MS = 1000 / 15;
const composer = createI420Composer();
/** The current output picture, owned here: a frame (closed when replaced) or the full canvas. */
let picture: VideoFrame | OffscreenCanvas | null = null;
let previewStale = true;
/** Off when the streamer turns the preview off or the window is hidden: it is then not drawn at all. */
let previewEnabled = true;
let previewDue = 0;

const own = (next: VideoFrame | OffscreenCanvas) => {
  if (picture instanceof VideoFrame && picture !== next) picture.close();
  picture = next;
};

/**
 * The cheapest way to this scene's picture: the captured frame itself when one source fills
 * the output (no copy at all), an I420 paste of the camera into the screen for PiP, and the
 * 2D canvas only for what needs scaling or letterboxing.
 */
async function composePicture(): Promise<VideoFrame | OffscreenCanvas> {
  const { width, height } = format;
  const at = pipCameraRect(scene, width, height);
  const main = scene.kind === 'camera' ? frames.camera : frames.screen;
  const pip = scene.kind === 'pip' ? frames.camera : null;
  if (main && !pip && main.displayWidth === width && main.displayHeight === height) {
    stats.path = 'direct';
    return new VideoFrame(main, { timestamp: 0 });
  }
  if (main && canComposeI420(main, pip, width, height, at)) {
    stats.path = 'i420';
    return composer.compose(main, pip, at);
  }
  stats.path = 'canvas';
  if (fullCtx && full) drawScene(fullCtx, scene, frames, width, height);
  return full ?? new OffscreenCanvas(width, height);
}

async function drawPreview(source: VideoFrame | OffscreenCanvas) {
  if (!preview || !previewCtx) return;
  const small = source instanceof VideoFrame ? await composer.half(source) : null;
  previewCtx.drawImage(small ?? source, 0, 0, preview.width, preview.height);
  small?.close();
}

let timer: ReturnType<typeof setInterval> | null = null;
let lastTick = 0;
let busy = false;
async function tick() {
  const now = performance.now();
  const interval = 1000 / format.fps;
  if (lastTick && now - lastTick > interval * 1.5) stats.late += 1;
  lastTick = now;
  // A tick still composing when the next comes: this one is late (counted above), not queued.
  if (busy || !full) return;
  busy = true;
  try {
    // Recompose only when a visible source changed; a static screen costs one picture, not thirty a second.
    const changed = dirty;
    if (dirty) {
      dirty = false;
      own(await composePicture());
      previewStale = true;
    }
    if (!picture) return;
    if (previewEnabled && previewStale && now >= previewDue) {
      previewStale = false;
      previewDue = now + PREVIEW_INTERVAL_MS;
      await drawPreview(picture);
    }
    if (encoder) {
      const r = encoder.video(picture, now, changed);
      stats.dropped += r.dropped;
      if (r.sent) stats.encoded += 1;
    }
  } finally {
    busy = false;
  }
}
function startClock() {
  if (timer) clearInterval(timer);
  lastTick = 0;
  // A timer, not requestAnimationFrame: rAF stops when the window is hidden and a minimised
  // broadcaster must keep sending.
  timer = setInterval(() => void tick(), 1000 / format.fps);
}

async function stopEpoch() {
  const enc = encoder;
  encoder = null;
  encoderEpoch = -1;
  await enc?.close();
}

/**
 * Muxer writes are small (a block header, a frame); they are gathered and handed to the page
 * every {@link FLUSH_MS}, so the page and main see a few writes a second instead of ~100.
 */
const FLUSH_MS = 100;
function batcher(epoch: number) {
  let parts: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (size === 0) return;
    const data = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.byteLength;
    }
    parts = [];
    size = 0;
    post({ type: 'chunk', epoch, data }, [data.buffer]);
  };
  return {
    add(data: Uint8Array) {
      parts.push(data);
      size += data.byteLength;
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}

async function startEpoch(options: EpochOptions) {
  if (options.epoch === encoderEpoch && encoder) return;
  await stopEpoch();
  encoderEpoch = options.epoch;
  const epoch = options.epoch;
  const out = batcher(epoch);
  try {
    const enc = await createEpochEncoder(options, format,
      (data) => out.add(data),
      (message) => post({ type: 'error', epoch, message }));
    if (encoderEpoch !== epoch) return void enc.close();
    encoder = enc;
    dirty = true;
  } catch (err) {
    post({ type: 'error', epoch, message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'init':
      preview = msg.canvas;
      format = msg.format;
      scene = msg.scene;
      resize();
      startClock();
      setInterval(() => post({ type: 'stats', stats: { ...stats } }), 1000);
      break;
    case 'format':
      format = msg.format;
      resize();
      startClock();
      break;
    case 'scene':
      scene = msg.scene;
      dirty = true;
      break;
    case 'preview':
      previewEnabled = msg.enabled;
      previewStale = true;
      break;
    case 'video-source':
      void pump(msg.slot, msg.frames, takeFrame(msg.slot));
      break;
    case 'audio-source':
      void pump('audio', msg.samples, takeAudio);
      break;
    case 'start-epoch':
      void startEpoch(msg.options);
      break;
    case 'stop-epoch':
      void stopEpoch();
      break;
  }
};
