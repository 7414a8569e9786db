/// <reference lib="webworker" />
import type { Scene } from '../scene/scene-layout';
import { createChunkBatcher } from './chunk-batcher';
import { drawScene, type SceneFrames } from './compose';
import { createEpochEncoder, type EpochEncoder } from './epoch-encoder';
import { OverlayState } from './overlay-state';
import type { EpochOptions, FromWorker, PipelineFormat, PipelineStats, ToWorker } from './pipeline-protocol';
import { canComposeI420, createI420Composer, pipCameraRect } from './yuv-compose';

type Slot = 'screen' | 'camera' | 'audio';
type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/**
 * The preview shows exactly the encoded picture, scaled down: at 640 wide it costs a quarter of
 * a full-size draw, and the panel shows it about that size anyway.
 */
const PREVIEW_WIDTH = 640;
/** How often the preview is redrawn while sources change: 15 fps is smooth to watch and half the cost. */
const PREVIEW_INTERVAL_MS = 1000 / 15;

/**
 * The compositor and encoder's state, owned by the worker: the sources' latest frames, the
 * output picture, the preview, the frame clock and the current epoch's encoder.
 */
export class WorkerPipeline {
  /** The page's preview canvas (transferred here), drawn at {@link PREVIEW_WIDTH} wide. */
  private preview: OffscreenCanvas | null = null;
  private previewCtx: OffscreenCanvasRenderingContext2D | null = null;
  /** The full-size composition that is encoded when the scene needs compositing. */
  private full: OffscreenCanvas | null = null;
  private fullCtx: OffscreenCanvasRenderingContext2D | null = null;
  private format: PipelineFormat = { width: 1280, height: 720, fps: 30 };
  private scene: Scene = { kind: 'pip', corner: 'br', pipSize: 0.25 };
  private readonly frames: SceneFrames = { screen: null, camera: null };
  private readonly readers: Partial<Record<Slot, ReadableStreamDefaultReader<VideoFrame | AudioData>>> = {};
  private readonly stats: PipelineStats = { late: 0, dropped: 0, encoded: 0, path: 'none' };
  private readonly composer = createI420Composer();
  private readonly overlays = new OverlayState();
  /** A new source frame since the last draw: without one, the previous picture is sent again. */
  private dirty = true;
  /** The current output picture, owned here: a frame (closed when replaced) or the full canvas. */
  private picture: VideoFrame | OffscreenCanvas | null = null;
  private previewStale = true;
  /** Off when the streamer turns the preview off or the window is hidden: it is then not drawn at all. */
  private previewEnabled = true;
  private previewDue = 0;
  private encoder: EpochEncoder | null = null;
  private encoderEpoch = -1;
  private clock: ReturnType<typeof setInterval> | null = null;
  private lastTick = 0;
  private busy = false;

  constructor(private readonly post: Post) {}

  handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'init':
        this.preview = msg.canvas;
        this.format = msg.format;
        this.scene = msg.scene;
        this.resize();
        this.startClock();
        setInterval(() => this.post({ type: 'stats', stats: { ...this.stats } }), 1000);
        break;
      case 'format':
        this.format = msg.format;
        this.resize();
        this.startClock();
        break;
      case 'scene':
        this.scene = msg.scene;
        this.dirty = true;
        break;
      case 'preview':
        this.previewEnabled = msg.enabled;
        this.previewStale = true;
        break;
      case 'video-source':
        void this.pump(msg.slot, msg.frames, (frame) => this.takeFrame(msg.slot, frame));
        break;
      case 'audio-source':
        void this.pump('audio', msg.samples, (data) => (this.encoder ? this.encoder.audio(data) : data.close()));
        break;
      case 'start-epoch':
        void this.startEpoch(msg.options);
        break;
      case 'stop-epoch':
        void this.stopEpoch();
        break;
      case 'overlays':
        if (this.overlays.setLayers(msg.layers)) this.dirty = true;
        else this.post({ type: 'overlays-rejected' });
        break;
      case 'overlay-image':
        this.overlays.setImage(msg.id, msg.image);
        this.dirty = true;
        break;
      case 'chat-lines':
        this.overlays.setChat(msg.lines);
        break;
    }
  }

  private async pump<T extends VideoFrame | AudioData>(slot: Slot, stream: ReadableStream<T> | null, take: (value: T) => void) {
    void this.readers[slot]?.cancel().catch(() => {});
    delete this.readers[slot];
    if (slot !== 'audio') {
      this.frames[slot]?.close();
      this.frames[slot] = null;
      this.dirty = true;
    }
    if (!stream) return;
    const reader = stream.getReader();
    this.readers[slot] = reader as ReadableStreamDefaultReader<VideoFrame | AudioData>;
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done || !value) break;
      if (this.readers[slot] !== reader) {
        value.close();
        break;
      }
      take(value);
    }
  }

  private takeFrame(slot: 'screen' | 'camera', frame: VideoFrame): void {
    this.frames[slot]?.close();
    this.frames[slot] = frame;
    // A hidden source's frames need no new picture.
    const visible = slot === 'screen' ? this.scene.kind !== 'camera' : this.scene.kind !== 'screen';
    if (visible) this.dirty = true;
  }

  private resize(): void {
    const { preview, format } = this;
    if (!preview) return;
    preview.width = Math.min(PREVIEW_WIDTH, format.width);
    preview.height = Math.round((preview.width * format.height) / format.width / 2) * 2;
    this.previewCtx = preview.getContext('2d', { alpha: false });
    this.full = new OffscreenCanvas(format.width, format.height);
    this.fullCtx = this.full.getContext('2d', { alpha: false });
    this.dirty = true;
  }

  private own(next: VideoFrame | OffscreenCanvas): void {
    if (this.picture instanceof VideoFrame && this.picture !== next) this.picture.close();
    this.picture = next;
  }

  /**
   * The cheapest way to this scene's picture: the captured frame itself when one source fills
   * the output (no copy at all), an I420 paste of the camera into the screen for PiP, and the
   * 2D canvas only for what needs scaling or letterboxing, or has overlay layers drawn over it.
   */
  private async composePicture(): Promise<VideoFrame | OffscreenCanvas> {
    const { format: { width, height }, scene, frames, stats } = this;
    const at = pipCameraRect(scene, width, height);
    const main = scene.kind === 'camera' ? frames.camera : frames.screen;
    const pip = scene.kind === 'pip' ? frames.camera : null;
    const overlaid = this.overlays.active();
    if (!overlaid && main && !pip && main.displayWidth === width && main.displayHeight === height) {
      stats.path = 'direct';
      return new VideoFrame(main, { timestamp: 0 });
    }
    if (!overlaid && main && canComposeI420(main, pip, width, height, at)) {
      stats.path = 'i420';
      return this.composer.compose(main, pip, at);
    }
    stats.path = 'canvas';
    if (this.fullCtx && this.full) {
      drawScene(this.fullCtx, scene, frames, width, height);
      if (overlaid) this.overlays.draw(this.fullCtx, { w: width, h: height });
    }
    return this.full ?? new OffscreenCanvas(width, height);
  }

  private async drawPreview(source: VideoFrame | OffscreenCanvas): Promise<void> {
    const { preview, previewCtx } = this;
    if (!preview || !previewCtx) return;
    const small = source instanceof VideoFrame ? await this.composer.half(source) : null;
    previewCtx.drawImage(small ?? source, 0, 0, preview.width, preview.height);
    small?.close();
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    const interval = 1000 / this.format.fps;
    if (this.lastTick && now - this.lastTick > interval * 1.5) this.stats.late += 1;
    this.lastTick = now;
    // A tick still composing when the next comes: this one is late (counted above), not queued.
    if (this.busy || !this.full) return;
    this.busy = true;
    try {
      // Recompose only when a visible source changed; a static screen costs one picture, not thirty a second.
      if (this.overlays.redrawDue(now)) this.dirty = true;
      const changed = this.dirty;
      if (this.dirty) {
        this.dirty = false;
        this.own(await this.composePicture());
        this.previewStale = true;
      }
      const picture = this.picture;
      if (!picture) return;
      if (this.previewEnabled && this.previewStale && now >= this.previewDue) {
        this.previewStale = false;
        this.previewDue = now + PREVIEW_INTERVAL_MS;
        await this.drawPreview(picture);
      }
      if (this.encoder) {
        const r = this.encoder.video(picture, now, changed);
        this.stats.dropped += r.dropped;
        if (r.sent) this.stats.encoded += 1;
      }
    } finally {
      this.busy = false;
    }
  }

  private startClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.lastTick = 0;
    // A timer, not requestAnimationFrame: rAF stops when the window is hidden and a minimised
    // broadcaster must keep sending.
    this.clock = setInterval(() => void this.tick(), 1000 / this.format.fps);
  }

  private async stopEpoch(): Promise<void> {
    const enc = this.encoder;
    this.encoder = null;
    this.encoderEpoch = -1;
    await enc?.close();
  }

  private async startEpoch(options: EpochOptions): Promise<void> {
    if (options.epoch === this.encoderEpoch && this.encoder) return;
    await this.stopEpoch();
    const epoch = options.epoch;
    this.encoderEpoch = epoch;
    const out = createChunkBatcher(epoch, (msg, transfer) => this.post(msg, transfer));
    try {
      const enc = await createEpochEncoder(options, this.format,
        (data) => out.add(data),
        (message) => this.post({ type: 'error', epoch, message }));
      if (this.encoderEpoch !== epoch) return void enc.close();
      this.encoder = enc;
      this.dirty = true;
    } catch (err) {
      this.post({ type: 'error', epoch, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
