/// <reference lib="webworker" />
import type { Scene } from '../scene/scene-layout';
import { drawScene, type SceneFrames } from './compose';
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

let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let format: PipelineFormat = { width: 1280, height: 720, fps: 30 };
let scene: Scene = { kind: 'pip', corner: 'br', pipSize: 0.25 };
const frames: SceneFrames = { screen: null, camera: null };
const readers: Partial<Record<'screen' | 'camera' | 'audio', ReadableStreamDefaultReader<VideoFrame | AudioData>>> = {};
const stats: PipelineStats = { late: 0, dropped: 0, encoded: 0 };
/** A new source frame since the last draw: without one, the previous picture is sent again. */
let dirty = true;

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

const takeFrame = (slot: 'screen' | 'camera') => (frame: VideoFrame) => {
  frames[slot]?.close();
  frames[slot] = frame;
  dirty = true;
};
const takeAudio = (data: AudioData) => (encoder ? encoder.audio(data) : data.close());

function resize() {
  if (!canvas) return;
  canvas.width = format.width;
  canvas.height = format.height;
  ctx = canvas.getContext('2d', { alpha: false });
  dirty = true;
}

let timer: ReturnType<typeof setInterval> | null = null;
let lastTick = 0;
function tick() {
  const now = performance.now();
  const interval = 1000 / format.fps;
  if (lastTick && now - lastTick > interval * 1.5) stats.late += 1;
  lastTick = now;
  if (!canvas || !ctx) return;
  // Redraw only when a source changed; a static screen costs one draw, not thirty a second.
  const redrawn = dirty;
  if (dirty) {
    drawScene(ctx, scene, frames, format.width, format.height);
    dirty = false;
  }
  if (encoder) {
    const r = encoder.video(canvas, now, redrawn);
    stats.dropped += r.dropped;
    if (r.sent) stats.encoded += 1;
  }
}
function startClock() {
  if (timer) clearInterval(timer);
  lastTick = 0;
  // A timer, not requestAnimationFrame: rAF stops when the window is hidden and a minimised
  // broadcaster must keep sending.
  timer = setInterval(tick, 1000 / format.fps);
}

async function stopEpoch() {
  const enc = encoder;
  encoder = null;
  encoderEpoch = -1;
  await enc?.close();
}

async function startEpoch(options: EpochOptions) {
  if (options.epoch === encoderEpoch && encoder) return;
  await stopEpoch();
  encoderEpoch = options.epoch;
  const epoch = options.epoch;
  try {
    const enc = await createEpochEncoder(options, format,
      (data) => post({ type: 'chunk', epoch, data }, [data.buffer]),
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
      canvas = msg.canvas;
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
