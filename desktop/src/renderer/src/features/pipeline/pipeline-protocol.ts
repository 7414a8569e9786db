import type { OverlayChatLine } from '../overlays/chat-overlay';
import type { Scene } from '../scene/scene-layout';

/** Size and rate of the composed picture (the output settings). */
export interface PipelineFormat {
  width: number;
  height: number;
  fps: number;
}

/** What one sending epoch encodes: a fresh Matroska stream, starting on a keyframe. */
export interface EpochOptions {
  epoch: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  keyframeSec: number;
  /** WebCodecs codec string, chosen on the page by {@link pickVideoCodec}. */
  codec: string;
  /** Whether the encoder accepted constant-bitrate mode for this format. */
  constantBitrate: boolean;
}

/** Page → worker. Streams are transferred (MediaStreamTrackProcessor readables). */
export type ToWorker =
  | { type: 'init'; canvas: OffscreenCanvas; format: PipelineFormat; scene: Scene }
  | { type: 'format'; format: PipelineFormat }
  | { type: 'scene'; scene: Scene }
  | { type: 'preview'; enabled: boolean }
  | { type: 'video-source'; slot: 'screen' | 'camera'; frames: ReadableStream<VideoFrame> | null }
  | { type: 'audio-source'; samples: ReadableStream<AudioData> | null }
  | { type: 'start-epoch'; options: EpochOptions }
  | { type: 'stop-epoch' }
  /** Overlay layers, bottom first; the worker validates them against `OverlayLayersSchema`. */
  | { type: 'overlays'; layers: unknown }
  /** An image layer's decoded picture (transferred); null drops it. */
  | { type: 'overlay-image'; id: string; image: ImageBitmap | null }
  | { type: 'chat-lines'; lines: OverlayChatLine[] };

/** Counters since the pipeline started, read by the health panel. */
export interface PipelineStats {
  /** Compositor ticks that came more than 1.5 intervals late (the page or CPU cannot keep up). */
  late: number;
  /** Frames not sent because the encoder was still busy with earlier ones. */
  dropped: number;
  encoded: number;
  /** How the last picture was made: the captured frame itself, an I420 paste, or the 2D canvas. */
  path: 'direct' | 'i420' | 'canvas' | 'none';
}

/** Worker → page. `chunk` carries Matroska bytes of `epoch`, in order. */
export type FromWorker =
  | { type: 'chunk'; epoch: number; data: Uint8Array }
  | { type: 'stats'; stats: PipelineStats }
  | { type: 'error'; epoch: number; message: string }
  /** Layers the worker refused (they failed the schema): the old ones stay drawn. */
  | { type: 'overlays-rejected' };
